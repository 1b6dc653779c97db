import { checkProbability } from './descriptive';
import { studentTQuantile } from './student-t';

export interface PowerOptions {
  /** Two-sided significance level; 0.05 by default (95 % confidence). */
  readonly alpha?: number;
  /** Probability of detecting an effect of exactly the MDE; 0.8 by default. */
  readonly power?: number;
}

export type DetectableEffect =
  | { readonly value: number; readonly df: number }
  | { readonly value: null; readonly df: null; readonly reason: string };

function checkSigma(sigma: number, caller: string): void {
  if (!(sigma >= 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`${caller}: sigma (the seed standard deviation) must be a finite number ≥ 0, got ${sigma}`);
  }
}

/**
 * The smallest difference between two arms of n seeds each that a two-sided test at level alpha detects
 * with the given power, for seed noise sigma:
 *   MDE = (t_{1−α/2, df} + t_{power, df}) · σ · sqrt(2/n),  df = 2n − 2.
 * With one seed per arm there are no degrees of freedom: the ablation itself cannot estimate its noise and
 * Welch's test reports "no noise estimate", so no effect is detectable by it and the value is null with that
 * reason. (A normal approximation would give 3.96σ there, less than the 5.36σ of two seeds: a misleading
 * promise that one seed beats two.)
 */
export function minimumDetectableEffect(sigma: number, n: number, options: PowerOptions = {}): DetectableEffect {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  checkSigma(sigma, 'minimumDetectableEffect');
  checkProbability(alpha, 'alpha', 'minimumDetectableEffect');
  checkProbability(power, 'power', 'minimumDetectableEffect');
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`minimumDetectableEffect: n (seeds per arm) must be a whole number ≥ 1, got ${n}`);
  if (n === 1) {
    return { value: null, df: null, reason: 'one seed per arm gives no noise estimate (df = 0): at least 2 seeds per arm are needed' };
  }
  const df = 2 * n - 2;
  const multiplier = studentTQuantile(1 - alpha / 2, df) + studentTQuantile(power, df);
  return { value: multiplier * sigma * Math.sqrt(2 / n), df };
}

export type SeedsNeeded =
  | { readonly seeds: number; readonly mde: number }
  | { readonly seeds: null; readonly reason: string };

/**
 * The smallest number of seeds per arm (at least 2) whose minimum detectable effect is ≤ |delta|.
 * Null with a reason when delta is 0 or more than `maxSeeds` per arm would be needed.
 */
export function seedsNeeded(
  sigma: number,
  delta: number,
  options: PowerOptions & { readonly maxSeeds?: number } = {},
): SeedsNeeded {
  checkSigma(sigma, 'seedsNeeded');
  if (!Number.isFinite(delta)) throw new RangeError(`seedsNeeded: delta must be a finite number, got ${delta}`);
  const maxSeeds = options.maxSeeds ?? 1000;
  const target = Math.abs(delta);
  if (target === 0) return { seeds: null, reason: 'an expected delta of 0 cannot be resolved by any number of seeds' };
  const mdeOf = (n: number): number => (minimumDetectableEffect(sigma, n, options) as { value: number }).value;
  // The t-based MDE always exceeds the normal one, (z_{1−α/2} + z_power)·σ·sqrt(2/n), so no n below the
  // normal answer can work; start the search there. MDE falls as n grows, so the first hit is the smallest.
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  const zSum = studentTQuantile(1 - alpha / 2, Infinity) + studentTQuantile(power, Infinity);
  let n = Math.max(2, Math.floor(2 * ((zSum * sigma) / target) ** 2));
  if (n > maxSeeds) return { seeds: null, reason: `resolving |delta| = ${target} needs more than ${maxSeeds} seeds per arm` };
  for (; n <= maxSeeds; n++) {
    const mde = mdeOf(n);
    if (mde <= target) return { seeds: n, mde };
  }
  return { seeds: null, reason: `resolving |delta| = ${target} needs more than ${maxSeeds} seeds per arm` };
}
