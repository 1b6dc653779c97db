// The effective-compute multiplier when every arm of an ablation was trained at one tokens-per-
// parameter ratio (D = k·N), as ablation ladders usually are. Such data cannot separate A/N^α from
// B/D^β, so the compute-optimal frontier is not in the data; the loss against compute along each
// arm's own ratio is, as a power law L(C) = E + K·C^(−γ) (compute-power-law.ts). The multiplier
// at compute C is the compute the baseline needs, trained as its runs were, to reach the loss the
// variant reaches at C, divided by C:
//   M(C) = C_b(L_v(C)) / C,  C_b(L) = (K_b / (L − E_b))^(1/γ_b).
// With E shared, M(C) = (K_b/K_v)^(1/γ_b)·C^(γ_v/γ_b − 1): always finite, and its log-slope is
// γ_v/γ_b − 1. The curve, trend, verdict and crossings follow the same rules as the frontier's.
import {
  computeForLawLoss,
  computeLawLoss,
  summarizeMultiplier,
  type ComputeLawFit,
  type ComputeLawParams,
  type VariantEffectiveCompute,
} from '../../../shared/scaling/index';

export interface DesignRatioArm {
  key: string;
  fit: ComputeLawFit;
  /** The arm's parameters in each bootstrap resample (empty without a bootstrap). */
  samples: readonly ComputeLawParams[];
}

export function multiplierAlongLaws(baseline: ComputeLawParams, variant: ComputeLawParams, C: number): number {
  return computeForLawLoss(baseline, computeLawLoss(variant, C)) / C;
}

export function summarizeDesignRatioVariant(baseline: DesignRatioArm, variant: DesignRatioArm, targetCompute: number, curvePoints = 25): VariantEffectiveCompute {
  return summarizeMultiplier(
    {
      key: variant.key,
      baselineRange: [baseline.fit.minCompute, baseline.fit.maxCompute],
      variantRange: [variant.fit.minCompute, variant.fit.maxCompute],
      estimateAt: (C) => multiplierAlongLaws(baseline.fit.params, variant.fit.params, C),
      samples: Math.min(baseline.samples.length, variant.samples.length),
      sampleAt: (i, C) => multiplierAlongLaws(baseline.samples[i]!, variant.samples[i]!, C),
    },
    { targetCompute, curvePoints },
  );
}
