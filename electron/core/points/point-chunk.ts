// One chunk's blob: up to MAX_CHUNK_POINTS consecutive points of a series (or steps of a run's axis) as
// separately encoded columns. Layout (little-endian): u32 point count, u32 column mask, then for each
// column present in mask order a u32 byte length and the column's bytes (float-column-codec), all
// 4-byte aligned. A series chunk written by the lab-store sync has steps and values only: its tokens and
// time live once per run and step in the run's axis chunks (steps, tokens, time).
import { eachPart, frameParts } from './column-frames';
import { ColumnCodecError, decodeFloatColumn, encodeFloatColumn } from './float-column-codec';

/**
 * Points per chunk of a series: a chunk is the unit written, cut at a restart and decoded. 256 is the
 * summary's level-0 bucket, so a chart that opens a bucket straddling a pixel column decodes that bucket
 * and nothing more; a run's axis, read whole for a range of steps, keeps bigger chunks.
 */
export const SERIES_CHUNK_POINTS = 256;
export const AXIS_CHUNK_POINTS = 4096;
export const MAX_CHUNK_POINTS = 4096;

export const STEPS = 1;
export const VALUES = 2;
export const TOKENS = 4;
export const TIMES = 8;
const COLUMN_BITS = [STEPS, VALUES, TOKENS, TIMES] as const;

/** Columns of a chunk, each with room for MAX_CHUNK_POINTS; absent columns are null. */
export interface ChunkColumns {
  length: number;
  steps: Float64Array;
  values: Float64Array | null;
  tokens: Float64Array | null;
  times: Float64Array | null;
}

export function emptyChunk(mask: number, capacity = MAX_CHUNK_POINTS): ChunkColumns {
  const column = (bit: number) => ((mask & bit) !== 0 ? new Float64Array(capacity) : null);
  return { length: 0, steps: new Float64Array(capacity), values: column(VALUES), tokens: column(TOKENS), times: column(TIMES) };
}

export function maskOf(chunk: ChunkColumns): number {
  return STEPS | (chunk.values ? VALUES : 0) | (chunk.tokens ? TOKENS : 0) | (chunk.times ? TIMES : 0);
}

function columnOf(chunk: ChunkColumns, bit: number): Float64Array | null {
  return bit === STEPS ? chunk.steps : bit === VALUES ? chunk.values : bit === TOKENS ? chunk.tokens : chunk.times;
}

export function encodeChunk(chunk: ChunkColumns): Buffer {
  const parts: Uint8Array[] = [];
  for (const bit of COLUMN_BITS) {
    const column = columnOf(chunk, bit);
    if (column) parts.push(encodeFloatColumn(column, chunk.length));
  }
  return frameParts([chunk.length, maskOf(chunk)], parts);
}

/** The point count a blob holds, without decoding it. */
export function chunkLength(blob: Uint8Array): number {
  return new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(0, true);
}

/**
 * Decodes a blob into `into` (whose columns must have room), or into a fresh chunk. Only the columns in
 * `want` are decoded; the others are left as they were.
 */
export function decodeChunk(blob: Uint8Array, want = STEPS | VALUES | TOKENS | TIMES, into?: ChunkColumns): ChunkColumns {
  if (blob.byteLength < 8) throw new ColumnCodecError(`a point chunk has only ${blob.byteLength} bytes`);
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const length = view.getUint32(0, true);
  const mask = view.getUint32(4, true);
  if (length > MAX_CHUNK_POINTS || (mask & STEPS) === 0 || mask > 15) throw new ColumnCodecError(`a point chunk header is damaged (${length} points, columns ${mask})`);
  const out = into ?? emptyChunk(mask & want);
  out.length = length;
  const present = COLUMN_BITS.filter((bit) => (mask & bit) !== 0);
  eachPart(blob, 2, present.length, (part, i) => {
    const bit = present[i]!;
    const target = (want & bit) !== 0 ? columnOf(out, bit) : null;
    if (target) decodeFloatColumn(part, length, target);
  });
  return out;
}

/** Which columns a blob carries. */
export function chunkMask(blob: Uint8Array): number {
  return new DataView(blob.buffer, blob.byteOffset, blob.byteLength).getUint32(4, true);
}
