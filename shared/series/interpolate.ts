import type { NumericArray, Series } from './types';

/** Throws unless xs are finite and non-decreasing: interpolation needs a sorted x column. */
export function assertSortedXs(xs: NumericArray, caller: string): void {
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!Number.isFinite(x)) throw new RangeError(`${caller}: xs[${i}] is ${x}; expected a finite x`);
    if (i > 0 && x < xs[i - 1]!) {
      throw new RangeError(`${caller}: xs[${i}] = ${x} is less than xs[${i - 1}] = ${xs[i - 1]}; expected xs sorted ascending`);
    }
  }
}

/** Index of the last x ≤ target, or -1 when target < xs[0]. */
function lastAtOrBefore(xs: NumericArray, target: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  const first = xs[0];
  if (first === undefined || target < first) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Linear interpolation of (xs, ys) at each target x. NaN outside [xs[0], xs[last]]. A target equal to a
 * sample's x returns that sample's y exactly (the last one when x repeats); a non-finite neighbour makes the
 * interpolated value non-finite too, so a divergence is never papered over.
 */
export function interpolateAt(xs: NumericArray, ys: NumericArray, targetXs: NumericArray): Float64Array {
  if (xs.length !== ys.length) {
    throw new RangeError(`interpolateAt: xs has ${xs.length} values but ys has ${ys.length}; expected equal lengths`);
  }
  assertSortedXs(xs, 'interpolateAt');
  const out = new Float64Array(targetXs.length);
  const lastX = xs[xs.length - 1] ?? NaN;
  for (let j = 0; j < targetXs.length; j++) {
    const t = targetXs[j]!;
    const i = lastAtOrBefore(xs, t);
    if (i < 0 || Number.isNaN(t) || t > lastX) {
      out[j] = NaN;
    } else if (xs[i] === t) {
      out[j] = ys[i]!;
    } else {
      // xs[i] < t ≤ the last x, so i + 1 is a sample too.
      const x0 = xs[i]!;
      const y0 = ys[i]!;
      const fraction = (t - x0) / (xs[i + 1]! - x0);
      out[j] = y0 + (ys[i + 1]! - y0) * fraction;
    }
  }
  return out;
}

/** How to build the common x grid: every x of every series, or `count` evenly spaced x. */
export type GridSpec =
  | { readonly kind: 'union' }
  | { readonly kind: 'uniform'; readonly count: number; readonly x0?: number; readonly x1?: number };

/**
 * The common grid for several series. 'union' is the sorted distinct x of all series; 'uniform' spans
 * [x0, x1] (default: the smallest to the largest x of any series) with `count` points.
 */
export function commonGrid(series: readonly Series[], spec: GridSpec): Float64Array {
  series.forEach((s, k) => assertSortedXs(s.xs, `commonGrid: series ${k}`));
  if (spec.kind === 'union') {
    const all: number[] = [];
    for (const s of series) for (let i = 0; i < s.xs.length; i++) all.push(s.xs[i]!);
    all.sort((a, b) => a - b);
    const unique: number[] = [];
    for (const x of all) if (unique.length === 0 || unique[unique.length - 1] !== x) unique.push(x);
    return Float64Array.from(unique);
  }
  const { count } = spec;
  if (!Number.isInteger(count) || count < 1) {
    throw new RangeError(`commonGrid: a uniform grid needs a whole count ≥ 1, got ${count}`);
  }
  let lo = spec.x0 ?? Infinity;
  let hi = spec.x1 ?? -Infinity;
  if (spec.x0 === undefined) for (const s of series) if (s.xs.length > 0) lo = Math.min(lo, s.xs[0]!);
  if (spec.x1 === undefined) for (const s of series) if (s.xs.length > 0) hi = Math.max(hi, s.xs[s.xs.length - 1]!);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return new Float64Array(0);
  if (hi < lo) throw new RangeError(`commonGrid: x1 (${hi}) must not be less than x0 (${lo})`);
  if (count === 1) return Float64Array.of(lo);
  const grid = new Float64Array(count);
  for (let i = 0; i < count; i++) grid[i] = lo + ((hi - lo) * i) / (count - 1);
  grid[count - 1] = hi;
  return grid;
}

/** Every series interpolated on one common grid; NaN where a series does not reach. */
export function alignSeries(series: readonly Series[], spec: GridSpec): { xs: Float64Array; ys: Float64Array[] } {
  const xs = commonGrid(series, spec);
  return { xs, ys: series.map((s) => interpolateAt(s.xs, s.ys, xs)) };
}
