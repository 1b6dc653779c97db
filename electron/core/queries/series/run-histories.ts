// Every logged point of one metric of several runs, for the Compare page's full-history export: steps,
// tokens, times and values as stored, in step order, without reduction or smoothing. A run that has not
// logged the metric comes back empty; more points than HISTORY_MAX_POINTS are refused before any is read.
import type Database from 'better-sqlite3';
import { HISTORY_MAX_POINTS, type HistoryResult } from '../../../../shared/domain/run-views';
import { ALL_COLUMNS, readSeriesPoints } from '../../points/read-series-points';
import { exportedValue } from '../export-series';
import { findSeriesTargets } from './series-targets';

export class HistoryTooLargeError extends Error {
  constructor(points: number, max: number) {
    super(
      `The full history of these runs holds ${points.toLocaleString('en-US')} points, more than the ${max.toLocaleString('en-US')} one export carries: export fewer runs, or each run with "tessera export".`,
    );
    this.name = 'HistoryTooLargeError';
  }
}

export function runHistories(sqlite: Database.Database, runIds: readonly string[], metric: string, maxPoints = HISTORY_MAX_POINTS): HistoryResult {
  return sqlite.transaction(() => {
    const targets = findSeriesTargets(sqlite, runIds, [metric]);
    const total = targets.reduce((sum, t) => sum + (t.seriesPk === null ? 0 : t.pointCount), 0);
    if (total > maxPoints) throw new HistoryTooLargeError(total, maxPoints);
    return {
      metric,
      runs: targets.map((t) => {
        const p = t.seriesPk === null ? null : readSeriesPoints(sqlite, t.seriesPk, {}, ALL_COLUMNS);
        const n = p?.length ?? 0;
        const orNull = (x: number) => (Number.isNaN(x) ? null : x);
        return {
          runId: t.runId,
          steps: Array.from({ length: n }, (_, i) => p!.steps[i]!),
          tokens: Array.from({ length: n }, (_, i) => orNull(p!.tokens[i]!)),
          times: Array.from({ length: n }, (_, i) => orNull(p!.times[i]!)),
          values: Array.from({ length: n }, (_, i) => exportedValue(p!.values[i]!)),
        };
      }),
    };
  })();
}
