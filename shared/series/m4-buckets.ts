import { M4Accumulator } from './m4-accumulator';
import { nonFiniteKind, type NonFiniteMarker, type NumericArray, type PixelRange, type ReducedSeries } from './types';

/**
 * A pre-aggregated slice of a series, as the multi-resolution summary stores it at sync time.
 * The x/y fields are null when the bucket holds no finite value. `count` counts every point, finite or not;
 * `markers` keeps the first NaN, +Infinity and -Infinity of the bucket (by x) so divergences survive aggregation.
 */
export interface BucketSummary {
  readonly count: number;
  readonly firstX: number | null;
  readonly firstY: number | null;
  readonly lastX: number | null;
  readonly lastY: number | null;
  readonly minX: number | null;
  readonly minY: number | null;
  readonly maxX: number | null;
  readonly maxY: number | null;
  readonly markers?: readonly NonFiniteMarker[];
}

export interface KeyedBucketSummary extends BucketSummary {
  /** floor((x - origin) / bucketWidth): the bucket spans [origin + key·bucketWidth, origin + (key+1)·bucketWidth). */
  readonly key: number;
}

class BucketBuilder {
  count = 0;
  firstX = NaN;
  firstY = NaN;
  lastX = NaN;
  lastY = NaN;
  minX = NaN;
  minY = NaN;
  maxX = NaN;
  maxY = NaN;
  private hasFinite = false;
  private readonly markers = new Map<string, number>();

  // Same tie rules as M4Accumulator, so merging buckets reproduces the raw reduction.
  add(x: number, y: number): void {
    this.count++;
    if (!Number.isFinite(y)) {
      const kind = nonFiniteKind(y);
      const seen = this.markers.get(kind);
      if (seen === undefined || x < seen) this.markers.set(kind, x);
      return;
    }
    if (!this.hasFinite) {
      this.hasFinite = true;
      this.firstX = this.lastX = this.minX = this.maxX = x;
      this.firstY = this.lastY = this.minY = this.maxY = y;
      return;
    }
    if (x < this.firstX) [this.firstX, this.firstY] = [x, y];
    if (x >= this.lastX) [this.lastX, this.lastY] = [x, y];
    if (y < this.minY || (y === this.minY && x < this.minX)) [this.minX, this.minY] = [x, y];
    if (y > this.maxY || (y === this.maxY && x < this.maxX)) [this.maxX, this.maxY] = [x, y];
  }

  summary(): BucketSummary {
    const markers = [...this.markers].map(([kind, x]) => ({ x, kind }) as NonFiniteMarker);
    markers.sort((a, b) => a.x - b.x);
    const v = (n: number): number | null => (this.hasFinite ? n : null);
    return {
      count: this.count,
      firstX: v(this.firstX),
      firstY: v(this.firstY),
      lastX: v(this.lastX),
      lastY: v(this.lastY),
      minX: v(this.minX),
      minY: v(this.minY),
      maxX: v(this.maxX),
      maxY: v(this.maxY),
      markers,
    };
  }
}

function checkColumns(xs: NumericArray, ys: NumericArray, caller: string): void {
  if (xs.length !== ys.length) {
    throw new RangeError(`${caller}: xs has ${xs.length} values but ys has ${ys.length}; expected equal lengths`);
  }
}

function finiteX(xs: NumericArray, i: number, caller: string): number {
  const x = xs[i];
  if (x === undefined || !Number.isFinite(x)) throw new RangeError(`${caller}: xs[${i}] is ${x}; expected a finite x`);
  return x;
}

/** Summarizes the points with index in [start, end) into one bucket. */
export function summarizeBucket(xs: NumericArray, ys: NumericArray, start = 0, end = xs.length): BucketSummary {
  checkColumns(xs, ys, 'summarizeBucket');
  if (start < 0 || end > xs.length || start > end) {
    throw new RangeError(`summarizeBucket: index range [${start}, ${end}) is outside the series of ${xs.length} points`);
  }
  const builder = new BucketBuilder();
  for (let i = start; i < end; i++) builder.add(finiteX(xs, i, 'summarizeBucket'), ys[i]!);
  return builder.summary();
}

/** Cuts a series into fixed-width x buckets (one level of the multi-resolution summary), ordered by key. */
export function summarizeBucketsByX(
  xs: NumericArray,
  ys: NumericArray,
  grid: { origin: number; bucketWidth: number },
): KeyedBucketSummary[] {
  checkColumns(xs, ys, 'summarizeBucketsByX');
  const { origin, bucketWidth } = grid;
  if (!Number.isFinite(origin) || !(bucketWidth > 0) || !Number.isFinite(bucketWidth)) {
    throw new RangeError(`summarizeBucketsByX: expected a finite origin and a bucketWidth > 0, got ${origin}, ${bucketWidth}`);
  }
  const builders = new Map<number, BucketBuilder>();
  let lastKey = NaN;
  let last: BucketBuilder | undefined;
  for (let i = 0; i < xs.length; i++) {
    const x = finiteX(xs, i, 'summarizeBucketsByX');
    const key = Math.floor((x - origin) / bucketWidth);
    if (key !== lastKey) {
      last = builders.get(key);
      if (last === undefined) builders.set(key, (last = new BucketBuilder()));
      lastKey = key;
    }
    last!.add(x, ys[i]!);
  }
  return [...builders.keys()].sort((a, b) => a - b).map((key) => ({ key, ...builders.get(key)!.summary() }));
}

/**
 * M4 over pre-aggregated buckets, given in x order. Each bucket's first, min, max and last points (and its
 * markers) are placed in their own pixel columns. When every bucket lies inside one pixel column the result
 * equals reduceM4 on the raw points. A bucket straddling a column edge still contributes its own extremes,
 * but a column's extreme hidden inside such a bucket is not recoverable: pick a level finer than the columns.
 */
export function mergeBucketsM4(buckets: readonly BucketSummary[], range: PixelRange): ReducedSeries {
  const accumulator = new M4Accumulator(range, 'mergeBucketsM4');
  buckets.forEach((bucket, index) => {
    const { firstX, firstY, minX, minY, maxX, maxY, lastX, lastY } = bucket;
    if (firstX !== null) {
      if (firstY === null || minX === null || minY === null || maxX === null || maxY === null || lastX === null || lastY === null) {
        throw new RangeError(`mergeBucketsM4: bucket ${index} has firstX but lacks other first/last/min/max fields`);
      }
      // Fed in x order so that ties resolve as they would over the raw points.
      const representatives: [number, number][] = [[firstX, firstY], [minX, minY], [maxX, maxY], [lastX, lastY]];
      representatives.sort((a, b) => a[0] - b[0]);
      for (const [x, y] of representatives) accumulator.add(x, y);
    }
    for (const marker of bucket.markers ?? []) accumulator.addMarker(marker);
  });
  return accumulator.result();
}
