import { assertFinite, checkProbability, mean, sampleVariance } from './descriptive';
import { studentTQuantile, studentTTwoSidedP } from './student-t';

/** Welch's unequal-variance t-test of variant − baseline, when both arms carry a noise estimate. */
export interface WelchComparison {
  readonly noiseEstimate: true;
  /** mean(variant) − mean(baseline). */
  readonly difference: number;
  readonly standardError: number;
  /** Welch–Satterthwaite degrees of freedom (fractional). */
  readonly df: number;
  readonly t: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  readonly confidence: number;
  readonly interval: readonly [lower: number, upper: number];
  readonly variant: ArmSummary;
  readonly baseline: ArmSummary;
}

/** An arm with fewer than 2 seeds (or no spread at all): the difference is reported, no noise is invented. */
export interface NoNoiseEstimate {
  readonly noiseEstimate: false;
  readonly reason: string;
  /** NaN when an arm has no values. */
  readonly difference: number;
  readonly variant: ArmSummary;
  readonly baseline: ArmSummary;
}

export interface ArmSummary {
  readonly n: number;
  readonly mean: number;
  /** Sample standard deviation; NaN with fewer than 2 seeds. */
  readonly std: number;
}

export type WelchResult = WelchComparison | NoNoiseEstimate;

function summarizeArm(values: readonly number[]): ArmSummary {
  return { n: values.length, mean: mean(values), std: Math.sqrt(sampleVariance(values)) };
}

/** Compares a variant's seeds with the baseline's seeds at one point (e.g. the ablation's comparison point). */
export function welchTTest(
  variant: readonly number[],
  baseline: readonly number[],
  options: { confidence?: number } = {},
): WelchResult {
  const confidence = options.confidence ?? 0.95;
  checkProbability(confidence, 'confidence', 'welchTTest');
  assertFinite(variant, 'welchTTest: variant');
  assertFinite(baseline, 'welchTTest: baseline');
  const v = summarizeArm(variant);
  const b = summarizeArm(baseline);
  const difference = v.mean - b.mean;
  if (v.n < 2 || b.n < 2) {
    const few = [v.n < 2 ? `variant has ${v.n}` : '', b.n < 2 ? `baseline has ${b.n}` : ''].filter(Boolean).join(', ');
    return { noiseEstimate: false, reason: `no noise estimate: ${few} seed(s), at least 2 per arm are needed`, difference, variant: v, baseline: b };
  }
  const varV = (v.std * v.std) / v.n;
  const varB = (b.std * b.std) / b.n;
  const se2 = varV + varB;
  if (se2 === 0) {
    return { noiseEstimate: false, reason: 'no noise estimate: every seed of both arms has the same value', difference, variant: v, baseline: b };
  }
  const standardError = Math.sqrt(se2);
  const df = (se2 * se2) / ((varV * varV) / (v.n - 1) + (varB * varB) / (b.n - 1));
  const t = difference / standardError;
  const half = studentTQuantile(1 - (1 - confidence) / 2, df) * standardError;
  return {
    noiseEstimate: true,
    difference,
    standardError,
    df,
    t,
    pValue: studentTTwoSidedP(t, df),
    confidence,
    interval: [difference - half, difference + half],
    variant: v,
    baseline: b,
  };
}

export type BetterDirection = 'lower' | 'higher';
export type Verdict = 'better' | 'worse' | 'within-noise' | 'no-noise-estimate';

/**
 * The ablation verdict from a Welch comparison of variant − baseline: better or worse when the whole
 * interval lies on one side of zero, within noise when it contains zero. `better` says which direction
 * of the metric is an improvement: 'lower' for losses, 'higher' for accuracies.
 */
export function welchVerdict(result: WelchResult, better: BetterDirection): Verdict {
  if (!result.noiseEstimate) return 'no-noise-estimate';
  const [lower, upper] = result.interval;
  const improved = better === 'lower' ? upper < 0 : lower > 0;
  const regressed = better === 'lower' ? lower > 0 : upper < 0;
  if (improved) return 'better';
  if (regressed) return 'worse';
  return 'within-noise';
}
