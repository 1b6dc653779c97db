// Small multiples of an ablation: one chart per variant with its seeds (mean and min–max band) over the
// baseline's, against the ablation's compare_at unit, the comparison point marked.
import { useMemo } from 'react';
import type { AblationDetail, AblationAtSize, SeedGroup } from '../../../../shared/domain/run-views';
import { routeHref } from '../../app/router';
import { useApiQuery } from '../../api/use-api';
import { X_LABELS } from '../../components/series-chart/chart-format';
import type { ChartModel } from '../../components/series-chart/chart-model';
import { plotWidth, SeriesChart } from '../../components/series-chart/series-chart';
import { useElementWidth } from '../../components/series-chart/use-element-width';
import { ErrorPanel, LoadingState } from '../../components/state-views';
import { useChartTheme } from '../../components/series-chart/chart-theme';
import { seriesColorsFor } from '../../components/series-chart/series-colors';
import { sizeLabel, signed, verdictColor, VERDICT_TEXT } from './ablation-format';

const EMPTY_HIDDEN = new Set<string>();

function multipleModel(variant: SeedGroup, baseline: SeedGroup | undefined, color: string, grey: string): ChartModel {
  const model: ChartModel = { lines: [], bands: [], markers: [], legend: [] };
  for (const [group, c, faint] of [[baseline, grey, true], [variant, color, false]] as const) {
    if (!group) continue;
    if (group.runIds.length > 1) model.bands.push({ key: `${group.key}:band`, legendKey: group.key, color: c, xs: group.xs, lower: group.lower, upper: group.upper });
    model.lines.push({ key: `${group.key}:mean`, legendKey: group.key, color: c, dash: faint ? '5 3' : '', xs: group.xs, ys: group.mean });
    model.legend.push({ key: group.key, label: group.label, color: c, dash: faint ? '5 3' : '' });
  }
  return model;
}

export function AblationCurves({ ablation, size }: { ablation: AblationDetail; size: AblationAtSize }) {
  const [frame, width, measured] = useElementWidth<HTMLDivElement>();
  const seriesColor = seriesColorsFor(useChartTheme().name);
  const runIds = useMemo(() => ablation.runs.filter((r) => r.params === size.params && r.variant !== null).map((r) => r.id), [ablation.runs, size.params]);
  const columns = Math.max(1, Math.min(3, Math.floor(width / 340)));
  const cellWidth = Math.floor((width - (columns - 1) * 12) / columns);
  const x = ablation.compareAt;
  const groups = useApiQuery(
    'getSeedGroups',
    // From a tenth of the comparison point on: the first steps' loss would squeeze the part that decides.
    { runIds, metric: ablation.metric ?? '', width: plotWidth(cellWidth - 14), x, from: size.x !== null ? size.x / 10 : undefined, band: 'min-max', groupBy: 'variant' },
    { enabled: runIds.length > 0 && ablation.metric !== null && measured },
  );
  const baselineIds = ablation.runs.filter((r) => runIds.includes(r.id) && r.variant === ablation.baseline).map((r) => r.id);
  const byVariant = new Map((groups.data?.groups ?? []).map((g) => [g.label, g]));
  const baseline = ablation.baseline ? byVariant.get(ablation.baseline) : undefined;
  const from = groups.data?.from ?? null;
  const to = groups.data?.to ?? null;
  return (
    <div ref={frame} className="ablation-curves" data-testid="ablation-curves">
      <div className="row">
        <h3 className="curves-size">{sizeLabel(size.params)}</h3>
        <span className="muted small">
          Each variant’s seeds (mean, min–max band) over the baseline’s (dashed grey); the dotted line is the comparison point.
        </span>
        <div className="grow" />
        <a className="btn small" href={routeHref('compare', { runs: runIds, baseline: baselineIds.length > 0 ? baselineIds : undefined, view: baselineIds.length > 0 ? 'delta' : 'seeds', x: x === 'step' ? undefined : x, metrics: ablation.metric ? [ablation.metric] : undefined })}>
          Open in Compare
        </a>
      </div>
      {groups.isLoading && <LoadingState what="curves" />}
      {groups.error && <ErrorPanel error={groups.error} />}
      <div className="small-multiples" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
        {size.variants.map((v, i) => {
          const group = byVariant.get(v.variant);
          if (!group) return null;
          return (
            <figure key={v.variant} className="small-multiple" data-testid="small-multiple">
              <figcaption>
                <strong>{v.variant}</strong>
                {v.verdict && (
                  <span className="badge verdict" style={{ color: verdictColor(v.verdict), borderColor: verdictColor(v.verdict) }}>
                    {VERDICT_TEXT[v.verdict]}
                  </span>
                )}
                {v.delta !== null && <span className="muted small">Δ {signed(v.delta)}</span>}
              </figcaption>
              <SeriesChart
                model={multipleModel(group, v.isBaseline ? undefined : baseline, seriesColor(v.isBaseline ? 0 : i), seriesColor(7))}
                width={cellWidth - 14}
                height={200}
                xKind={x}
                xDomain={from !== null && to !== null ? [from, to] : null}
                xLog={false}
                yLog={false}
                xLabel={X_LABELS[x]}
                yLabel={ablation.metric ?? ''}
                hidden={EMPTY_HIDDEN}
                compact
                testId="small-multiple-chart"
                referenceX={size.x !== null ? { x: size.x, label: 'compared here' } : null}
              />
            </figure>
          );
        })}
      </div>
    </div>
  );
}
