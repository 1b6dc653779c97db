// The rows of point_chunks (a series' points) and run_axis_chunks (a run's tokens and time by step): the
// only SQL over them. Both are keyed by (owner, chunk number); `last_step` finds where a step falls.
import type Database from 'better-sqlite3';
import type { pointChunks } from '../db/schema';

export type ChunkRow = Omit<typeof pointChunks.$inferSelect, 'seriesPk'>;
/** A row without its blob: what seeking and counting need. */
export type ChunkInfo = Omit<ChunkRow, 'data'>;

export interface ChunkTable {
  /** Chunks overlapping steps [fromStep, toStep], in order. */
  overlapping(owner: number, fromStep: number, toStep: number): ChunkRow[];
  /** Every chunk from `chunk` on, in order. */
  from(owner: number, chunk: number): ChunkRow[];
  one(owner: number, chunk: number): ChunkRow | undefined;
  /** The first chunk whose last step is ≥ step. */
  firstEndingAtOrAfter(owner: number, step: number): ChunkInfo | undefined;
  last(owner: number): ChunkRow | undefined;
  /** Points and non-finite values in chunks ≥ `chunk`. */
  countFrom(owner: number, chunk: number): { points: number; nonFinite: number };
  write(owner: number, row: ChunkRow): void;
  deleteFrom(owner: number, chunk: number): void;
}

const COLUMNS = 'chunk, first_step AS firstStep, last_step AS lastStep, point_count AS pointCount';

function chunkTable(sqlite: Database.Database, table: 'point_chunks' | 'run_axis_chunks', owner: string): ChunkTable {
  const nonFinite = table === 'point_chunks' ? 'non_finite_count' : '0';
  const select = `SELECT ${COLUMNS}, ${nonFinite} AS nonFiniteCount, data FROM ${table}`;
  // Steps rise with chunk number, so the chunks holding [from, to] run from the first ending at or after
  // `from` to the first ending at or after `to` (or the last).
  const firstEndingSql = (bound: string) => `(SELECT chunk FROM ${table} WHERE ${owner} = @owner AND last_step >= ${bound} ORDER BY last_step LIMIT 1)`;
  const overlapping = sqlite.prepare(
    `${select} WHERE ${owner} = @owner AND chunk >= coalesce(${firstEndingSql('@from')}, 9e18) AND chunk <= coalesce(${firstEndingSql('@to')}, 9e18)
       ORDER BY chunk`,
  );
  const from = sqlite.prepare(`${select} WHERE ${owner} = ? AND chunk >= ? ORDER BY chunk`);
  const one = sqlite.prepare(`${select} WHERE ${owner} = ? AND chunk = ?`);
  const firstEnding = sqlite.prepare(`SELECT ${COLUMNS}, ${nonFinite} AS nonFiniteCount FROM ${table} WHERE ${owner} = ? AND last_step >= ? ORDER BY last_step LIMIT 1`);
  const last = sqlite.prepare(`${select} WHERE ${owner} = ? ORDER BY chunk DESC LIMIT 1`);
  const countFrom = sqlite.prepare(`SELECT coalesce(sum(point_count), 0) AS points, coalesce(sum(${nonFinite}), 0) AS nonFinite FROM ${table} WHERE ${owner} = ? AND chunk >= ?`);
  const write =
    table === 'point_chunks'
      ? sqlite.prepare(
          `INSERT OR REPLACE INTO point_chunks (series_pk, chunk, first_step, last_step, point_count, non_finite_count, data) VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
      : sqlite.prepare(`INSERT OR REPLACE INTO run_axis_chunks (run_pk, chunk, first_step, last_step, point_count, data) VALUES (?, ?, ?, ?, ?, ?)`);
  const deleteFrom = sqlite.prepare(`DELETE FROM ${table} WHERE ${owner} = ? AND chunk >= ?`);
  return {
    overlapping: (o, fromStep, toStep) => overlapping.all({ owner: o, from: fromStep, to: toStep }) as ChunkRow[],
    from: (o, chunk) => from.all(o, chunk) as ChunkRow[],
    one: (o, chunk) => one.get(o, chunk) as ChunkRow | undefined,
    firstEndingAtOrAfter: (o, step) => firstEnding.get(o, step) as ChunkInfo | undefined,
    last: (o) => last.get(o) as ChunkRow | undefined,
    countFrom: (o, chunk) => countFrom.get(o, chunk) as { points: number; nonFinite: number },
    write: (o, row) => {
      if (table === 'point_chunks') write.run(o, row.chunk, row.firstStep, row.lastStep, row.pointCount, row.nonFiniteCount, row.data);
      else write.run(o, row.chunk, row.firstStep, row.lastStep, row.pointCount, row.data);
    },
    deleteFrom: (o, chunk) => deleteFrom.run(o, chunk),
  };
}

interface ChunkTables {
  series: ChunkTable;
  axis: ChunkTable;
  runOfSeries: Database.Statement;
}

const prepared = new WeakMap<Database.Database, ChunkTables>();

export function chunkTables(sqlite: Database.Database): ChunkTables {
  let tables = prepared.get(sqlite);
  if (!tables) {
    tables = {
      series: chunkTable(sqlite, 'point_chunks', 'series_pk'),
      axis: chunkTable(sqlite, 'run_axis_chunks', 'run_pk'),
      runOfSeries: sqlite.prepare('SELECT run_pk FROM series WHERE pk = ?').pluck(),
    };
    prepared.set(sqlite, tables);
  }
  return tables;
}
