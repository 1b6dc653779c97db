// Keeps a series' multi-resolution summary in step with its points. Called by the sync (inside its
// transaction) after points with step ≥ fromStep were written or superseded: buckets are runs of
// consecutive points, so everything before the first bucket that reaches fromStep is still valid and
// only the tail is recomputed — level 0 from the points, each coarser level from the one below.
import type Database from 'better-sqlite3';
import { COUNT, END_STEP, END_TIME, END_TOKENS, FIELDS, mergeRecords, summarizePoints, type PointColumns } from './bucket-record';
import { readPointsAfter } from './read-points';
import { readChunk, readChunkRange, readSummaryState, summaryStatements, writeLevelChunks, type SummaryState } from './summary-chunks';
import { BASE_BUCKET_POINTS, BUCKETS_PER_CHUNK, LEVEL_FACTOR, levelCountFor } from './summary-levels';

/** The tail of one level: records of buckets [start, total), and the first bucket that changed. */
interface LevelTail {
  start: number;
  dirty: number;
  total: number;
  records: Float64Array;
}

function chunkStart(bucket: number): number {
  return Math.floor(bucket / BUCKETS_PER_CHUNK) * BUCKETS_PER_CHUNK;
}

function summarizeLevel0(points: PointColumns, prevTokens: number, prevTime: number, into: Float64Array, at: number): number {
  const buckets = Math.ceil(points.length / BASE_BUCKET_POINTS);
  for (let b = 0; b < buckets; b++) {
    const start = b * BASE_BUCKET_POINTS;
    const end = Math.min(points.length, start + BASE_BUCKET_POINTS);
    const pt = start > 0 ? points.tokens[start - 1] : prevTokens;
    const ptm = start > 0 ? points.times[start - 1] : prevTime;
    summarizePoints(points, start, end, pt, ptm, into, (at + b) * FIELDS);
  }
  return buckets;
}

function mergeParents(child: LevelTail, from: number, out: Float64Array, outStart: number): number {
  const total = Math.ceil(child.total / LEVEL_FACTOR);
  for (let p = from; p < total; p++) {
    const first = p * LEVEL_FACTOR;
    const n = Math.min(LEVEL_FACTOR, child.total - first);
    mergeRecords(child.records, first - child.start, n, out, (p - outStart) * FIELDS);
  }
  return total;
}

/** Reads the rest of a level from the database so that `tail` starts at bucket 0. */
function wholeLevel(sqlite: Database.Database, seriesPk: number, level: number, tail: LevelTail): LevelTail {
  if (tail.start === 0) return tail;
  const head = readChunkRange(sqlite, seriesPk, level, 0, tail.start / BUCKETS_PER_CHUNK - 1);
  const records = new Float64Array(tail.total * FIELDS);
  records.set(head.records.subarray(0, tail.start * FIELDS));
  records.set(tail.records.subarray(0, (tail.total - tail.start) * FIELDS), tail.start * FIELDS);
  return { start: 0, dirty: tail.dirty, total: tail.total, records };
}

function saveState(sqlite: Database.Database, seriesPk: number, previous: SummaryState | undefined, pointCount: number, levelCount: number, totals: Float64Array): void {
  const generation = (previous?.generation ?? 0) + 1;
  summaryStatements(sqlite).saveState.run(seriesPk, generation, pointCount, levelCount, Buffer.from(totals.buffer, totals.byteOffset, FIELDS * 8));
}

function totalsOf(level: LevelTail): Float64Array {
  const totals = new Float64Array(FIELDS);
  mergeRecords(level.records, 0, level.total, totals, 0);
  return totals;
}

/** Writes levels 1… from a complete or partial level 0 and returns the coarsest level written. */
function writeCoarserLevels(sqlite: Database.Database, seriesPk: number, level0: LevelTail, levelCount: number, oldLevelCount: number): LevelTail {
  let child = level0;
  for (let level = 1; level < levelCount; level++) {
    const existed = level < oldLevelCount;
    if (!existed) child = wholeLevel(sqlite, seriesPk, level - 1, child);
    const dirty = existed ? Math.floor(child.dirty / LEVEL_FACTOR) : 0;
    const start = chunkStart(dirty);
    const total = Math.ceil(child.total / LEVEL_FACTOR);
    const records = new Float64Array(Math.max(0, total - start) * FIELDS);
    if (dirty > start) {
      const kept = readChunk(sqlite, seriesPk, level, start / BUCKETS_PER_CHUNK);
      if (!kept) throw new Error(`series ${seriesPk}: summary level ${level} chunk ${start / BUCKETS_PER_CHUNK} is missing`);
      records.set(kept.subarray(0, (dirty - start) * FIELDS));
    }
    mergeParents(child, dirty, records, start);
    const tail = { start, dirty, total, records };
    writeLevelChunks(sqlite, seriesPk, level, records, start, total);
    child = tail;
  }
  return child;
}

function rebuildWholeSeries(sqlite: Database.Database, seriesPk: number, previous: SummaryState | undefined): void {
  const st = summaryStatements(sqlite);
  const points = readPointsAfter(sqlite, seriesPk);
  st.deleteLevelsFrom.run(seriesPk, 0);
  if (points.length === 0) {
    saveEmptyState(sqlite, seriesPk, previous);
    return;
  }
  const total = Math.ceil(points.length / BASE_BUCKET_POINTS);
  const records = new Float64Array(total * FIELDS);
  summarizeLevel0(points, NaN, NaN, records, 0);
  const level0: LevelTail = { start: 0, dirty: 0, total, records };
  const levelCount = levelCountFor(points.length);
  if (levelCount > 0) writeLevelChunks(sqlite, seriesPk, 0, records, 0, total);
  const coarsest = writeCoarserLevels(sqlite, seriesPk, level0, levelCount, 0);
  saveState(sqlite, seriesPk, previous, points.length, levelCount, totalsOf(wholeLevel(sqlite, seriesPk, levelCount - 1, coarsest)));
}

function recordAt(sqlite: Database.Database, seriesPk: number, bucket: number, loaded: { chunk: number; records: Float64Array }): Float64Array {
  const chunk = Math.floor(bucket / BUCKETS_PER_CHUNK);
  const records = chunk === loaded.chunk ? loaded.records : readChunk(sqlite, seriesPk, 0, chunk);
  if (!records) throw new Error(`series ${seriesPk}: summary level 0 chunk ${chunk} is missing`);
  const at = (bucket - chunk * BUCKETS_PER_CHUNK) * FIELDS;
  return records.subarray(at, at + FIELDS);
}

/** The first level-0 bucket to recompute: the first that reaches fromStep, else a last bucket that is not full. */
function firstDirtyBucket(sqlite: Database.Database, seriesPk: number, fromStep: number): { bucket: number; loaded: { chunk: number; records: Float64Array } } {
  const st = summaryStatements(sqlite);
  const hit = st.firstChunkEndingAtOrAfter.get(seriesPk, 0, fromStep) as number | null;
  const chunk = hit ?? (st.lastChunk.get(seriesPk, 0) as number);
  const records = readChunk(sqlite, seriesPk, 0, chunk)!;
  const buckets = records.length / FIELDS;
  const loaded = { chunk, records };
  if (hit !== null) {
    for (let b = 0; b < buckets; b++) if (records[b * FIELDS + END_STEP] >= fromStep) return { bucket: chunk * BUCKETS_PER_CHUNK + b, loaded };
  }
  const last = buckets - 1;
  const lastIsFull = records[last * FIELDS + COUNT] >= BASE_BUCKET_POINTS;
  return { bucket: chunk * BUCKETS_PER_CHUNK + last + (lastIsFull ? 1 : 0), loaded };
}

export function updateSeriesSummary(sqlite: Database.Database, seriesPk: number, fromStep: number): void {
  const previous = readSummaryState(sqlite, seriesPk);
  if (!previous || previous.levelCount === 0) return rebuildWholeSeries(sqlite, seriesPk, previous);
  const { bucket: dirty, loaded } = firstDirtyBucket(sqlite, seriesPk, fromStep);
  const before = dirty > 0 ? recordAt(sqlite, seriesPk, dirty - 1, loaded) : undefined;
  const points = readPointsAfter(sqlite, seriesPk, before ? before[END_STEP] : -Infinity);
  const pointCount = dirty * BASE_BUCKET_POINTS + points.length;
  const levelCount = levelCountFor(pointCount);
  if (levelCount === 0) return rebuildWholeSeries(sqlite, seriesPk, previous);
  const start = chunkStart(dirty);
  const total = dirty + Math.ceil(points.length / BASE_BUCKET_POINTS);
  const records = new Float64Array((total - start) * FIELDS);
  if (dirty > start) {
    const chunk = start / BUCKETS_PER_CHUNK;
    const kept = chunk === loaded.chunk ? loaded.records : readChunk(sqlite, seriesPk, 0, chunk);
    if (!kept) throw new Error(`series ${seriesPk}: summary level 0 chunk ${chunk} is missing`);
    records.set(kept.subarray(0, (dirty - start) * FIELDS));
  }
  summarizeLevel0(points, before ? before[END_TOKENS] : NaN, before ? before[END_TIME] : NaN, records, dirty - start);
  writeLevelChunks(sqlite, seriesPk, 0, records, start, total);
  const level0: LevelTail = { start, dirty, total, records };
  const coarsest = writeCoarserLevels(sqlite, seriesPk, level0, levelCount, previous.levelCount);
  summaryStatements(sqlite).deleteLevelsFrom.run(seriesPk, levelCount);
  saveState(sqlite, seriesPk, previous, pointCount, levelCount, totalsOf(wholeLevel(sqlite, seriesPk, levelCount - 1, coarsest)));
}

/** The series is gone: so is its summary. */
export function removeSeriesSummary(sqlite: Database.Database, seriesPk: number): void {
  summaryStatements(sqlite).deleteLevelsFrom.run(seriesPk, 0);
  saveEmptyState(sqlite, seriesPk, readSummaryState(sqlite, seriesPk));
}

/**
 * A series left with no summary keeps its state row, empty, one generation on: the chart's caches
 * (decoded chunks, smoothed lines) are keyed by series and generation, and a series whose points are
 * placed again (MLflow) or all superseded would otherwise start over at generation 1 and be served
 * what was cached of its old points. A removed series' row goes with it (ON DELETE CASCADE).
 */
function saveEmptyState(sqlite: Database.Database, seriesPk: number, previous: SummaryState | undefined): void {
  if (previous === undefined) return;
  saveState(sqlite, seriesPk, previous, 0, 0, new Float64Array(FIELDS));
}
