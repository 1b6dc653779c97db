// The points a cache holds, decoded from its chunks, in the row shape tests compare: [step, tokens, time,
// value] with NaN as null (as SQL rows would carry it), so two caches compare the same way whatever
// chunks they wrote.
import type Database from 'better-sqlite3';
import { readSeriesPoints } from '../../electron/core/points/read-series-points';

export type PointRow = [step: number, tokens: number | null, time: number | null, value: number | null];

const orNull = (v: number) => (Number.isNaN(v) ? null : v);

/** Every point of one series in step order. */
export function seriesPointRows(sqlite: Database.Database, seriesPk: number): PointRow[] {
  const p = readSeriesPoints(sqlite, seriesPk);
  const rows: PointRow[] = [];
  for (let i = 0; i < p.length; i++) rows.push([p.steps[i]!, orNull(p.tokens[i]!), orNull(p.times[i]!), orNull(p.values[i]!)]);
  return rows;
}

/** Every point of the cache as [run id, key, step, tokens, time, value], by run id, key and step. */
export function* allPointRows(sqlite: Database.Database): Generator<[string, string, ...PointRow]> {
  const series = sqlite.prepare('SELECT s.pk, r.id, s.key FROM series s JOIN runs r ON r.pk = s.run_pk ORDER BY r.id, s.key').raw().all() as [number, string, string][];
  for (const [pk, runId, key] of series) for (const row of seriesPointRows(sqlite, pk)) yield [runId, key, ...row];
}

/** How many points the cache holds (by its chunk rows). */
export function countPoints(sqlite: Database.Database): number {
  return sqlite.prepare('SELECT coalesce(sum(point_count), 0) FROM point_chunks').pluck().get() as number;
}

/** Every value the cache holds, NaN as null. */
export function allPointValues(sqlite: Database.Database): (number | null)[] {
  return [...allPointRows(sqlite)].map((row) => row[5]);
}

/** Chunks whose series, and axis chunks whose run, no longer exist. */
export function orphanChunks(sqlite: Database.Database): number {
  return sqlite
    .prepare(
      `SELECT (SELECT count(*) FROM point_chunks WHERE series_pk NOT IN (SELECT pk FROM series))
            + (SELECT count(*) FROM run_axis_chunks WHERE run_pk NOT IN (SELECT pk FROM runs))`,
    )
    .pluck()
    .get() as number;
}
