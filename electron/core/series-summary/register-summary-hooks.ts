// Puts the summary maintainer on the sync's series hooks, once per process.
import { onSeriesAppended, onSeriesRemoved } from '../sync/series-hooks';
import { removeSeriesSummary, updateSeriesSummary } from './update-series-summary';

export function registerSeriesSummaryHooks(): void {
  if (!onSeriesAppended.includes(updateSeriesSummary)) onSeriesAppended.push(updateSeriesSummary);
  if (!onSeriesRemoved.includes(removeSeriesSummary)) onSeriesRemoved.push(removeSeriesSummary);
}
