// The series an alert fired on, as it stood when it fired: the stretch before the alert's step and a
// little after, with the step marked.
import { useMemo } from 'react';
import type { AlertInfo } from '../../../../shared/api/alerts-methods';
import { useApiQuery } from '../../api/use-api';
import type { ChartModel } from '../../components/series-chart/chart-model';
import { useChartTheme } from '../../components/series-chart/chart-theme';
import { plotWidth, SeriesChart } from '../../components/series-chart/series-chart';
import { seriesColorsFor } from '../../components/series-chart/series-colors';
import { useElementWidth } from '../../components/series-chart/use-element-width';
import { ErrorPanel, LoadingState } from '../../components/state-views';

const NOTHING_HIDDEN = new Set<string>();

/** From where the event began (a climb's or a storm's first step) or a stretch before it, to a little after. */
export function alertChartRange(alert: Pick<AlertInfo, 'step' | 'detail'>): [number, number] {
  const step = alert.step ?? 0;
  const began = typeof alert.detail.fromStep === 'number' ? alert.detail.fromStep : step;
  const span = Math.max(step - began, step * 0.15, 50);
  return [Math.max(0, began - span), step + span * 0.25];
}

export function AlertChart({ alert }: { alert: AlertInfo }) {
  const [frame, width, measured] = useElementWidth<HTMLDivElement>(600);
  const color = seriesColorsFor(useChartTheme().name)(0);
  const [from, to] = alertChartRange(alert);
  const metric = alert.metric ?? '';
  const series = useApiQuery('getSeries', { runIds: [alert.runId], metrics: [metric], width: plotWidth(width), from, to, x: 'step' }, { enabled: measured && metric !== '' });
  const model = useMemo<ChartModel>(() => {
    const model: ChartModel = { lines: [], bands: [], markers: [], legend: [] };
    for (const s of series.data?.series ?? []) {
      model.legend.push({ key: s.runId, label: `${s.runId} ${s.metric}`, color, dash: '' });
      model.lines.push({ key: `${s.runId}:line`, legendKey: s.runId, color, dash: '', xs: s.xs, ys: s.ys });
      if (s.markerXs.length > 0) model.markers.push({ key: `${s.runId}:markers`, legendKey: s.runId, color, xs: s.markerXs, kinds: s.markerKinds });
    }
    return model;
  }, [series.data, color]);
  return (
    <div ref={frame} className="alert-chart" data-testid="alert-chart">
      {series.isLoading && <LoadingState what="the chart" />}
      {series.error && <ErrorPanel error={series.error} />}
      {series.data && (
        <SeriesChart
          model={model}
          width={width}
          height={200}
          xKind="step"
          xDomain={[from, to]}
          xLog={false}
          yLog={false}
          xLabel="step"
          yLabel={metric}
          hidden={NOTHING_HIDDEN}
          compact
          referenceX={alert.step !== null ? { x: alert.step, label: 'fired here' } : null}
          testId="alert-series-chart"
        />
      )}
    </div>
  );
}
