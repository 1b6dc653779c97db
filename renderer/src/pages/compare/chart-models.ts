// Turns what the core returns (series, seed groups, deltas) into what the chart draws, with colours from
// the palette in the order of the selection, so a run keeps its colour across every chart on the page.
import type { ChartSeries, DeltaResult, SeedGroupResult, SeriesResult, XKind } from '../../../../shared/domain/run-views';
import type { ChartModel, LegendEntry } from '../../components/series-chart/chart-model';
import type { ColorOf } from '../../components/series-chart/series-colors';
import { seriesDash } from '../../theme/palette';

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Why some of a series' points are not on the chart: no value in the x unit, or x ≤ 0 on a log axis. */
export function pointsOffChart(series: Pick<ChartSeries, 'unplaced' | 'belowLogAxis'>, x: XKind): string | undefined {
  const unit = x === 'flops' ? 'tokens' : x === 'relative-time' || x === 'time' ? 'time' : x;
  const parts = [
    series.unplaced > 0 ? `${plural(series.unplaced, 'point')} without ${unit}` : null,
    series.belowLogAxis > 0 ? `${plural(series.belowLogAxis, 'point')} at ${x === 'flops' ? 'FLOPs' : unit} ≤ 0, off the log axis` : null,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Runs as lines; `labels` tells the runs apart (run-labels.ts). */
export function seriesModel(result: SeriesResult, runOrder: readonly string[], labels: ReadonlyMap<string, string>, seriesColor: ColorOf): ChartModel {
  const model: ChartModel = { lines: [], bands: [], markers: [], legend: [] };
  for (const s of result.series) {
    const index = Math.max(0, runOrder.indexOf(s.runId));
    const color = seriesColor(index);
    const dash = seriesDash(index);
    const key = s.runId;
    const detail = s.note ?? pointsOffChart(s, result.x);
    const entry: LegendEntry = { key, label: labels.get(s.runId) ?? s.runId, color, dash, detail };
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
