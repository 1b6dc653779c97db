// The smoothed line of a long series at any zoom: the EMA runs once over every point, in step order, and
// its result is summarized in memory with the same buckets as the stored summary, plus the average's state
// at the start of every 64-point bucket. Opening a bucket later re-reads its points and resumes the average
// there, so a zoomed-in view shows exactly the values the full pass computed. Kept per (series, weight) in a
// bounded cache and dropped when the series' summary generation changes.
import type Database from 'better-sqlite3';
import { FIELDS, START_STEP, mergeRecords, summarizePoints, type PointColumns } from '../../series-summary/bucket-record';
import { readBucketPoints, readPointsAfter } from '../../series-summary/read-points';
import { BASE_BUCKET_POINTS, LEVEL_FACTOR, levelCountFor } from '../../series-summary/summary-levels';
import { ByteLru } from './byte-lru';
import { isConstantSeries, ResumableEma } from './resumable-ema';
import type { BucketLookup, BucketRun, SummarySource } from './summary-source';

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

  static build(sqlite: Database.Database, seriesPk: number, weight: number): SmoothedSummary {
    const points = readPointsAfter(sqlite, seriesPk);
    const n = points.length;
    const constant = isConstantSeries(points.values, n);
    const ema = new ResumableEma(weight, constant);
    const buckets = Math.ceil(n / BASE_BUCKET_POINTS);
    const checkpoints = new Float64Array(buckets * 2);
    const smoothed = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (i % BASE_BUCKET_POINTS === 0) {
        checkpoints[(i / BASE_BUCKET_POINTS) * 2] = ema.last;
        checkpoints[(i / BASE_BUCKET_POINTS) * 2 + 1] = ema.seen;
      }
      smoothed[i] = ema.next(points.values[i]);
    }
    const columns: PointColumns = { length: n, steps: points.steps, values: smoothed, tokens: points.tokens, times: points.times };
    const level0 = new Float64Array(buckets * FIELDS);
    for (let b = 0; b < buckets; b++) {
      const start = b * BASE_BUCKET_POINTS;
      summarizePoints(columns, start, Math.min(n, start + BASE_BUCKET_POINTS), start > 0 ? points.tokens[start - 1] : NaN, start > 0 ? points.times[start - 1] : NaN, level0, b * FIELDS);
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

/** About 10.5 bytes per point: some 30 million smoothed points (20 runs of 1.5 M) stay ready for zooming. */
export const SMOOTHED_CACHE_BYTES = 320 * 1024 * 1024;
const caches = new WeakMap<Database.Database, ByteLru<SmoothedSummary>>();

export function smoothedSummary(sqlite: Database.Database, seriesPk: number, generation: number, weight: number): SmoothedSummary {
  let cache = caches.get(sqlite);
  if (!cache) caches.set(sqlite, (cache = new ByteLru<SmoothedSummary>(SMOOTHED_CACHE_BYTES)));
  return cache.getOrMake(`${seriesPk}:${generation}:${weight}`, () => SmoothedSummary.build(sqlite, seriesPk, weight), (s) => s.bytes);
}
