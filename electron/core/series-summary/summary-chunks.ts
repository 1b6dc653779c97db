// Reading and writing the summary's rows: chunks of bucket records per (series, level), and the series totals.
import type Database from 'better-sqlite3';
import { eachPart, frameParts } from '../points/column-frames';
import { decodeFloatColumn, encodeFloatColumn } from '../points/float-column-codec';
import { END_STEP, FIELDS } from './bucket-record';
import { BUCKETS_PER_CHUNK } from './summary-levels';

/** A blob as Float64 records; copies only when SQLite's buffer is not 8-byte aligned. */
export function decodeRecords(blob: Buffer): Float64Array {
  if (blob.byteLength % 8 !== 0) throw new RangeError(`A summary record blob has ${blob.byteLength} bytes; expected a multiple of 8.`);
  if (blob.byteOffset % 8 === 0) return new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / 8);
  const copy = new Float64Array(blob.byteLength / 8);
  new Uint8Array(copy.buffer).set(blob);
  return copy;
}

/**
 * A chunk of records as stored: field by field (all the buckets' START_STEP, then their END_STEP, …), each
 * field a column of the point codec, so the integers, decimals and NaN runs of a field compress as the
 * points do (about a tenth of the raw 496 bytes a record). Layout: u32 record count, then per field a u32
 * byte length and the column.
 */
export function encodeRecordChunk(records: Float64Array, first: number, count: number): Buffer {
  const column = new Float64Array(count);
  const parts: Uint8Array[] = [];
  for (let f = 0; f < FIELDS; f++) {
    for (let b = 0; b < count; b++) column[b] = records[(first + b) * FIELDS + f]!;
    parts.push(encodeFloatColumn(column, count));
  }
  return frameParts([count], parts);
}

export function decodeRecordChunk(blob: Buffer): Float64Array {
  if (blob.byteLength < 4) throw new RangeError(`A summary chunk has ${blob.byteLength} bytes.`);
  const count = blob.readUInt32LE(0);
  const records = new Float64Array(count * FIELDS);
  const column = new Float64Array(count);
  eachPart(blob, 1, FIELDS, (part, f) => {
    decodeFloatColumn(part, count, column);
    for (let b = 0; b < count; b++) records[b * FIELDS + f] = column[b]!;
  });
  return records;
}

export interface SummaryState {
  generation: number;
  pointCount: number;
  levelCount: number;
  totals: Float64Array;
}

function statements(sqlite: Database.Database) {
  return {
    state: sqlite.prepare('SELECT generation, point_count AS pointCount, level_count AS levelCount, totals FROM series_summaries WHERE series_pk = ?'),
    saveState: sqlite.prepare(
      `INSERT INTO series_summaries (series_pk, generation, point_count, level_count, totals) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (series_pk) DO UPDATE SET generation = excluded.generation, point_count = excluded.point_count,
         level_count = excluded.level_count, totals = excluded.totals`,
    ),
    chunk: sqlite.prepare('SELECT data FROM series_summary_chunks WHERE series_pk = ? AND level = ? AND chunk = ?').pluck(),
    chunkRange: sqlite
      .prepare('SELECT chunk, data FROM series_summary_chunks WHERE series_pk = ? AND level = ? AND chunk BETWEEN ? AND ? ORDER BY chunk')
      .raw(),
    chunkList: sqlite
      .prepare(
        `SELECT c.chunk, c.data FROM json_each(?) AS j CROSS JOIN series_summary_chunks AS c
         WHERE c.series_pk = ? AND c.level = ? AND c.chunk = j.value`,
      )
      .raw(),
    firstChunkEndingAtOrAfter: sqlite
      .prepare('SELECT min(chunk) FROM series_summary_chunks WHERE series_pk = ? AND level = ? AND end_step >= ?')
      .pluck(),
    lastChunk: sqlite.prepare('SELECT max(chunk) FROM series_summary_chunks WHERE series_pk = ? AND level = ?').pluck(),
    writeChunk: sqlite.prepare(
      `INSERT INTO series_summary_chunks (series_pk, level, chunk, end_step, data) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (series_pk, level, chunk) DO UPDATE SET end_step = excluded.end_step, data = excluded.data`,
    ),
    deleteChunksFrom: sqlite.prepare('DELETE FROM series_summary_chunks WHERE series_pk = ? AND level = ? AND chunk >= ?'),
    deleteLevelsFrom: sqlite.prepare('DELETE FROM series_summary_chunks WHERE series_pk = ? AND level >= ?'),
  };
}

export type SummaryStatements = ReturnType<typeof statements>;
const cache = new WeakMap<Database.Database, SummaryStatements>();

export function summaryStatements(sqlite: Database.Database): SummaryStatements {
  let st = cache.get(sqlite);
  if (!st) {
    st = statements(sqlite);
    cache.set(sqlite, st);
  }
  return st;
}

export function readSummaryState(sqlite: Database.Database, seriesPk: number): SummaryState | undefined {
  const row = summaryStatements(sqlite).state.get(seriesPk) as
    | { generation: number; pointCount: number; levelCount: number; totals: Buffer }
    | undefined;
  // A summary written with another record layout is treated as absent: the next sync rebuilds it, and the
  // chart reads the points meanwhile.
  if (!row || row.totals.byteLength !== FIELDS * 8) return undefined;
  return { ...row, totals: decodeRecords(row.totals) };
}

export function readChunk(sqlite: Database.Database, seriesPk: number, level: number, chunk: number): Float64Array | undefined {
  const blob = summaryStatements(sqlite).chunk.get(seriesPk, level, chunk) as Buffer | undefined;
  return blob && decodeRecordChunk(blob);
}

/** Records of buckets [fromChunk·16, (toChunk+1)·16) as one array starting at bucket fromChunk·16. */
export function readChunkRange(
  sqlite: Database.Database,
  seriesPk: number,
  level: number,
  fromChunk: number,
  toChunk: number,
): { records: Float64Array; buckets: number } {
  const rows = summaryStatements(sqlite).chunkRange.all(seriesPk, level, fromChunk, toChunk) as [number, Buffer][];
  const out = new Float64Array((toChunk - fromChunk + 1) * BUCKETS_PER_CHUNK * FIELDS);
  let buckets = 0;
  for (const [chunk, blob] of rows) {
    const records = decodeRecordChunk(blob);
    const at = (chunk - fromChunk) * BUCKETS_PER_CHUNK;
    out.set(records, at * FIELDS);
    buckets = at + records.length / FIELDS;
  }
  return { records: out, buckets };
}

/** The listed chunks of one level, decoded, by chunk number. */
export function readChunkList(sqlite: Database.Database, seriesPk: number, level: number, chunks: readonly number[]): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  if (chunks.length === 0) return out;
  const rows = summaryStatements(sqlite).chunkList.all(JSON.stringify(chunks), seriesPk, level) as [number, Buffer][];
  for (const [chunk, blob] of rows) out.set(chunk, decodeRecordChunk(blob));
  return out;
}

/** Writes the buckets [start, start + count) of `records` (whose first record is bucket `recordsStart`) as chunks. */
export function writeLevelChunks(
  sqlite: Database.Database,
  seriesPk: number,
  level: number,
  records: Float64Array,
  recordsStart: number,
  total: number,
): void {
  const st = summaryStatements(sqlite);
  const firstChunk = Math.floor(recordsStart / BUCKETS_PER_CHUNK);
  if (recordsStart % BUCKETS_PER_CHUNK !== 0) throw new RangeError('writeLevelChunks: records must start at a chunk boundary');
  for (let chunk = firstChunk; chunk * BUCKETS_PER_CHUNK < total; chunk++) {
    const first = chunk * BUCKETS_PER_CHUNK - recordsStart;
    const count = Math.min(BUCKETS_PER_CHUNK, total - chunk * BUCKETS_PER_CHUNK);
    const endStep = records[(first + count - 1) * FIELDS + END_STEP];
    st.writeChunk.run(seriesPk, level, chunk, endStep, encodeRecordChunk(records, first, count));
  }
  st.deleteChunksFrom.run(seriesPk, level, Math.ceil(total / BUCKETS_PER_CHUNK));
}
