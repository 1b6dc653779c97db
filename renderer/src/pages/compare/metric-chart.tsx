// One metric of the selected runs on the Compare page: lines (raw faint behind smoothed), seed groups
// (mean with a band) or deltas against the baseline, with its legend, eval-trust badge and exports.
import { useMemo, useRef, useState } from 'react';
import type { EvalTrust } from '../../../../shared/domain/run-views';
import { ErrorPanel } from '../../components/state-views';
import { X_LABELS } from '../../components/series-chart/chart-format';
import { ChartLegend } from '../../components/series-chart/chart-legend';
import { EMPTY_MODEL, type ChartModel } from '../../components/series-chart/chart-model';
import { useChartTheme } from '../../components/series-chart/chart-theme';
import { seriesColorsFor } from '../../components/series-chart/series-colors';
import { plotWidth, SeriesChart } from '../../components/series-chart/series-chart';
import { TrustBadge } from '../../components/series-chart/trust-badge';
import { ChartExports } from './chart-exports';
import { deltaModel, seedModel, seriesModel } from './chart-models';
import type { CompareSettings } from './compare-settings';
import { useChartData } from './use-chart-data';

interface MetricChartProps {
  metric: string;
  trust: EvalTrust | null;
  settings: CompareSettings;
  /** Each run's label, told apart from the others' (run-labels.ts). */
  labels: ReadonlyMap<string, string>;
  width: number;
  /** False until the page knows the chart's width: fetching before would reduce to the wrong pixel count. */
  ready: boolean;
  height: number;
  onZoom(from: number, to: number): void;
}

export function MetricChart({ metric, trust, settings, labels, width, ready, height, onZoom }: MetricChartProps) {
  const s = settings;
  const pixels = plotWidth(width);
  const view = { width: pixels, from: s.from, to: s.to, x: s.x, xLog: s.xLog, smoothing: s.smoothing, runIds: s.runIds };
  const baselineOk = s.baseline.length > 0;
  const lines = useChartData('getSeries', { metrics: [metric], ...view }, s.view === 'lines' && s.runIds.length > 0 && ready);
  const seeds = useChartData('getSeedGroups', { metric, ...view, band: s.seedBand, groupBy: s.groupBy }, s.view === 'seeds' && s.runIds.length > 0 && ready);
  const deltas = useChartData(
    'getDeltas',
    { ...view, baselineRunIds: baselineOk ? s.baseline : s.runIds.slice(0, 1), metric, band: s.deltaBand, groupBy: s.groupBy },
    s.view === 'delta' && baselineOk && ready,
  );
  const active = s.view === 'lines' ? lines : s.view === 'seeds' ? seeds : deltas;
  const theme = useChartTheme();
  // What is drawn is the data on hand with the view it was asked for; the controls may be ahead of it.
  const drawnView = active.data?.view ?? null;
  const model: ChartModel = useMemo(() => {
    const colors = seriesColorsFor(theme.name);
    if (s.view === 'lines' && lines.data) return seriesModel(lines.data.output, lines.data.view.runIds, labels, colors);
    if (s.view === 'seeds' && seeds.data) return seedModel(seeds.data.output, colors);
    if (s.view === 'delta' && deltas.data) return deltaModel(deltas.data.output, colors);
    return EMPTY_MODEL;
  }, [s.view, lines.data, seeds.data, deltas.data, labels, theme.name]);
  const data = active.data?.output;
  const xDomain: [number, number] | null = data && data.from !== null && data.to !== null ? [data.from, data.to] : null;
  const xKind = drawnView?.x ?? s.x;
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const frame = useRef<HTMLDivElement>(null);
  const title = `${metric} vs ${X_LABELS[s.x].toLowerCase()}${s.view === 'delta' ? ' (delta)' : s.view === 'seeds' ? ' (seeds)' : ''}`;
  const notes = s.view === 'lines' && lines.data ? lines.data.output.series.filter((x) => x.note) : [];
  return (
    <section className="panel metric-chart" data-testid="metric-chart" data-metric={metric} aria-label={title}>
      <div className="chart-panel-head">
        <h2>
          <code>{metric}</code>
        </h2>
        <TrustBadge trust={trust} />
        {active.isFetching && <span className="muted small">updating…</span>}
        <div className="grow" />
        <ChartExports
          frame={frame}
          model={model}
          hidden={hidden}
          theme={theme}
          title={title}
          xKind={xKind}
          metric={metric}
          runIds={s.runIds}
          labels={labels}
          storedPoints={s.view === 'lines' && lines.data ? lines.data.output.series.reduce((sum, x) => sum + x.pointCount, 0) : null}
        />
      </div>
      {s.view === 'delta' && !baselineOk && (
        <p className="muted" data-testid="pick-baseline">
          Pick the baseline runs above (or pin one on the Runs page) to see each variant minus it.
        </p>
      )}
      {active.error && <ErrorPanel error={active.error} title={`Could not load ${metric}`} />}
      <div ref={frame}>
        <SeriesChart
          model={model}
          width={width}
          height={height}
          xKind={xKind}
          xDomain={xDomain}
          xLog={drawnView?.xLog ?? s.xLog}
          yLog={s.yLog}
          xLabel={X_LABELS[xKind]}
          yLabel={s.view === 'delta' ? `Δ ${metric}` : metric}
          hidden={hidden}
          onZoom={onZoom}
          testId="series-chart"
        />
      </div>
      <ChartLegend entries={model.legend} hidden={hidden} onChange={setHidden} markers={model.markers} />
      {notes.length > 0 && (
        <ul className="chart-notes muted">
          {notes.map((n) => (
            <li key={n.runId}>{n.note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
