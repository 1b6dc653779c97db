// The detectors' only reads of points: the tail before a step (to replay the detectors' memory),
// the points from a step on, and the times of a run's last lines. Kept together so a change of
// how points are stored touches one file.
import type Database from 'better-sqlite3';
import { readPointsAfter } from '../series-summary/read-points';

export interface AlertPoints {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  times: ArrayLike<number>;
  length: number;
}

const prepared = new WeakMap<Database.Database, { before: Database.Statement; lastTimes: Database.Statement }>();

function statements(sqlite: Database.Database) {
  let st = prepared.get(sqlite);
  if (!st) {
    st = {
      before: sqlite.prepare('SELECT step, value FROM points WHERE series_pk = ? AND step < ? ORDER BY step DESC LIMIT ?').raw(),
      lastTimes: sqlite
        .prepare(
          `SELECT time FROM points WHERE series_pk = (SELECT pk FROM series WHERE run_pk = ? ORDER BY point_count DESC, pk LIMIT 1)
             AND time IS NOT NULL ORDER BY step DESC LIMIT ?`,
        )
        .pluck(),
    };
    prepared.set(sqlite, st);
  }
  return st;
}

/** Up to `count` points of a series just before `step`, in step order (NaN for a NaN value). */
export function pointsBefore(sqlite: Database.Database, seriesPk: number, step: number, count: number): Array<[number, number]> {
  const rows = statements(sqlite).before.all(seriesPk, step, count) as Array<[number, number | null]>;
  return rows.reverse().map(([s, v]) => [s, v ?? NaN]);
}

/** Every point of a series from `step` on, in step order (steps are whole numbers). */
export function pointsFrom(sqlite: Database.Database, seriesPk: number, step: number): AlertPoints {
  return readPointsAfter(sqlite, seriesPk, step - 0.5);
}

/** Times of a run's last `count` lines (its longest series), newest first. */
export function lastLineTimes(sqlite: Database.Database, runPk: number, count: number): number[] {
  return statements(sqlite).lastTimes.all(runPk, count) as number[];
}
