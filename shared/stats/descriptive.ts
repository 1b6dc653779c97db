/** Throws a RangeError naming the first value that is not a finite number. */
export function assertFinite(values: readonly number[], where: string): void {
  values.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new RangeError(`${where}[${i}] is ${v}; expected a finite number`);
  });
}

export function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length > 0 ? sum / values.length : NaN;
}

/** Sample variance (n − 1 in the denominator); NaN with fewer than 2 values. Two-pass for stability. */
export function sampleVariance(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return NaN;
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return ss / (n - 1);
}

export function sampleStd(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values));
}

export function checkProbability(p: number, name: string, caller: string): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${caller}: ${name} must be strictly between 0 and 1, got ${p}`);
}
