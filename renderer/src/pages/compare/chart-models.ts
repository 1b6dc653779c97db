// Turns what the core returns (series, seed groups, deltas) into what the chart draws, with colours from
// the palette in the order of the selection, so a run keeps its colour across every chart on the page.
import type { DeltaResult, RunRow, SeedGroupResult, SeriesResult } from '../../../../shared/domain/run-views';
import type { ChartModel, LegendEntry } from '../../components/series-chart/chart-model';
import type { ColorOf } from '../../components/series-chart/series-colors';
import { seriesDash } from '../../theme/palette';

export function runLabel(run: RunRow | undefined, runId: string): string {
  if (!run) return runId;
  const name = run.name ?? run.id;
  return run.seed !== null && run.variant ? `${name} (seed ${run.seed})` : name;
}

export function seriesModel(result: SeriesResult, runOrder: readonly string[], runs: ReadonlyMap<string, RunRow>, seriesColor: ColorOf): ChartModel {
  const model: ChartModel = { lines: [], bands: [], markers: [], legend: [] };
  for (const s of result.series) {
    const index = Math.max(0, runOrder.indexOf(s.runId));
    const color = seriesColor(index);
    const dash = seriesDash(index);
    const key = s.runId;
    const detail = s.note ?? (s.unplaced > 0 ? `${s.unplaced} points without ${result.x === 'flops' ? 'tokens' : result.x}` : undefined);
    const entry: LegendEntry = { key, label: runLabel(runs.get(s.runId), s.runId), color, dash, detail };
    model.legend.push(entry);
    model.lines.push({ key: `${key}:raw`, legendKey: key, color, dash, xs: s.xs, ys: s.ys, faint: s.smoothed !== null });
    if (s.smoothed) model.lines.push({ key: `${key}:smoothed`, legendKey: key, color, dash, xs: s.smoothed.xs, ys: s.smoothed.ys });
    if (s.markerXs.length > 0) model.markers.push({ key: `${key}:markers`, legendKey: key, color, xs: s.markerXs, kinds: s.markerKinds });
  }
  return model;
}

export function seedModel(result: SeedGroupResult, seriesColor: ColorOf): ChartModel {
  const model: ChartModel = { lines: [], bands: [], markers: [], legend: [] };
  result.groups.forEach((group, index) => {
    const color = seriesColor(index);
    const dash = seriesDash(index);
    const seeds = group.runIds.length;
    model.legend.push({ key: group.key, label: group.label, color, dash, detail: `${seeds} run${seeds === 1 ? '' : 's'}${seeds > 1 ? (result.band === 'std' ? ', ±1 sd' : ', min–max') : ''}` });
    if (seeds > 1) model.bands.push({ key: `${group.key}:band`, legendKey: group.key, color, xs: group.xs, lower: group.lower, upper: group.upper });
    model.lines.push({ key: `${group.key}:mean`, legendKey: group.key, color, dash, xs: group.xs, ys: group.mean });
  });
  return model;
}

export function deltaModel(result: DeltaResult, seriesColor: ColorOf): ChartModel {
  const model: ChartModel = { lines: [], bands: [], markers: [], legend: [] };
  result.deltas.forEach((curve, index) => {
    const color = seriesColor(index + 1);
    const dash = seriesDash(index + 1);
    model.legend.push({ key: curve.key, label: `${curve.label} − ${result.baselineLabel}`, color, dash, detail: result.band === 'standard-error' ? '±1 standard error' : 'min–max of seed pairs' });
    model.bands.push({ key: `${curve.key}:band`, legendKey: curve.key, color, xs: curve.xs, lower: curve.lower, upper: curve.upper });
    model.lines.push({ key: `${curve.key}:delta`, legendKey: curve.key, color, dash, xs: curve.xs, ys: curve.delta });
  });
  if (result.deltas.length > 0 && result.from !== null && result.to !== null) {
    model.lines.push({ key: 'zero', legendKey: 'zero', color: seriesColor(0), dash: '4 4', xs: [result.from, result.to], ys: [0, 0], faint: true });
    model.legend.unshift({ key: 'zero', label: `${result.baselineLabel} (zero)`, color: seriesColor(0), dash: '4 4' });
  }
  return model;
}
