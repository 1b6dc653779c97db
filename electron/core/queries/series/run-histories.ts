// Every logged point of one metric of several runs, for the Compare page's full-history export: steps,
// tokens, times and values as stored, in step order, without reduction or smoothing. A run that has not
// logged the metric comes back empty; more points than HISTORY_MAX_POINTS are refused before any is read.
import type Database from 'better-sqlite3';
import { HISTORY_MAX_POINTS, type HistoryResult } from '../../../../shared/domain/run-views';
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
    const read = sqlite.prepare('SELECT step, tokens, time, value FROM points WHERE series_pk = ? ORDER BY step').raw();
    return {
      metric,
      runs: targets.map((t) => {
        const rows = t.seriesPk === null ? [] : (read.all(t.seriesPk) as [number, number | null, number | null, number | null][]);
        return {
          runId: t.runId,
          steps: rows.map((r) => r[0]),
          tokens: rows.map((r) => r[1]),
          times: rows.map((r) => r[2]),
          values: rows.map((r) => exportedValue(r[3])),
        };
      }),
    };
  })();
}
