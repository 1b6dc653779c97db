// The Compare page: one or more metrics of the selected runs against step, tokens, FLOPs or time, at
// full fidelity (M4 per pixel from the summary), smoothed, zoomable, as runs, seed groups or deltas
// against a baseline, with the config keys that differ between the runs. Its state is its route; the
// recent comparisons keep copies of it, so leaving the page loses nothing.
import { useMemo } from 'react';
import type { RunRow } from '../../../../shared/domain/run-views';
import { useApiQuery } from '../../api/use-api';
import { routeHref, updateParams, useRoute } from '../../app/router';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { useElementWidth } from '../../components/series-chart/use-element-width';
import { useChartTheme } from '../../components/series-chart/chart-theme';
import { seriesColorsFor } from '../../components/series-chart/series-colors';
import { CompareControls } from './compare-controls';
import { readCompareSettings } from './compare-settings';
import { ConfigDiffPanel } from './config-diff-panel';
import { MetricChart } from './metric-chart';
import { RecentComparisonsList, RecentComparisonsMenu } from './recent-comparisons-menu';
import { distinctRunLabels } from './run-labels';
import { SelectedRunChips } from './selected-run-chips';
import { comparisonLabel, useComparisonMemory } from './use-comparison-memory';
import '../../components/series-chart/series-chart.css';
import './compare-page.css';

function defaultMetrics(keys: string[]): string[] {
  const preferred = ['train/loss', 'loss', 'eval/loss'];
  const hit = preferred.find((k) => keys.includes(k));
  return hit ? [hit] : keys.slice(0, 1);
}

export function ComparePage() {
  const route = useRoute();
  const settings = readCompareSettings(route.params);
  const { runIds } = settings;
  const runsQuery = useApiQuery('listRuns', { ids: runIds, columns: [] }, { enabled: runIds.length > 0 });
  const metricsQuery = useApiQuery('listMetrics', { runIds }, { enabled: runIds.length > 0 });
  // Asked here and by the config panel alike (one request): it tells apart runs whose names collide.
  const diffQuery = useApiQuery('getConfigDiff', { runIds }, { enabled: runIds.length > 1 });
  const runs = useMemo(() => new Map<string, RunRow>((runsQuery.data?.runs ?? []).map((r) => [r.id, r])), [runsQuery.data]);
  const runKey = runIds.join(',');
  const labels = useMemo(() => distinctRunLabels(runKey.split(',').filter(Boolean), runs, diffQuery.data), [runKey, runs, diffQuery.data]);
  const metrics = metricsQuery.data?.metrics ?? [];
  const shown = settings.metrics.length > 0 ? settings.metrics : defaultMetrics(metrics.map((m) => m.key));
  const { recent } = useComparisonMemory(route.params, runIds, comparisonLabel(runIds, labels, shown));
  const [frame, width, measured] = useElementWidth<HTMLDivElement>();
  const chartWidth = shown.length > 1 ? Math.max(360, Math.floor((width - 14) / 2)) : width;
  const seriesColor = seriesColorsFor(useChartTheme().name);
  const trustOf = (key: string) => metrics.find((m) => m.key === key)?.trust ?? null;

  if (runIds.length === 0) {
    return (
      <div className="page">
        <PageHeader title="Compare" />
        <div className="panel">
          <EmptyState title="No runs selected">
            Pick runs on the <a href={routeHref('runs')}>Runs page</a> and press “Compare”.
          </EmptyState>
          <RecentComparisonsList recent={recent} />
        </div>
      </div>
    );
  }
  return (
    <div className="page compare-page">
      <PageHeader title="Compare" subtitle={`${runIds.length} run${runIds.length === 1 ? '' : 's'}`}>
        <RecentComparisonsMenu recent={recent} currentParams={route.params.toString()} />
        <a className="btn" href={routeHref('runs', { selected: runIds })}>
          Change selection
        </a>
      </PageHeader>
      <SelectedRunChips runIds={runIds} labels={labels} baseline={settings.baseline} seriesColor={seriesColor} />
      {metricsQuery.error && <ErrorPanel error={metricsQuery.error} />}
      <CompareControls settings={settings} metrics={metrics} shownMetrics={shown} runs={runsQuery.data?.runs ?? []} />
      <div ref={frame} className={shown.length > 1 ? 'chart-grid two' : 'chart-grid'}>
        {metricsQuery.isLoading && <LoadingState what="metrics" />}
        {metricsQuery.data && shown.length === 0 && <EmptyState title="These runs have logged no metrics yet" />}
        {shown.map((metric) => (
          <MetricChart
            key={metric}
            metric={metric}
            trust={trustOf(metric)}
            settings={settings}
            labels={labels}
            width={chartWidth - 34}
            ready={measured}
            height={shown.length > 1 ? 300 : 420}
            onZoom={(from, to) => updateParams({ from: String(from), to: String(to) })}
          />
        ))}
      </div>
      <ConfigDiffPanel runIds={runIds} labels={labels} />
    </div>
  );
}
