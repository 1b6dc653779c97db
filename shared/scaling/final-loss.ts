/**
 * The L of a run for a scaling fit: the last finite value of its metric, or with `lastPercent`
 * the mean of the last that-many percent of its finite values (smooths end-of-run noise).
 * NaN when the series has no finite value.
 */
export function finalMetricValue(values: readonly number[], lastPercent?: number): number {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return NaN;
  if (lastPercent === undefined) return finite[finite.length - 1]!;
  if (!(lastPercent > 0 && lastPercent <= 100)) {
    throw new RangeError(`lastPercent must be in (0, 100], got ${lastPercent}`);
  }
  const k = Math.max(1, Math.ceil((finite.length * lastPercent) / 100));
  const tail = finite.slice(finite.length - k);
  return tail.reduce((s, v) => s + v, 0) / tail.length;
}
