// One variant's effective-compute multiplier over the baseline: the curve, the value at a target
// compute, the trend with scale and where the advantage reverses, each with bootstrap intervals.
import { effectiveComputeMultiplier, multiplierCrossings, multiplierLogSlope } from './effective-compute';
import type { ChinchillaFit } from './fit-chinchilla';
import { summarizeInterval } from './quantile';
import { logSpaced } from './log-spaced';
import type { ChinchillaParams, Interval } from './types';

export type ScalingVerdict = 'grows' | 'holds' | 'shrinks';

export interface MultiplierCurvePoint {
  C: number;
  multiplier: Interval;
  /** Share of bootstrap samples in which the baseline cannot reach the variant's loss at all. */
  unreachableShare: number;
  /** Whether C lies within the compute range both arms have data for. */
  withinData: boolean;
}

export interface VariantEffectiveCompute {
  key: string;
  /** Compute range both arms have runs in (the union, with a warning, when they do not overlap). */
  dataRange: [number, number];
  curve: MultiplierCurvePoint[];
  atTarget: {
    C: number;
    multiplier: Interval;
    unreachableShare: number;
    /** Target ÷ the largest compute either arm was fitted on. */
    extrapolationFactor: number;
  } | null;
  /** d ln(multiplier) / d ln C over the data range: > 0 the gain grows with scale. */
  logSlope: Interval;
  verdict: ScalingVerdict;
  /** Where the point estimate crosses 1 on the curve. */
  crossings: { C: number; withinData: boolean }[];
  /** Share of bootstrap samples whose multiplier crosses 1 within the data range. */
  crossingShare: number;
  warnings: string[];
}

export interface VariantMultiplierInput {
  key: string;
  baseline: ChinchillaFit;
  variant: ChinchillaFit;
  samples: readonly { baseline: ChinchillaParams; variant: ChinchillaParams }[];
  options: { targetCompute?: number; curvePoints?: number; curveRange?: [number, number]; verdictLevel?: 0.8 | 0.95 };
}

/** Points over the data range on which the trend and crossings are judged. */
const TREND_POINTS = 9;
/** |d ln M / d ln C| up to this (≈ 2 % change of the multiplier per decade of compute) counts as holding. */
const FLAT_SLOPE = 0.01;

export function summarizeVariant(input: VariantMultiplierInput): VariantEffectiveCompute {
  const { baseline, variant, samples, options } = input;
  const warnings: string[] = [];
  let dataRange: [number, number] = [
    Math.max(baseline.minCompute, variant.minCompute),
    Math.min(baseline.maxCompute, variant.maxCompute),
  ];
  if (!(dataRange[1] > dataRange[0])) {
    dataRange = [Math.min(baseline.minCompute, variant.minCompute), Math.max(baseline.maxCompute, variant.maxCompute)];
    warnings.push('The baseline and the variant were run at compute ranges that do not overlap: the comparison is an extrapolation throughout.');
  }
  const largestFitted = Math.max(baseline.maxCompute, variant.maxCompute);
  const target = options.targetCompute;
  const range = options.curveRange ?? [dataRange[0], Math.max(dataRange[1], target ?? 0)];
  const curveGrid = logSpaced(range[0], range[1], Math.max(2, options.curvePoints ?? 25));
  const trendGrid = logSpaced(dataRange[0], dataRange[1], TREND_POINTS);
  const inData = (C: number) => C >= dataRange[0] * (1 - 1e-9) && C <= dataRange[1] * (1 + 1e-9);

  const multipliersAt = (grid: readonly number[], b: ChinchillaParams, v: ChinchillaParams) =>
    grid.map((C) => effectiveComputeMultiplier(b, v, C).multiplier);
  const intervalAt = (C: number) => {
    const values = samples.map((s) => effectiveComputeMultiplier(s.baseline, s.variant, C).multiplier);
    return {
      multiplier: summarizeInterval(effectiveComputeMultiplier(baseline.params, variant.params, C).multiplier, values),
      unreachableShare: samples.length > 0 ? values.filter((m) => m === Infinity).length / samples.length : 0,
    };
  };

  const curve = curveGrid.map((C) => ({ C, ...intervalAt(C), withinData: inData(C) }));
  const estimateTrend = multipliersAt(trendGrid, baseline.params, variant.params);
  const sampleTrends = samples.map((s) => multipliersAt(trendGrid, s.baseline, s.variant));
  const logSlope = summarizeInterval(
    multiplierLogSlope(trendGrid, estimateTrend),
    sampleTrends.map((m) => multiplierLogSlope(trendGrid, m)),
  );
  const verdict = multiplierVerdict(logSlope, options.verdictLevel ?? 0.95);
  const crossings = multiplierCrossings(curveGrid, multipliersAt(curveGrid, baseline.params, variant.params)).map((C) => ({
    C,
    withinData: inData(C),
  }));
  const crossingShare =
    samples.length > 0 ? sampleTrends.filter((m) => multiplierCrossings(trendGrid, m).length > 0).length / samples.length : 0;

  for (const c of crossings) {
    warnings.push(
      `The curves cross at C ≈ ${c.C.toExponential(2)} FLOPs${c.withinData ? ', within the data' : ', outside the data'}: the variant's advantage reverses there.`,
    );
  }
  const unbounded = curve.find((p) => p.multiplier.estimate === Infinity);
  if (unbounded) {
    warnings.push(
      `From C ≈ ${unbounded.C.toExponential(2)} FLOPs the variant's predicted loss is below the baseline's irreducible loss E: the multiplier is unbounded.`,
    );
  }
  let atTarget: VariantEffectiveCompute['atTarget'] = null;
  if (target !== undefined) {
    atTarget = { C: target, ...intervalAt(target), extrapolationFactor: target / largestFitted };
    if (target > largestFitted) {
      warnings.push(`The target compute is ${(target / largestFitted).toPrecision(3)}× the largest compute either arm was fitted on.`);
    }
  }
  return { key: input.key, dataRange, curve, atTarget, logSlope, verdict, crossings, crossingShare, warnings };
}

/**
 * Grows when the interval of the log-slope lies wholly above 0 and the estimate is beyond a flat
 * band (|slope| ≤ 0.01: under 2.3 % change of the multiplier per decade of compute, too small to
 * act on); shrinks in mirror image; holds otherwise. Without bootstrap samples only the band applies.
 */
export function multiplierVerdict(logSlope: Interval, level: 0.8 | 0.95 = 0.95): ScalingVerdict {
  const { estimate } = logSlope;
  const [lo, hi] = logSlope.samples === 0 ? [estimate, estimate] : level === 0.8 ? logSlope.p80 : logSlope.p95;
  if (lo > 0 && estimate > FLAT_SLOPE) return 'grows';
  if (hi < 0 && estimate < -FLAT_SLOPE) return 'shrinks';
  return 'holds';
}
