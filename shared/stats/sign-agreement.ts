import { assertFinite, checkProbability } from './descriptive';
import { normalQuantile } from './normal';

export interface ProportionInterval {
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
}

/**
 * Wilson's score interval for a proportion of `successes` out of `n`: unlike p ± z·sqrt(p(1−p)/n), it
 * stays inside [0, 1] and does not collapse to a point at 0 or n successes.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): ProportionInterval {
  checkProbability(confidence, 'confidence', 'wilsonInterval');
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`wilsonInterval: n must be a whole number ≥ 1, got ${n}`);
  if (!Number.isInteger(successes) || successes < 0 || successes > n) {
    throw new RangeError(`wilsonInterval: successes must be a whole number in [0, ${n}], got ${successes}`);
  }
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + z2n);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), confidence };
}

export type SignAgreement =
  | {
      readonly agreements: number;
      /** Pairs compared: both deltas non-zero. */
      readonly n: number;
      /** Pairs left out because a delta was exactly 0 (it has no sign). */
      readonly excluded: number;
      readonly rate: number;
      readonly interval: ProportionInterval;
    }
  | { readonly rate: null; readonly n: 0; readonly excluded: number; readonly reason: string };

/**
 * How often the small-scale delta has the same sign as the large-scale delta, across ablations,
 * with Wilson's interval. small[i] and large[i] are the same ablation's deltas at the two scales.
 */
export function signAgreement(
  small: readonly number[],
  large: readonly number[],
  options: { confidence?: number } = {},
): SignAgreement {
  if (small.length !== large.length) {
    throw new RangeError(`signAgreement: small has ${small.length} deltas but large has ${large.length}; expected pairs`);
  }
  assertFinite(small, 'signAgreement: small');
  assertFinite(large, 'signAgreement: large');
  let agreements = 0;
  let n = 0;
  for (let i = 0; i < small.length; i++) {
    const s = small[i]!;
    const l = large[i]!;
    if (s === 0 || l === 0) continue;
    n++;
    if (Math.sign(s) === Math.sign(l)) agreements++;
  }
  const excluded = small.length - n;
  if (n === 0) return { rate: null, n: 0, excluded, reason: 'no ablation has a non-zero delta at both scales' };
  return { agreements, n, excluded, rate: agreements / n, interval: wilsonInterval(agreements, n, options.confidence ?? 0.95) };
}
