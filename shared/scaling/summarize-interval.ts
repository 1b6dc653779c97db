// A bootstrap's percentile interval, as every scaling view shows it.
import { quantileSorted } from '../stats/quantile';
import type { Interval } from './types';

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
