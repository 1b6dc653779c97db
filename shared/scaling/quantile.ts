import type { Interval } from './types';

/** Quantile of ascending-sorted values, linear interpolation between order statistics (Hyndman–Fan type 7). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const vLo = sorted[lo]!;
  const vHi = sorted[hi]!;
  // Equal ends (including two infinities) must not produce NaN from inf - inf.
  if (vLo === vHi || h === lo) return vLo;
  return vLo + (h - lo) * (vHi - vLo);
}

/**
 * Percentile interval of bootstrap values around a point estimate. NaN values (failed
 * refits, undefined predictions) are dropped; infinities are kept, they sort to the ends.
 */
export function summarizeInterval(estimate: number, values: ArrayLike<number>): Interval {
  const kept: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) kept.push(v);
  }
  const sorted = Float64Array.from(kept).sort();
  return {
    estimate,
    median: quantileSorted(sorted, 0.5),
    p80: [quantileSorted(sorted, 0.1), quantileSorted(sorted, 0.9)],
    p95: [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)],
    samples: sorted.length,
  };
}
