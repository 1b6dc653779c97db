// Where the chart query reads a series' summary from: the cache's chunks (raw values) or an in-memory
// summary of a smoothed series. Both answer in bucket records (electron/core/series-summary/bucket-record).
import type Database from 'better-sqlite3';
import { FIELDS, type PointColumns } from '../../series-summary/bucket-record';
import { decodeChunksByNumber, type ChunkDecoder } from '../../points/read-chunk-runs';
import { readBucketPoints } from '../../series-summary/read-points';
import { readChunkList, readChunkRange, type SummaryState } from '../../series-summary/summary-chunks';
import { BUCKETS_PER_CHUNK, bucketPoints } from '../../series-summary/summary-levels';
import { ByteLru } from './byte-lru';

/**
 * Consecutive level-0 buckets [first, last] and the steps they span. With `below`/`above`, only points
 * that are non-finite or fall outside (below, above) are needed; a source may still return more.
 */
export interface BucketRun {
  readonly first: number;
  readonly last: number;
  readonly fromStep: number;
  readonly toStep: number;
  readonly below?: number;
  readonly above?: number;
}

export type BucketLookup = (bucket: number) => { records: Float64Array; at: number };

export interface SummarySource {
  readonly levelCount: number;
  readonly pointCount: number;
  /** Records of buckets [from, to] of a level; the first record is bucket `from`. */
  levelRange(level: number, from: number, to: number): Float64Array;
  /** The listed buckets of a level (sorted, distinct). */
  bucketsOf(level: number, buckets: readonly number[]): BucketLookup;
  /** Visits buckets [from, to] of a level in order, where they are stored (no copy). */
  eachBucket(level: number, from: number, to: number, visit: (records: Float64Array, at: number, bucket: number) => void): void;
  /** The points of whole level-0 buckets, in step order, with the columns in `want` filled (all by default). */
  points(runs: readonly BucketRun[], want?: number): PointColumns;
}

export function bucketTotal(source: { pointCount: number }, level: number): number {
  return Math.ceil(source.pointCount / bucketPoints(level));
}

/**
 * Decoded chunks stay in memory between queries (zooming and panning read the same ones again), keyed by
 * the series' summary generation so a sync that changes the series makes them stale at once: summary
 * chunks by level, and the point chunks opened for straddling buckets (by columns and chunk number; one
 * SQL read each costs more than the chart's whole walk over the summary).
 */
export const CHUNK_CACHE_BYTES = 256 * 1024 * 1024;
interface SeriesChunks {
  levels: Map<number, Float64Array>[];
  points: Map<string, PointColumns>;
}
const chunkCaches = new WeakMap<Database.Database, ByteLru<SeriesChunks>>();

function chunkCache(sqlite: Database.Database): ByteLru<SeriesChunks> {
  let cache = chunkCaches.get(sqlite);
  if (!cache) chunkCaches.set(sqlite, (cache = new ByteLru<SeriesChunks>(CHUNK_CACHE_BYTES)));
  return cache;
}

function columnBytes(p: PointColumns): number {
  return p.steps.byteLength + p.values.byteLength + p.tokens.byteLength + p.times.byteLength;
}

export class CacheSummarySource implements SummarySource {
  readonly levelCount: number;
  readonly pointCount: number;
  private readonly cacheKey: string;
  private readonly cache: ByteLru<SeriesChunks>;
  /** Decoded chunks of this series at this generation, by level then chunk number. */
  private readonly known: SeriesChunks;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly seriesPk: number,
    state: SummaryState,
  ) {
    this.levelCount = state.levelCount;
    this.pointCount = state.pointCount;
    this.cache = chunkCache(sqlite);
    this.cacheKey = `${seriesPk}:${state.generation}`;
    this.known = this.cache.getOrMake(this.cacheKey, () => ({ levels: Array.from({ length: state.levelCount }, () => new Map()), points: new Map() }), () => 0);
  }

  /** The chunks, from memory where possible, the rest in one read. */
  private chunks(level: number, chunks: readonly number[]): Map<number, Float64Array> {
    const out = new Map<number, Float64Array>();
    const missing: number[] = [];
    const known = this.known.levels[level];
    for (const chunk of chunks) {
      const hit = known.get(chunk);
      if (hit) out.set(chunk, hit);
      else missing.push(chunk);
    }
    if (missing.length === 0) return out;
    const contiguous = missing[missing.length - 1] - missing[0] + 1 === missing.length;
    const read = contiguous ? this.readRange(level, missing[0], missing[missing.length - 1]) : readChunkList(this.sqlite, this.seriesPk, level, missing);
    let bytes = 0;
    for (const [chunk, records] of read) {
      known.set(chunk, records);
      out.set(chunk, records);
      bytes += records.byteLength;
    }
    this.cache.grow(this.cacheKey, bytes);
    return out;
  }

  private readRange(level: number, from: number, to: number): Map<number, Float64Array> {
    const { records, buckets } = readChunkRange(this.sqlite, this.seriesPk, level, from, to);
    const out = new Map<number, Float64Array>();
    for (let chunk = from; chunk <= to; chunk++) {
      const first = (chunk - from) * BUCKETS_PER_CHUNK;
      if (first >= buckets) break;
      out.set(chunk, records.slice(first * FIELDS, Math.min(buckets, first + BUCKETS_PER_CHUNK) * FIELDS));
    }
    return out;
  }

  levelRange(level: number, from: number, to: number): Float64Array {
    const firstChunk = Math.floor(from / BUCKETS_PER_CHUNK);
    const lastChunk = Math.floor(to / BUCKETS_PER_CHUNK);
    const wanted: number[] = [];
    for (let chunk = firstChunk; chunk <= lastChunk; chunk++) wanted.push(chunk);
    const chunks = this.chunks(level, wanted);
    const out = new Float64Array((to - from + 1) * FIELDS);
    for (const [chunk, records] of chunks) {
      const chunkFirst = chunk * BUCKETS_PER_CHUNK;
      const lo = Math.max(from, chunkFirst);
      const hi = Math.min(to + 1, chunkFirst + records.length / FIELDS);
      if (hi > lo) out.set(records.subarray((lo - chunkFirst) * FIELDS, (hi - chunkFirst) * FIELDS), (lo - from) * FIELDS);
    }
    return out;
  }

  eachBucket(level: number, from: number, to: number, visit: (records: Float64Array, at: number, bucket: number) => void): void {
    const firstChunk = Math.floor(from / BUCKETS_PER_CHUNK);
    const lastChunk = Math.floor(to / BUCKETS_PER_CHUNK);
    const wanted: number[] = [];
    for (let chunk = firstChunk; chunk <= lastChunk; chunk++) wanted.push(chunk);
    const chunks = this.chunks(level, wanted);
    for (let chunk = firstChunk; chunk <= lastChunk; chunk++) {
      const records = chunks.get(chunk);
      if (!records) continue;
      const chunkFirst = chunk * BUCKETS_PER_CHUNK;
      const hi = Math.min(to, chunkFirst + records.length / FIELDS - 1);
      for (let bucket = Math.max(from, chunkFirst); bucket <= hi; bucket++) visit(records, (bucket - chunkFirst) * FIELDS, bucket);
    }
  }

  bucketsOf(level: number, buckets: readonly number[]): BucketLookup {
    const wanted: number[] = [];
    for (const b of buckets) {
      const chunk = Math.floor(b / BUCKETS_PER_CHUNK);
      if (wanted[wanted.length - 1] !== chunk) wanted.push(chunk);
    }
    const byChunk = this.chunks(level, wanted);
    return (bucket) => {
      const chunk = Math.floor(bucket / BUCKETS_PER_CHUNK);
      const records = byChunk.get(chunk);
      if (!records) throw new Error(`series ${this.seriesPk}: summary level ${level} chunk ${chunk} is missing`);
      return { records, at: (bucket - chunk * BUCKETS_PER_CHUNK) * FIELDS };
    };
  }

  /** Each bucket is one point chunk, read by number; runs with bounds keep only the points that can matter. */
  points(runs: readonly BucketRun[], want?: number): PointColumns {
    return readBucketPoints(this.sqlite, this.seriesPk, runs, want, this.decodedChunks);
  }

  /** Point chunks from memory where possible, the rest in one read, then kept. */
  private readonly decodedChunks: ChunkDecoder = (list, want) => {
    const known = this.known.points;
    const out = new Map<number, PointColumns>();
    const missing: number[] = [];
    for (const chunk of list) {
      const hit = known.get(`${want}:${chunk}`);
      if (hit) out.set(chunk, hit);
      else missing.push(chunk);
    }
    if (missing.length === 0) return out;
    let bytes = 0;
    for (const [chunk, columns] of decodeChunksByNumber(this.sqlite, this.seriesPk, missing, want)) {
      known.set(`${want}:${chunk}`, columns);
      out.set(chunk, columns);
      bytes += columnBytes(columns);
    }
    this.cache.grow(this.cacheKey, bytes);
    return out;
  };
}
