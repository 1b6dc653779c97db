// Reading a series backwards from a step: the last points before it (a detector's replay), or the last
// points that meet a condition (a run's last logged times). Chunks are read a few at a time from the
// one holding the step down, so a tail costs what it holds, not the series' length.
import type Database from 'better-sqlite3';
import { chunkTables } from './chunk-rows';
import { SERIES_CHUNK_POINTS } from './point-chunk';
import { readChunkRuns } from './read-chunk-runs';
import type { PointColumns } from './read-series-points';

/**
 * Visits the series' points with step < `before`, newest first, chunk batch by chunk batch, until
 * `visit` returns false or the series' start is reached.
 */
function eachPointBackward(sqlite: Database.Database, seriesPk: number, before: number, want: number, wanted: number, visit: (points: PointColumns, i: number) => boolean): void {
  const table = chunkTables(sqlite).series;
  let last = table.firstEndingAtOrAfter(seriesPk, before)?.chunk ?? table.last(seriesPk)?.chunk;
  if (last === undefined) return;
  let batch = Math.ceil(wanted / SERIES_CHUNK_POINTS) + 1;
  while (last >= 0) {
    const first = Math.max(0, last - batch + 1);
    const points = readChunkRuns(sqlite, seriesPk, [{ firstChunk: first, lastChunk: last, fromStep: -Infinity, toStep: before }], null, want);
    for (let i = points.length - 1; i >= 0; i--) if (points.steps[i]! < before && !visit(points, i)) return;
    last = first - 1;
    batch *= 2;
  }
}

/** Up to `count` points of a series just before `step`, in step order, with the columns in `want`. */
export function readPointsBefore(sqlite: Database.Database, seriesPk: number, step: number, count: number, want: number): Array<[step: number, value: number]> {
  const out: Array<[number, number]> = [];
  if (count <= 0) return out;
  eachPointBackward(sqlite, seriesPk, step, want, count, (p, i) => {
    out.push([p.steps[i]!, p.values[i]!]);
    return out.length < count;
  });
  return out.reverse();
}

/** The times of a series' last `count` points that have one, newest first. */
export function readLastTimes(sqlite: Database.Database, seriesPk: number, count: number, want: number): number[] {
  const out: number[] = [];
  if (count <= 0) return out;
  eachPointBackward(sqlite, seriesPk, Infinity, want, count, (p, i) => {
    const time = p.times[i]!;
    if (!Number.isNaN(time)) out.push(time);
    return out.length < count;
  });
  return out;
}
