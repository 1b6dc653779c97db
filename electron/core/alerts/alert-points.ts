// The detectors' only reads of points: the tail before a step (to replay the detectors' memory),
// the points from a step on, and the times of a run's last lines. Kept together so a change of
// how points are stored touches one file.
import type Database from 'better-sqlite3';
import { STEPS, TIMES, VALUES } from '../points/point-chunk';
import { readLastTimes, readPointsBefore } from '../points/read-tail';
import { readPointsAfter } from '../series-summary/read-points';

export interface AlertPoints {
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  times: ArrayLike<number>;
  length: number;
}

const longestSeries = new WeakMap<Database.Database, Database.Statement>();

/** Up to `count` points of a series just before `step`, in step order (NaN for a NaN value). */
export function pointsBefore(sqlite: Database.Database, seriesPk: number, step: number, count: number): Array<[number, number]> {
  return readPointsBefore(sqlite, seriesPk, step, count, STEPS | VALUES);
}

/** Every point of a series from `step` on, in step order (steps are whole numbers). */
export function pointsFrom(sqlite: Database.Database, seriesPk: number, step: number): AlertPoints {
  return readPointsAfter(sqlite, seriesPk, step - 0.5);
}

/** Times of a run's last `count` lines (its longest series), newest first. */
export function lastLineTimes(sqlite: Database.Database, runPk: number, count: number): number[] {
  let st = longestSeries.get(sqlite);
  if (!st) longestSeries.set(sqlite, (st = sqlite.prepare('SELECT pk FROM series WHERE run_pk = ? ORDER BY point_count DESC, pk LIMIT 1').pluck()));
  const seriesPk = st.get(runPk) as number | undefined;
  return seriesPk === undefined ? [] : readLastTimes(sqlite, seriesPk, count, STEPS | TIMES);
}
