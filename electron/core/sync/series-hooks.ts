// Hook points for work that must stay in step with the points table, such as the chart summaries.
// Hooks run inside the sync's transaction, so whatever they write commits (or not) with the points.
import { isLossLikeMetric } from '../../../shared/alerts/alert-rules';
import { detectSeriesAlerts, supersedeSeriesAlerts } from '../alerts/detect-series-alerts';
import { detectRunEnded } from '../alerts/run-alerts';
import { removeSeriesSummary, updateSeriesSummary } from '../series-summary/update-series-summary';
import type { RunStatusHook, SeriesAppendedHook, SeriesRemovedHook } from './series-change';

export const onSeriesAppended: SeriesAppendedHook[] = [updateSeriesSummary, detectSeriesAlerts];
export const onSeriesRemoved: SeriesRemovedHook[] = [removeSeriesSummary, supersedeSeriesAlerts];
export const onRunStatusSet: RunStatusHook[] = [detectRunEnded];
/** Series whose appended points the writer keeps for the hooks (saves reading them back). */
export const keepAppendedPointsOf: Array<(key: string) => boolean> = [isLossLikeMetric];
