// One variant's effective-compute multiplier over the baseline: the curve, the value at a target
// compute, the trend with scale, the verdict (multiplier-verdict.ts) and where the advantage
// reverses, each with bootstrap intervals. The multiplier itself is given as a function, so the
// frontier method (Chinchilla fits) and the along-the-design method (compute power laws) share
// everything here.
import { effectiveComputeMultiplier, multiplierCrossings, multiplierLogSlope } from './effective-compute';
import type { ChinchillaFit } from './fit-chinchilla';
import { logSpaced } from './log-spaced';
import { scalingVerdict, type ScalingVerdict } from './multiplier-verdict';
import { summarizeInterval } from './summarize-interval';
import type { ChinchillaParams, Interval } from './types';

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

export interface MultiplierCurveOptions {
  targetCompute?: number;
  curvePoints?: number;
  curveRange?: [number, number];
}

export interface MultiplierSource {
  key: string;
  /** Compute ranges the baseline's and the variant's runs cover. */
  baselineRange: [number, number];
  variantRange: [number, number];
  /** The multiplier of the fits at compute C. */
  estimateAt(C: number): number;
  /** Bootstrap resamples, and the multiplier of resample i at C. */
  samples: number;
  sampleAt(i: number, C: number): number;
}

/** Points over the data range on which the trend and crossings are judged. */
const TREND_POINTS = 9;

export function summarizeMultiplier(source: MultiplierSource, options: MultiplierCurveOptions): VariantEffectiveCompute {
  const { baselineRange: b, variantRange: v, samples } = source;
  const warnings: string[] = [];
  let dataRange: [number, number] = [Math.max(b[0], v[0]), Math.min(b[1], v[1])];
  if (!(dataRange[1] > dataRange[0])) {
    dataRange = [Math.min(b[0], v[0]), Math.max(b[1], v[1])];
    warnings.push('The baseline and the variant were run at compute ranges that do not overlap: the comparison is an extrapolation throughout.');
  }
  const largestFitted = Math.max(b[1], v[1]);
  const target = options.targetCompute;
  const range = options.curveRange ?? [dataRange[0], Math.max(dataRange[1], target ?? 0)];
  const curveGrid = logSpaced(range[0], range[1], Math.max(2, options.curvePoints ?? 25));
  const trendGrid = logSpaced(dataRange[0], dataRange[1], TREND_POINTS);
  const inData = (C: number) => C >= dataRange[0] * (1 - 1e-9) && C <= dataRange[1] * (1 + 1e-9);

  const sampleValues = (C: number) => Array.from({ length: samples }, (_, i) => source.sampleAt(i, C));
  const intervalAt = (C: number) => {
    const values = sampleValues(C);
    return {
      multiplier: summarizeInterval(source.estimateAt(C), values),
      unreachableShare: samples > 0 ? values.filter((m) => m === Infinity).length / samples : 0,
    };
  };

  const curve = curveGrid.map((C) => ({ C, ...intervalAt(C), withinData: inData(C) }));
  const sampleTrends = Array.from({ length: samples }, (_, i) => trendGrid.map((C) => source.sampleAt(i, C)));
  const logSlope = summarizeInterval(
    multiplierLogSlope(trendGrid, trendGrid.map((C) => source.estimateAt(C))),
    sampleTrends.map((m) => multiplierLogSlope(trendGrid, m)),
  );
  const verdict = scalingVerdict({ atCompute: dataRange[1], ...intervalAt(dataRange[1]), logSlope });
  const crossings = multiplierCrossings(curveGrid, curve.map((p) => p.multiplier.estimate)).map((C) => ({ C, withinData: inData(C) }));
  const crossingShare = samples > 0 ? sampleTrends.filter((m) => multiplierCrossings(trendGrid, m).length > 0).length / samples : 0;

  for (const c of crossings) {
    const share = samples > 0 ? ` (the curves cross within the data in ${Math.round(100 * crossingShare)} % of resamples)` : '';
    warnings.push(
      `The fitted curves cross at C ≈ ${c.C.toExponential(2)} FLOPs${c.withinData ? ', within the data' : ', outside the data'}: the variant's advantage reverses there${share}.`,
    );
  }
  const unbounded = curve.find((p) => p.multiplier.estimate === Infinity);
  if (unbounded) {
    warnings.push(
      `From C ≈ ${unbounded.C.toExponential(2)} FLOPs the variant's predicted loss is below the lowest the baseline ever reaches (its irreducible loss E): the multiplier is unbounded.`,
    );
  }
  let atTarget: VariantEffectiveCompute['atTarget'] = null;
  if (target !== undefined) {
    atTarget = { C: target, ...intervalAt(target), extrapolationFactor: target / largestFitted };
    if (target > largestFitted * (1 + 1e-9)) {
      warnings.push(`The target compute is ${(target / largestFitted).toPrecision(3)}× the largest compute either arm was fitted on.`);
    }
  }
  return { key: source.key, dataRange, curve, atTarget, logSlope, verdict, crossings, crossingShare, warnings };
}

export interface VariantMultiplierInput {
  key: string;
  baseline: ChinchillaFit;
  variant: ChinchillaFit;
  samples: readonly { baseline: ChinchillaParams; variant: ChinchillaParams }[];
  options: MultiplierCurveOptions;
}

/** The frontier multiplier: each arm's compute-optimal frontier from its Chinchilla fit. */
export function summarizeVariant(input: VariantMultiplierInput): VariantEffectiveCompute {
  const { baseline, variant, samples } = input;
  return summarizeMultiplier(
    {
      key: input.key,
      baselineRange: [baseline.minCompute, baseline.maxCompute],
      variantRange: [variant.minCompute, variant.maxCompute],
      estimateAt: (C) => effectiveComputeMultiplier(baseline.params, variant.params, C).multiplier,
      samples: samples.length,
      sampleAt: (i, C) => effectiveComputeMultiplier(samples[i]!.baseline, samples[i]!.variant, C).multiplier,
    },
    input.options,
  );
}
