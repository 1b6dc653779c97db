import { assertFinite } from './descriptive';

/**
 * The p-quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the default
 * of R and NumPy): h = (n − 1)·p, then x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋) over the sorted values.
 */
export function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('quantile: expected at least one value');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  assertFinite(values, 'quantile: values');
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** quantile with p given in percent (0–100). */
export function percentile(values: readonly number[], percent: number): number {
  if (!(percent >= 0 && percent <= 100)) throw new RangeError(`percentile: percent must be in [0, 100], got ${percent}`);
  return quantile(values, percent / 100);
}
