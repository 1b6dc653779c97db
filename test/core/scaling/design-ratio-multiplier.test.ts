// The effective-compute multiplier along each arm's power law of loss in compute, on laws whose
// answer is known in closed form: with E shared, a variant whose law is the baseline's with k times
// the compute has multiplier k at every compute; with different exponents the multiplier is
// (K_b/K_v)^(1/γ_b)·C^(γ_v/γ_b − 1).
import { describe, expect, it } from 'vitest';
import { multiplierAlongLaws, summarizeDesignRatioVariant, type DesignRatioArm } from '../../../electron/core/scaling/design-ratio-multiplier';
import { computeLawLoss, fitComputeLaws, logSpaced, type ComputeLawParams } from '../../../shared/scaling/index';

const LAW: ComputeLawParams = { E: 1.7, K: 1100, gamma: 0.155 };

/** The law of the baseline trained with k× the compute. */
const withCompute = (p: ComputeLawParams, k: number): ComputeLawParams => ({ ...p, K: p.K * k ** -p.gamma });

function runsOf(key: string, p: ComputeLawParams) {
  // Six sizes at 20 tokens per parameter: C = 6·N·20N.
  return logSpaced(5e7, 1.6e9, 6).map((N, i) => ({ id: `${key}-${i}`, N, D: 20 * N, L: computeLawLoss(p, 120 * N * N) }));
}

function fittedArms(laws: Record<string, ComputeLawParams>): DesignRatioArm[] {
  const arms = Object.entries(laws).map(([key, p]) => ({ key, observations: runsOf(key, p) }));
  return fitComputeLaws(arms, 'shared').arms.map((fit) => ({ key: fit.key, fit, samples: [] }));
}

describe('the multiplier along the arms’ power laws in compute', () => {
  it('is k at every compute for a variant that is the baseline with k× compute', () => {
    for (const k of [0.5, 1, 3]) {
      for (const C of [1e18, 1e20, 1e23]) expect(multiplierAlongLaws(LAW, withCompute(LAW, k), C)).toBeCloseTo(k, 9);
    }
  });

  it('is the closed form (K_b/K_v)^(1/γ_b)·C^(γ_v/γ_b − 1) with a shared E, and unbounded below the baseline’s E', () => {
    const variant = { E: LAW.E, K: 900, gamma: 0.16 };
    for (const C of [1e18, 1e21]) {
      expect(multiplierAlongLaws(LAW, variant, C)).toBeCloseTo((LAW.K / variant.K) ** (1 / LAW.gamma) * C ** (variant.gamma / LAW.gamma - 1), 6);
    }
    expect(multiplierAlongLaws(LAW, { ...LAW, E: LAW.E - 0.3, K: 1 }, 1e22)).toBe(Infinity);
  });

  it('recovers 2× from runs at one ratio, flags a target beyond the data, and gives no verdict without resamples', () => {
    const [base, twice] = fittedArms({ base: LAW, twice: withCompute(LAW, 2) });
    const target = base!.fit.maxCompute * 10;
    const summary = summarizeDesignRatioVariant(base!, twice!, target);
    expect(summary.atTarget!.multiplier.estimate).toBeCloseTo(2, 3);
    expect(summary.curve.every((p) => Math.abs(p.multiplier.estimate - 2) < 1e-3)).toBe(true);
    expect(summary.verdict.kind).toBe('pending');
    expect(summary.verdict.atCompute).toBe(base!.fit.maxCompute);
    expect(summary.crossings).toEqual([]);
    expect(summary.warnings).toEqual([expect.stringMatching(/^The target compute is 10\.\d× the largest compute/)]);
  });

  it('warns where a variant that starts ahead falls behind', () => {
    // Ahead at small compute (lower K), behind at large compute (the shallower exponent): equal at 1e19.
    const gamma = 0.13;
    const [base, variant] = fittedArms({ base: LAW, variant: { E: LAW.E, K: LAW.K * 1e19 ** (gamma - LAW.gamma), gamma } });
    const summary = summarizeDesignRatioVariant(base!, variant!, base!.fit.maxCompute);
    expect(summary.crossings).toHaveLength(1);
    expect(Math.log10(summary.crossings[0]!.C)).toBeCloseTo(19, 2);
    expect(summary.warnings[0]).toMatch(/The fitted curves cross at C ≈ .* the variant's advantage reverses there/);
    expect(summary.logSlope.estimate).toBeCloseTo(gamma / LAW.gamma - 1, 3);
  });
});
