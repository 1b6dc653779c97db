// Handlers of the Runs, Compare and Ablations pages: read queries over the cache.
import { ApiFailure } from '../../../shared/api/api-result';
import type { CoreDeps } from './core-deps';
import { ablationDetail, AblationNotFoundError, listAblationResults } from '../queries/ablations/ablation-results';
import { configDiff } from '../queries/runs/config-diff';
import { loadEvalTrust } from '../queries/runs/eval-trust';
import { listMetricNames } from '../queries/runs/metric-names';
import { getRunDetail, RunNotFoundError } from '../queries/runs/run-detail';
import { listRunTable } from '../queries/runs/run-table';
import { getSeries, SeriesQueryError } from '../queries/series/get-series';
import { HistoryTooLargeError, runHistories } from '../queries/series/run-histories';
import { seedDeltas, seedGroups } from '../queries/series/seed-groups';
import type { HandlerSlice } from './handlers';

type RunsMethod = 'listRuns' | 'getRun' | 'listMetrics' | 'getSeries' | 'getSeedGroups' | 'getDeltas' | 'getHistory' | 'getConfigDiff' | 'listAblations' | 'getAblation';

/** Expected failures (unknown ids, impossible ranges) reach the page as messages, not as internal errors. */
function answering<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof RunNotFoundError || error instanceof AblationNotFoundError) throw new ApiFailure('not-found', error.message);
    if (error instanceof SeriesQueryError || error instanceof HistoryTooLargeError) throw new ApiFailure('validation', error.message);
    throw error;
  }
}

export function createRunsHandlers(deps: CoreDeps): HandlerSlice<RunsMethod> {
  const { sqlite } = deps.cache;
  const trust = () => loadEvalTrust(sqlite);
  return {
    async listRuns(input) {
      return listRunTable(sqlite, input);
    },
    async getRun(input) {
      return answering(() => getRunDetail(sqlite, input.runId, trust()));
    },
    async listMetrics(input) {
      return { metrics: listMetricNames(sqlite, input.runIds, trust()) };
    },
    async getSeries(input) {
      return answering(() => getSeries(sqlite, input, trust()));
    },
    async getSeedGroups(input) {
      return answering(() => seedGroups(sqlite, { ...input, metric: input.metric }, trust()));
    },
    async getDeltas(input) {
      return answering(() => seedDeltas(sqlite, input, trust()));
    },
    async getHistory(input) {
      return answering(() => runHistories(sqlite, input.runIds, input.metric));
    },
    async getConfigDiff(input) {
      return configDiff(sqlite, input.runIds);
    },
    async listAblations() {
      return { ablations: listAblationResults(sqlite, trust()) };
    },
    async getAblation(input) {
      return answering(() => ablationDetail(sqlite, input.id, trust()));
    },
  };
}
