// Reading a series' points from its chunks into Float64Array columns: whole or by step range (by runs of
// chunks, for the chart's straddling buckets: read-chunk-runs). A chunk without its own
// tokens and time (a lab-store series) gets them from its run's axis, joined by step.
import type Database from 'better-sqlite3';
import { chunkTables } from './chunk-rows';
import { chunkLength, chunkMask, decodeChunk, STEPS, TIMES, TOKENS, VALUES, type ChunkColumns } from './point-chunk';

/**
 * Parallel columns of points in step order; tokens/time NaN where the line had none, values NaN for NaN.
 * A column the read was not asked for is empty.
 */
export interface PointColumns {
  readonly length: number;
  readonly steps: Float64Array;
  readonly values: Float64Array;
  readonly tokens: Float64Array;
  readonly times: Float64Array;
}

export const ALL_COLUMNS = STEPS | VALUES | TOKENS | TIMES;

interface DirectoryEntry {
  chunk: number;
  firstStep: number;
  lastStep: number;
  pointCount: number;
}

function statements(sqlite: Database.Database) {
  return {
    // The chunks that can hold steps [from, to]: from the first ending at or after `from` to the first ending
    // at or after `to` (steps rise with the chunk number), found on the (owner, last_step) index.
    directory: (table: string, owner: string) =>
      sqlite.prepare(
        `SELECT chunk, first_step AS firstStep, last_step AS lastStep, point_count AS pointCount FROM ${table}
         WHERE ${owner} = @owner AND last_step >= @from
           AND last_step <= coalesce((SELECT last_step FROM ${table} WHERE ${owner} = @owner AND last_step >= @to ORDER BY last_step LIMIT 1), 9e18)
         ORDER BY last_step`,
      ),
    blobs: (table: string, owner: string) => sqlite.prepare(`SELECT data FROM ${table} WHERE ${owner} = ? AND chunk BETWEEN ? AND ? ORDER BY chunk`).pluck(),
    // Scattered chunks (a chart's straddling buckets) in one statement: one SQL call per chunk cost more than decoding it.
    listedBlobs: (table: string, owner: string) =>
      sqlite.prepare(`SELECT chunk, data FROM ${table} WHERE ${owner} = ? AND chunk IN (SELECT value FROM json_each(?)) ORDER BY chunk`).raw(),
  };
}

interface Prepared {
  seriesDirectory: Database.Statement;
  seriesBlobs: Database.Statement;
  seriesListedBlobs: Database.Statement;
  seriesRangeRows: Database.Statement;
  seriesFirstEnding: Database.Statement;
  seriesLastChunk: Database.Statement;
  axisDirectory: Database.Statement;
  axisBlobs: Database.Statement;
}

const prepared = new WeakMap<Database.Database, Prepared>();

function prepare(sqlite: Database.Database): Prepared {
  let p = prepared.get(sqlite);
  if (!p) {
    const st = statements(sqlite);
    p = {
      seriesDirectory: st.directory('point_chunks', 'series_pk'),
      seriesBlobs: st.blobs('point_chunks', 'series_pk'),
      seriesListedBlobs: st.listedBlobs('point_chunks', 'series_pk'),
      seriesRangeRows: sqlite.prepare('SELECT chunk, data FROM point_chunks WHERE series_pk = ? AND chunk BETWEEN ? AND ? ORDER BY chunk').raw(),
      seriesFirstEnding: sqlite.prepare('SELECT chunk, first_step AS firstStep FROM point_chunks WHERE series_pk = ? AND last_step >= ? ORDER BY last_step LIMIT 1'),
      seriesLastChunk: sqlite.prepare('SELECT max(chunk) FROM point_chunks WHERE series_pk = ?').pluck(),
      axisDirectory: st.directory('run_axis_chunks', 'run_pk'),
      axisBlobs: st.blobs('run_axis_chunks', 'run_pk'),
    };
    prepared.set(sqlite, p);
  }
  return p;
}

/** SQLite compares ±Infinity fine, but a bound of ±9e18 keeps the parameters plain numbers. */
function bound(step: number): number {
  return Math.max(-9e18, Math.min(9e18, step));
}

export class Columns implements PointColumns {
  length = 0;
  steps: Float64Array;
  values: Float64Array;
  tokens: Float64Array;
  times: Float64Array;

  /** Columns not in `want` stay empty: a chart over 20 runs reads millions of points and needs two columns. */
  constructor(capacity: number, want = ALL_COLUMNS) {
    this.steps = new Float64Array(capacity);
    this.values = new Float64Array(want & VALUES ? capacity : 0);
    this.tokens = new Float64Array(want & TOKENS ? capacity : 0);
    this.times = new Float64Array(want & TIMES ? capacity : 0);
  }
}

/** First index in directory whose chunk ends at or after `step`. */
function firstEndingAtOrAfter(directory: DirectoryEntry[], step: number): number {
  let lo = 0;
  let hi = directory.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (directory[mid]!.lastStep < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Directory positions [first, last] of the chunks that can hold steps in [from, to]. */
function chunkSpan(directory: DirectoryEntry[], from: number, to: number): [number, number] | null {
  const first = firstEndingAtOrAfter(directory, from);
  if (first >= directory.length || directory[first]!.firstStep > to) return null;
  let last = firstEndingAtOrAfter(directory, to);
  if (last >= directory.length || directory[last]!.firstStep > to) last--;
  return [first, last];
}

/** Decodes the blobs straight into `out`, one after another from index out.length on. */
export function decodeInto(blobs: Buffer[], want: number, out: Columns): void {
  for (const blob of blobs) {
    const at = out.length;
    const view: ChunkColumns = {
      length: 0,
      steps: out.steps.subarray(at),
      values: (want & VALUES) !== 0 ? out.values.subarray(at) : null,
      tokens: (want & TOKENS) !== 0 ? out.tokens.subarray(at) : null,
      times: (want & TIMES) !== 0 ? out.times.subarray(at) : null,
    };
    const mask = chunkMask(blob);
    // Columns the chunk lacks are filled from the run's axis afterwards; NaN until then.
    if (view.tokens && (mask & TOKENS) === 0) view.tokens.fill(NaN, 0, chunkLength(blob));
    if (view.times && (mask & TIMES) === 0) view.times.fill(NaN, 0, chunkLength(blob));
    decodeChunk(blob, want | STEPS, view);
    out.length = at + view.length;
  }
}

/** Whether any of the blobs leaves tokens or time to the run's axis. */
export function needsAxis(blobs: Buffer[], want: number): boolean {
  if ((want & (TOKENS | TIMES)) === 0) return false;
  for (const blob of blobs) {
    const mask = chunkMask(blob);
    if ((want & TOKENS && !(mask & TOKENS)) || (want & TIMES && !(mask & TIMES))) return true;
  }
  return false;
}

/** A series' chunks, read on demand: its directory once, then blobs by directory position. */
export class SeriesChunks {
  private dir: DirectoryEntry[] | null = null;
  private runPk: number | null | undefined;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly seriesPk: number,
  ) {}

  /** The chunks that can hold steps [from, to] (all of them by default); read once per SeriesChunks. */
  directory(from = -Infinity, to = Infinity): DirectoryEntry[] {
    this.dir ??= prepare(this.sqlite).seriesDirectory.all({ owner: this.seriesPk, from: bound(from), to: bound(to) }) as DirectoryEntry[];
    return this.dir;
  }

  /**
   * Chunk numbers [first, last] that can hold steps [from, to], found on the (series, last_step) index
   * without reading the directory (a full-history read of a 1M-point series would read 3,900 rows of it).
   */
  span(from: number, to: number): [number, number] | null {
    const p = prepare(this.sqlite);
    const first = p.seriesFirstEnding.get(this.seriesPk, bound(from)) as { chunk: number; firstStep: number } | undefined;
    if (!first || first.firstStep > to) return null;
    const hit = p.seriesFirstEnding.get(this.seriesPk, bound(to)) as { chunk: number; firstStep: number } | undefined;
    const last = hit ? (hit.firstStep > to ? hit.chunk - 1 : hit.chunk) : (p.seriesLastChunk.get(this.seriesPk) as number);
    return last >= first.chunk ? [first.chunk, last] : null;
  }

  /** Blobs of chunks [first, last] by chunk number. */
  blobsByNumber(first: number, last: number): Buffer[] {
    return prepare(this.sqlite).seriesBlobs.all(this.seriesPk, first, last) as Buffer[];
  }

  /**
   * The listed chunks (sorted, distinct, not empty) that exist, as [chunk number, blob], in chunk order.
   * Dense lists are read as one range and filtered: a row scanned costs less than half a row looked up.
   */
  rowsOf(chunks: readonly number[]): Array<[number, Buffer]> {
    const p = prepare(this.sqlite);
    const first = chunks[0]!;
    const last = chunks[chunks.length - 1]!;
    if (chunks.length * 3 < last - first + 1) return p.seriesListedBlobs.all(this.seriesPk, JSON.stringify(chunks)) as Array<[number, Buffer]>;
    const wanted = new Set(chunks);
    return (p.seriesRangeRows.all(this.seriesPk, first, last) as Array<[number, Buffer]>).filter((row) => wanted.has(row[0]));
  }

  /** Fills tokens/time of points [from, to) of `out` that their chunks left to the run's axis. */
  joinAxis(out: Columns, from: number, to: number, want: number): void {
    if (to <= from) return;
    if (this.runPk === undefined) this.runPk = (chunkTables(this.sqlite).runOfSeries.get(this.seriesPk) as number | undefined) ?? null;
    if (this.runPk === null) return;
    const axis = readRunAxis(this.sqlite, this.runPk, out.steps[from]!, out.steps[to - 1]!);
    let j = 0;
    for (let i = from; i < to; i++) {
      const step = out.steps[i]!;
      while (j < axis.length && axis.steps[j]! < step) j++;
      const hit = j < axis.length && axis.steps[j] === step;
      // Only fill what is still NaN: a chunk that carries its own column keeps it.
      if (want & TOKENS && Number.isNaN(out.tokens[i]!)) out.tokens[i] = hit ? axis.tokens[j]! : NaN;
      if (want & TIMES && Number.isNaN(out.times[i]!)) out.times[i] = hit ? axis.times[j]! : NaN;
    }
  }
}

/** A run's axis (steps, tokens, time) over steps [from, to]. */
export function readRunAxis(sqlite: Database.Database, runPk: number, from: number, to: number): PointColumns {
  const p = prepare(sqlite);
  const dir = p.axisDirectory.all({ owner: runPk, from: bound(from), to: bound(to) }) as DirectoryEntry[];
  const span = chunkSpan(dir, from, to);
  if (!span) return new Columns(0);
  let capacity = 0;
  for (let k = span[0]; k <= span[1]; k++) capacity += dir[k]!.pointCount;
  const out = new Columns(capacity, STEPS | TOKENS | TIMES);
  decodeInto(p.axisBlobs.all(runPk, dir[span[0]]!.chunk, dir[span[1]]!.chunk) as Buffer[], STEPS | TOKENS | TIMES, out);
  return out;
}

function sliceColumns(out: Columns, start: number, end: number): PointColumns {
  if (start === 0 && end === out.length) return out;
  return {
    length: end - start,
    steps: out.steps.subarray(start, end),
    values: out.values.subarray(start, end),
    tokens: out.tokens.subarray(start, end),
    times: out.times.subarray(start, end),
  };
}

/**
 * Points of a series with step in [from, to] (or (from, to] with `fromExclusive`), in step order, with
 * the columns in `want` filled.
 */
export function readSeriesPoints(
  sqlite: Database.Database,
  seriesPk: number,
  range: { from?: number; to?: number; fromExclusive?: boolean } = {},
  want = ALL_COLUMNS,
  chunks = new SeriesChunks(sqlite, seriesPk),
): PointColumns {
  const from = range.from ?? -Infinity;
  const to = range.to ?? Infinity;
  const span = chunks.span(from, to);
  if (!span) return new Columns(0, want);
  const blobs = chunks.blobsByNumber(span[0], span[1]);
  let capacity = 0;
  for (const blob of blobs) capacity += chunkLength(blob);
  const out = new Columns(capacity, want);
  decodeInto(blobs, want, out);
  let start = 0;
  while (start < out.length && (out.steps[start]! < from || (range.fromExclusive && out.steps[start] === from))) start++;
  let end = out.length;
  while (end > start && out.steps[end - 1]! > to) end--;
  if (needsAxis(blobs, want)) chunks.joinAxis(out, start, end, want);
  return sliceColumns(out, start, end);
}
