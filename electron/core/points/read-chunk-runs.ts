// Reading runs of a series' chunks by chunk number: the chart opening the level-0 buckets that straddle its
// pixel columns (a series' chunk k is its bucket k), and a detector's tail read backwards. Scattered
// chunks come in one statement, and through a ChunkDecoder (the chart's cache of decoded chunks) when given.
import type Database from 'better-sqlite3';
import { chunkLength } from './point-chunk';
import { ALL_COLUMNS, Columns, decodeInto, needsAxis, SeriesChunks, type PointColumns } from './read-series-points';

/**
 * Keeps points inside one of the runs' sorted step ranges (and accepted by `keep`), fed in step order
 * part by part, appending them to `out`; a part may be `out` itself (compacted in place from 0).
 */
class RangeFilter {
  private r = 0;

  constructor(
    private readonly runs: readonly ChunkRun[],
    private readonly keep: ((value: number, range: number) => boolean) | null,
  ) {}

  take(src: PointColumns, srcLength: number, out: Columns): void {
    const { runs, keep } = this;
    let { r } = this;
    let w = out.length;
    for (let i = 0; i < srcLength && r < runs.length; i++) {
      const step = src.steps[i]!;
      while (r < runs.length && runs[r]!.toStep < step) r++;
      if (r >= runs.length) break;
      if (step < runs[r]!.fromStep) continue;
      if (keep && !keep(src.values[i]!, r)) continue;
      out.steps[w] = step;
      if (out.values.length > 0) out.values[w] = src.values[i]!;
      if (out.tokens.length > 0) out.tokens[w] = src.tokens[i]!;
      if (out.times.length > 0) out.times[w] = src.times[i]!;
      w++;
    }
    this.r = r;
    out.length = w;
  }
}

/** A run of chunks by number (a series' chunk k holds its points k·256…, as the summary's level-0 bucket k). */
export interface ChunkRun {
  firstChunk: number;
  lastChunk: number;
  fromStep: number;
  toStep: number;
}

/** Decoded chunks by number, each with its own columns; a chart keeps them between queries (summary-source). */
export type ChunkDecoder = (chunks: readonly number[], want: number) => Map<number, PointColumns>;

/** Chunks counted as "a few": read and kept one by one; a longer single run is decoded straight into place. */
const FEW_CHUNKS = 16;

/** The listed chunks (sorted, distinct) decoded, each into columns of its own, tokens and time joined once. */
export function decodeChunksByNumber(sqlite: Database.Database, seriesPk: number, list: readonly number[], want: number): Map<number, PointColumns> {
  const chunks = new SeriesChunks(sqlite, seriesPk);
  const out = new Map<number, PointColumns>();
  if (list.length === 0) return out;
  const rows = chunks.rowsOf(list);
  if (rows.length === 0) return out;
  const blobs = rows.map((r) => r[1]);
  let capacity = 0;
  for (const blob of blobs) capacity += chunkLength(blob);
  const all = new Columns(capacity, want);
  decodeInto(blobs, want, all);
  // Tokens or time from the run's axis: joined once over all of them.
  if (needsAxis(blobs, want)) chunks.joinAxis(all, 0, all.length, want);
  // Views into one buffer, not a copy each: they are kept (and dropped) together, as a series' chunks are.
  let at = 0;
  for (const [chunk, blob] of rows) {
    const end = at + chunkLength(blob);
    const view = (column: Float64Array) => (column.length > 0 ? column.subarray(at, end) : column);
    out.set(chunk, { length: end - at, steps: view(all.steps), values: view(all.values), tokens: view(all.tokens), times: view(all.times) });
    at = end;
  }
  return out;
}

/** The chunks the runs cover, merged where they touch: [first, last] spans by chunk number. */
function spansOf(runs: readonly ChunkRun[]): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const run of runs) {
    const lastSpan = spans[spans.length - 1];
    if (lastSpan && run.firstChunk <= lastSpan[1] + 1) lastSpan[1] = Math.max(lastSpan[1], run.lastChunk);
    else spans.push([run.firstChunk, run.lastChunk]);
  }
  return spans;
}

/**
 * Points of the spans (read as a range when one long span, else chunk by chunk through `decoder`) that
 * `filter` keeps, in step order; with the blobs read as a range, whose tokens and time are still to join.
 */
function readSpans(sqlite: Database.Database, seriesPk: number, spans: Array<[number, number]>, want: number, decoder: ChunkDecoder | null, filter: RangeFilter): { kept: Columns; blobs: Buffer[] } {
  const count = spans.reduce((sum, [first, last]) => sum + last - first + 1, 0);
  if (spans.length === 1 && (count > FEW_CHUNKS || decoder === null)) {
    const blobs = new SeriesChunks(sqlite, seriesPk).blobsByNumber(spans[0]![0], spans[0]![1]);
    let capacity = 0;
    for (const blob of blobs) capacity += chunkLength(blob);
    const decoded = new Columns(capacity, want);
    decodeInto(blobs, want, decoded);
    const length = decoded.length;
    decoded.length = 0;
    filter.take(decoded, length, decoded);
    return { kept: decoded, blobs };
  }
  const list: number[] = [];
  for (const [first, last] of spans) for (let chunk = first; chunk <= last; chunk++) list.push(chunk);
  const parts = (decoder ?? ((l, w) => decodeChunksByNumber(sqlite, seriesPk, l, w)))(list, want);
  let capacity = 0;
  for (const part of parts.values()) capacity += part.length;
  const kept = new Columns(capacity, want);
  // Tokens and time were joined per chunk already.
  for (const chunk of list) {
    const part = parts.get(chunk);
    if (part) filter.take(part, part.length, kept);
  }
  return { kept, blobs: [] };
}

/**
 * Points of the chunk runs (sorted, by chunk number) with step in each run's [fromStep, toStep], keeping
 * those `keep(value, run index)` accepts. Reads each chunk once, by number: no directory needed. A
 * `decoder` (a cache of decoded chunks) answers for scattered or few chunks.
 */
export function readChunkRuns(
  sqlite: Database.Database,
  seriesPk: number,
  runs: readonly ChunkRun[],
  keep: ((value: number, run: number) => boolean) | null = null,
  want = ALL_COLUMNS,
  decoder: ChunkDecoder | null = null,
): PointColumns {
  const spans = spansOf(runs);
  if (spans.length === 0) return new Columns(0, want);
  const { kept, blobs } = readSpans(sqlite, seriesPk, spans, want, decoder, new RangeFilter(runs, keep));
  // Tokens and time come from the run's axis only when asked for: a step-axis chart never needs them.
  if (needsAxis(blobs, want)) new SeriesChunks(sqlite, seriesPk).joinAxis(kept, 0, kept.length, want);
  return kept;
}
