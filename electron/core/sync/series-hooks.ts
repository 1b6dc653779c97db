// Hook points for work that must stay in step with the points table, such as the chart summaries.
// Hooks run inside the sync's transaction, so whatever they write commits (or not) with the points.
import type Database from 'better-sqlite3';
import { detectSeriesAlerts, supersedeSeriesAlerts } from '../alerts/detect-series-alerts';
import { detectRunEnded } from '../alerts/run-alerts';
import { removeSeriesSummary, updateSeriesSummary } from '../series-summary/update-series-summary';
import type { RunStatus } from '../store/parse-run-status';

/** Points of `seriesPk` with step ≥ `fromStep` were written or superseded. */
export type SeriesAppendedHook = (sqlite: Database.Database, seriesPk: number, fromStep: number) => void;
/** The series and all its points are gone (its run left the store, or its file was rewritten). */
export type SeriesRemovedHook = (sqlite: Database.Database, seriesPk: number) => void;

/** A run's status was written; `before` is the state it had. */
export type RunStatusHook = (sqlite: Database.Database, runPk: number, before: string | null, status: RunStatus | null) => void;

export const onSeriesAppended: SeriesAppendedHook[] = [updateSeriesSummary, detectSeriesAlerts];
export const onSeriesRemoved: SeriesRemovedHook[] = [removeSeriesSummary, supersedeSeriesAlerts];
export const onRunStatusSet: RunStatusHook[] = [detectRunEnded];
