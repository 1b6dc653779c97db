// Single-point questions about a series or a run, answered from the chunks: the first point that meets a
// condition, the time of the last point, when a run started.
import type Database from 'better-sqlite3';
import { STEPS, TIMES, TOKENS, VALUES } from './point-chunk';
import { readSeriesPoints, SeriesChunks, type PointColumns } from './read-series-points';

export interface FoundPoint {
  /** Points before it. */
  index: number;
  step: number;
  value: number;
  tokens: number;
  time: number;
}

/** The first point (in step order) for which `test` holds, or null; reads chunk by chunk until it is found. */
export function firstPointWhere(sqlite: Database.Database, seriesPk: number, test: (points: PointColumns, i: number) => boolean): FoundPoint | null {
  const chunks = new SeriesChunks(sqlite, seriesPk);
  let before = 0;
  for (const entry of chunks.directory()) {
    const points = readSeriesPoints(sqlite, seriesPk, { from: entry.firstStep, to: entry.lastStep }, STEPS | VALUES | TOKENS | TIMES, chunks);
    for (let i = 0; i < points.length; i++) {
      if (test(points, i)) return { index: before + i, step: points.steps[i]!, value: points.values[i]!, tokens: points.tokens[i]!, time: points.times[i]! };
    }
    before += points.length;
  }
  return null;
}

/** The time of the series' point at `step` (its last one, as the caller knows it); null when it has none. */
export function timeAtStep(sqlite: Database.Database, seriesPk: number, step: number): number | null {
  const points = readSeriesPoints(sqlite, seriesPk, { from: step, to: step }, STEPS | TIMES);
  return points.length > 0 && !Number.isNaN(points.times[0]!) ? points.times[0]! : null;
}

const seriesOfRun = new WeakMap<Database.Database, Database.Statement>();

/** The earliest time any series of the run logged first (its first point that has a time); null when none did. */
export function runStartTime(sqlite: Database.Database, runPk: number): number | null {
  let st = seriesOfRun.get(sqlite);
  if (!st) seriesOfRun.set(sqlite, (st = sqlite.prepare('SELECT pk FROM series WHERE run_pk = ?').pluck()));
  let start: number | null = null;
  for (const seriesPk of st.all(runPk) as number[]) {
    const first = firstPointWhere(sqlite, seriesPk, (p, i) => !Number.isNaN(p.times[i]!));
    if (first && (start === null || first.time < start)) start = first.time;
  }
  return start;
}
