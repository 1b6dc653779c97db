// The one quantile of the code base: bootstrap intervals, the alert detectors' quartiles and any other
// order statistic go through it, so every view agrees on an interval's ends.

/**
 * The p-quantile of values already in ascending order (the first `length` of them), by linear
 * interpolation between order statistics (Hyndman & Fan type 7, the default of R and NumPy):
 * h = (n − 1)·p, then x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋+1 − x_⌊h⌋).
 *
 * No values: NaN (an interval with no resamples has no ends). Infinities are kept: between −∞ and a
 * finite value the quantile is −∞, between a finite value and +∞ it is +∞, between −∞ and +∞ NaN, and
 * at an order statistic (or between equal ones) exactly that value. NaN has no place in an order and
 * must be left out by the caller. A p outside [0, 1] is a mistake of the caller: RangeError.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number, length = sorted.length): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  if (length === 0) return NaN;
  const h = (length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, length - 1);
  const below = sorted[lo] as number;
  const above = sorted[hi] as number;
  const fraction = h - lo;
  if (fraction === 0 || below === above) return below;
  if (Number.isFinite(below) && Number.isFinite(above)) return below + fraction * (above - below);
  if (below === -Infinity) return above === Infinity ? NaN : -Infinity;
  return Infinity;
}

/** The p-quantile of values in any order (type 7, as quantileSorted); NaN among them is a RangeError. */
export function quantile(values: readonly number[], p: number): number {
  const index = values.findIndex(Number.isNaN);
  if (index >= 0) throw new RangeError(`quantile: values[${index}] is NaN; leave it out first`);
  return quantileSorted(Float64Array.from(values).sort(), p);
}
