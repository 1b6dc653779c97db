// The tail of one chunked column set (a series' points, or a run's axis) held decoded while the sync
// appends: points go into the last chunk in memory, a full chunk is written once and a new one opened,
// and flush() writes the partly filled one. A restart cuts the tail at a step, across chunk boundaries:
// later chunks are deleted (their counts come from their rows) and the chunk holding the step is cut.
import type Database from 'better-sqlite3';
import { chunkTables, type ChunkTable } from './chunk-rows';
import { AXIS_CHUNK_POINTS, decodeChunk, emptyChunk, encodeChunk, SERIES_CHUNK_POINTS, STEPS, TIMES, TOKENS, type ChunkColumns } from './point-chunk';

/** NaN and ±Infinity: x − x is 0 for every finite number and NaN otherwise. */
export function isNonFinite(value: number): boolean {
  return value - value !== 0;
}

export class OpenChunk {
  private chunkNo = 0;
  private cols: ChunkColumns | null = null;
  private dirty = false;
  private nonFinite = 0;

  constructor(
    private readonly table: ChunkTable,
    private readonly owner: number,
    /** Columns the chunks carry (STEPS | VALUES | TOKENS | TIMES). */
    private readonly mask: number,
    /** Points a chunk holds before the next one opens. */
    private readonly capacity: number,
  ) {}

  /** The decoded last chunk, loaded on first use. */
  private tail(): ChunkColumns {
    if (this.cols) return this.cols;
    const last = this.table.last(this.owner);
    this.cols = emptyChunk(this.mask, this.capacity);
    if (last) {
      decodeChunk(last.data, this.mask, this.cols);
      this.chunkNo = last.chunk;
      this.nonFinite = last.nonFiniteCount;
    }
    return this.cols;
  }

  /** Forgets what is held: the rows were deleted by the caller. */
  reset(): void {
    this.cols = null;
    this.dirty = false;
    this.chunkNo = 0;
    this.nonFinite = 0;
  }

  get length(): number {
    return this.tail().length;
  }

  /** The columns of the open chunk (valid until the next change). */
  columns(): ChunkColumns {
    return this.tail();
  }

  /** Adds a point after the last one; the caller guarantees a higher step. */
  append(step: number, value: number, tokens: number, time: number): void {
    let c = this.tail();
    if (c.length === this.capacity) {
      this.flush();
      this.chunkNo++;
      c.length = 0;
      this.nonFinite = 0;
      this.dirty = true;
      c = this.cols!;
    }
    const i = c.length++;
    c.steps[i] = step;
    if (c.values) {
      c.values[i] = value;
      if (isNonFinite(value)) this.nonFinite++;
    }
    if (c.tokens) c.tokens[i] = tokens;
    if (c.times) c.times[i] = time;
    this.dirty = true;
  }

  /** Replaces the last point's fields (a line that repeats the last step). */
  replaceLast(value: number, tokens: number, time: number): void {
    const c = this.tail();
    const i = c.length - 1;
    if (c.values) {
      if (isNonFinite(c.values[i]!)) this.nonFinite--;
      c.values[i] = value;
      if (isNonFinite(value)) this.nonFinite++;
    }
    if (c.tokens) c.tokens[i] = tokens;
    if (c.times) c.times[i] = time;
    this.dirty = true;
  }

  /** Writes the open chunk if it changed. */
  flush(): void {
    if (!this.dirty || !this.cols) return;
    const c = this.cols;
    this.dirty = false;
    if (c.length === 0) {
      this.table.deleteFrom(this.owner, this.chunkNo);
      return;
    }
    this.table.write(this.owner, {
      chunk: this.chunkNo,
      firstStep: c.steps[0]!,
      lastStep: c.steps[c.length - 1]!,
      pointCount: c.length,
      nonFiniteCount: this.nonFinite,
      data: encodeChunk(c),
    });
  }

  /** Makes stored chunk `chunk` the open one (an empty chunk 0 when there is none). */
  private reopen(chunk: number): void {
    const row = chunk >= 0 ? this.table.one(this.owner, chunk) : undefined;
    this.cols = emptyChunk(this.mask, this.capacity);
    this.dirty = false;
    if (row) {
      decodeChunk(row.data, this.mask, this.cols);
      this.chunkNo = row.chunk;
      this.nonFinite = row.nonFiniteCount;
    } else {
      this.chunkNo = 0;
      this.nonFinite = 0;
    }
  }

  /**
   * Removes every point with step ≥ `step` and returns how many went and how many of them were non-finite.
   * When the cut empties the open chunk, the chunk before it becomes the open one (full), so the points
   * stay addressable the same way whatever chunk the cut fell in.
   */
  truncateFrom(step: number): { points: number; nonFinite: number } {
    const c = this.tail();
    if (c.length > 0 && c.steps[0]! < step) return this.cutOpen(step);
    // The open chunk goes whole; so may stored chunks before it.
    const removed = { points: c.length, nonFinite: this.nonFinite };
    const hit = this.table.firstEndingAtOrAfter(this.owner, step);
    if (!hit || hit.chunk >= this.chunkNo) {
      this.table.deleteFrom(this.owner, this.chunkNo);
      this.reopen(this.chunkNo - 1);
      return removed;
    }
    // Chunks after the one holding `step` are full and stored: their rows give the counts. The open
    // chunk's own row (if it was written) is already counted from memory above.
    const after = this.table.countFrom(this.owner, hit.chunk + 1);
    const openRow = this.table.one(this.owner, this.chunkNo);
    removed.points += after.points - (openRow?.pointCount ?? 0);
    removed.nonFinite += after.nonFinite - (openRow?.nonFiniteCount ?? 0);
    this.table.deleteFrom(this.owner, hit.chunk + 1);
    this.reopen(hit.chunk);
    const cut = this.cutOpen(step);
    removed.points += cut.points;
    removed.nonFinite += cut.nonFinite;
    if (this.cols!.length === 0) {
      this.table.deleteFrom(this.owner, this.chunkNo);
      this.reopen(this.chunkNo - 1);
    }
    return removed;
  }

  /** Cuts the open chunk at `step` (which lies inside it). */
  private cutOpen(step: number): { points: number; nonFinite: number } {
    const c = this.cols!;
    let keep = c.length;
    while (keep > 0 && c.steps[keep - 1]! >= step) keep--;
    let nonFinite = 0;
    if (c.values) for (let i = keep; i < c.length; i++) if (isNonFinite(c.values[i]!)) nonFinite++;
    const points = c.length - keep;
    c.length = keep;
    this.nonFinite -= nonFinite;
    if (points > 0) this.dirty = true;
    return { points, nonFinite };
  }
}

/** The open chunk of a series' points, carrying the columns in `mask`. */
export function openSeriesChunk(sqlite: Database.Database, seriesPk: number, mask: number): OpenChunk {
  return new OpenChunk(chunkTables(sqlite).series, seriesPk, mask, SERIES_CHUNK_POINTS);
}

/** The open chunk of a lab-store run's axis (steps, tokens, time). */
export function openAxisChunk(sqlite: Database.Database, runPk: number): OpenChunk {
  return new OpenChunk(chunkTables(sqlite).axis, runPk, STEPS | TOKENS | TIMES, AXIS_CHUNK_POINTS);
}
