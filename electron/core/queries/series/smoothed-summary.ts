// The smoothed line of a long series at any zoom: the EMA runs once over every point, in step order, and
// its result is summarized in memory with the same buckets as the stored summary, plus the average's state
// at the start of every 64-point bucket. Opening a bucket later re-reads its points and resumes the average
// there, so a zoomed-in view shows exactly the values the full pass computed. Kept per (series, weight) in a
// bounded cache and dropped when the series' summary generation changes.
import type Database from 'better-sqlite3';
import { FIELDS, FIRST, LAST, MAX, MIN, QUARTER_COUNT, QUARTER_POINTS, REP_STEP, REP_TIME, REP_TOKENS, REP_Y, START_STEP, mergeRecords, quarterHigh, quarterLow, summarizePoints, type PointColumns } from '../../series-summary/bucket-record';
import { readSeriesPoints } from '../../points/read-series-points';
import { readBucketPoints, readPointsAfter } from '../../series-summary/read-points';
import { readChunkRange } from '../../series-summary/summary-chunks';
import { BASE_BUCKET_POINTS, BUCKETS_PER_CHUNK, LEVEL_FACTOR, levelCountFor } from '../../series-summary/summary-levels';
import { ByteLru } from './byte-lru';
import { isConstantSeries, ResumableEma } from './resumable-ema';
import type { BucketLookup, BucketRun, SummarySource } from './summary-source';
import { columnsFor, type XBase } from './x-axis';

export class SmoothedSummary implements SummarySource {
  readonly levelCount: number;

  private constructor(
    private readonly sqlite: Database.Database,
    private readonly seriesPk: number,
    readonly pointCount: number,
    private readonly weight: number,
    private readonly constant: boolean,
    private readonly levels: Float64Array[],
    /** Per level-0 bucket: the average's `last` and `seen` before its first point. */
    private readonly checkpoints: Float64Array,
  ) {
    this.levelCount = levels.length;
  }

  get bytes(): number {
    return this.levels.reduce((sum, level) => sum + level.byteLength, this.checkpoints.byteLength);
  }

  /**
   * The EMA over every point, then its level-0 records: from the stored summary's where it can (`stored`,
   * the raw level 0 of the same points), else summarized point by point. EMA keeps a point finite or
   * not as it was, so a bucket's count, x span, gaps, markers and first/last points are the raw record's;
   * only the values change, and the lowest and highest points are found again. Their tokens or time are
   * read only for an axis of that base (`base`), so a step-axis chart reads steps and values alone.
   */
  static build(sqlite: Database.Database, seriesPk: number, weight: number, base: XBase = 'step', stored: Float64Array | null = null): SmoothedSummary {
    const points = stored ? readSeriesPoints(sqlite, seriesPk, {}, columnsFor(base)) : readPointsAfter(sqlite, seriesPk);
    const n = points.length;
    const constant = isConstantSeries(points.values, n);
    const ema = new ResumableEma(weight, constant);
    const buckets = Math.ceil(n / BASE_BUCKET_POINTS);
    const checkpoints = new Float64Array(buckets * 2);
    const smoothed = new Float64Array(n);
    let finiteKept = true;
    for (let i = 0; i < n; i++) {
      if (i % BASE_BUCKET_POINTS === 0) {
        checkpoints[(i / BASE_BUCKET_POINTS) * 2] = ema.last;
        checkpoints[(i / BASE_BUCKET_POINTS) * 2 + 1] = ema.seen;
      }
      const y = ema.next(points.values[i]);
      smoothed[i] = y;
      if (Number.isFinite(y) !== Number.isFinite(points.values[i])) finiteKept = false;
    }
    const level0 = new Float64Array(buckets * FIELDS);
    if (stored && finiteKept && stored.length === buckets * FIELDS) {
      level0.set(stored.subarray(0, buckets * FIELDS));
      const rep = base === 'step' ? null : base === 'tokens' ? points.tokens : points.times;
      for (let b = 0; b < buckets; b++) resmoothRecord(points.steps, smoothed, rep, base, b * BASE_BUCKET_POINTS, Math.min(n, (b + 1) * BASE_BUCKET_POINTS), level0, b * FIELDS);
    } else {
      // A read of some columns only (`stored` given) is read again whole for the point-by-point way.
      const all = stored ? readPointsAfter(sqlite, seriesPk) : points;
      const columns: PointColumns = { length: n, steps: all.steps, values: smoothed, tokens: all.tokens, times: all.times };
      for (let b = 0; b < buckets; b++) {
        const start = b * BASE_BUCKET_POINTS;
        summarizePoints(columns, start, Math.min(n, start + BASE_BUCKET_POINTS), start > 0 ? all.tokens[start - 1] : NaN, start > 0 ? all.times[start - 1] : NaN, level0, b * FIELDS);
      }
    }
    const levels = [level0];
    const count = Math.max(1, levelCountFor(n));
    for (let level = 1; level < count; level++) {
      const child = levels[level - 1];
      const childTotal = child.length / FIELDS;
      const total = Math.ceil(childTotal / LEVEL_FACTOR);
      const records = new Float64Array(total * FIELDS);
      for (let p = 0; p < total; p++) mergeRecords(child, p * LEVEL_FACTOR, Math.min(LEVEL_FACTOR, childTotal - p * LEVEL_FACTOR), records, p * FIELDS);
      levels.push(records);
    }
    return new SmoothedSummary(sqlite, seriesPk, n, weight, constant, levels, checkpoints);
  }

  levelRange(level: number, from: number, to: number): Float64Array {
    return this.levels[level].subarray(from * FIELDS, (to + 1) * FIELDS);
  }

  eachBucket(level: number, from: number, to: number, visit: (records: Float64Array, at: number, bucket: number) => void): void {
    const records = this.levels[level];
    for (let bucket = from; bucket <= to; bucket++) visit(records, bucket * FIELDS, bucket);
  }

  bucketsOf(level: number): BucketLookup {
    const records = this.levels[level];
    return (bucket) => ({ records, at: bucket * FIELDS });
  }

  /**
   * Re-reads the points of the runs and smooths them from each run's checkpoint. Every run is read from its
   * first bucket's first point (where the checkpoint is), whatever narrower range it asks for; the band
   * filter cannot apply either, since it is about smoothed values SQLite does not have.
   */
  points(runs: readonly BucketRun[], want?: number): PointColumns {
    const level0 = this.levels[0];
    const starts = runs.map((r) => level0[r.first * FIELDS + START_STEP]);
    const raw = readBucketPoints(
      this.sqlite,
      this.seriesPk,
      runs.map((r, i) => ({ first: r.first, last: r.last, fromStep: starts[i], toStep: r.toStep })),
      want,
    );
    const ema = new ResumableEma(this.weight, this.constant);
    const values = raw.values;
    let r = -1;
    for (let i = 0; i < raw.length; i++) {
      while (r < 0 || raw.steps[i] > runs[r].toStep) {
        r++;
        const first = runs[r].first;
        ema.resumeAt(this.checkpoints[first * 2], this.checkpoints[first * 2 + 1]);
      }
      values[i] = ema.next(values[i]);
    }
    return raw;
  }
}

/**
 * A raw level-0 record (copied into `out` at `at`) made the record of the smoothed points [start, end):
 * the first and last finite points keep their place and take their smoothed value; the lowest and highest
 * (the first of equals, as summarizePoints) and each quarter's bounds are found again. A representative's
 * x other than the step is filled only for `base` (from `rep`); the others are NaN.
 */
function resmoothRecord(steps: Float64Array, smoothed: Float64Array, rep: Float64Array | null, base: XBase, start: number, end: number, out: Float64Array, at: number): void {
  let first = -1;
  let last = -1;
  let low = -1;
  let high = -1;
  for (let i = start; i < end; i++) {
    const y = smoothed[i];
    if (!Number.isFinite(y)) continue;
    if (first < 0) first = low = high = i;
    else {
      if (y < smoothed[low]) low = i;
      if (y > smoothed[high]) high = i;
    }
    last = i;
  }
  if (first < 0) return;
  out[at + FIRST + REP_Y] = smoothed[first];
  out[at + LAST + REP_Y] = smoothed[last];
  const setRep = (field: number, i: number) => {
    out[at + field + REP_Y] = smoothed[i];
    out[at + field + REP_STEP] = steps[i];
    out[at + field + REP_TOKENS] = base === 'tokens' ? rep![i] : NaN;
    out[at + field + REP_TIME] = base === 'time' ? rep![i] : NaN;
  };
  setRep(MIN, low);
  setRep(MAX, high);
  for (let q = 0; q < QUARTER_COUNT; q++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start + q * QUARTER_POINTS; i < Math.min(end, start + (q + 1) * QUARTER_POINTS); i++) {
      const y = smoothed[i];
      if (!Number.isFinite(y)) continue;
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    out[at + quarterLow(q)] = lo <= hi ? lo : NaN;
    out[at + quarterHigh(q)] = lo <= hi ? hi : NaN;
  }
}

/** About 10.5 bytes per point: some 30 million smoothed points (20 runs of 1.5 M) stay ready for zooming. */
export const SMOOTHED_CACHE_BYTES = 320 * 1024 * 1024;
const caches = new WeakMap<Database.Database, ByteLru<SmoothedSummary>>();

/** The stored level-0 records of a series of `pointCount` points, or null when they do not cover it. */
export function storedLevel0(sqlite: Database.Database, seriesPk: number, pointCount: number): Float64Array | null {
  const buckets = Math.ceil(pointCount / BASE_BUCKET_POINTS);
  if (buckets === 0) return null;
  const { records, buckets: read } = readChunkRange(sqlite, seriesPk, 0, 0, Math.ceil(buckets / BUCKETS_PER_CHUNK) - 1);
  return read === buckets ? records.subarray(0, buckets * FIELDS) : null;
}

/**
 * The smoothed summary of a series at a weight, for charts on an axis of `base`, kept until the series'
 * summary generation changes. `stored` gives the raw level-0 records of the same generation when the
 * caller has them (see SmoothedSummary.build).
 */
export function smoothedSummary(sqlite: Database.Database, seriesPk: number, generation: number, weight: number, base: XBase = 'step', stored: () => Float64Array | null = () => null): SmoothedSummary {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new ByteLru<SmoothedSummary>(SMOOTHED_CACHE_BYTES)));
  return cache.getOrMake(`${seriesPk}:${generation}:${weight}:${base}`, () => SmoothedSummary.build(sqlite, seriesPk, weight, base, stored()), (s) => s.bytes);
}
