// The effective-compute multiplier along each arm's tokens-per-parameter ratio, on laws whose
// answer is known in closed form: a variant equal to the baseline trained with k times the compute
// along the same ratio has multiplier k at every compute.
import { describe, expect, it } from 'vitest';
import { computeAlongRatioFor, lossAlongRatio, multiplierAlongRatios, summarizeDesignRatioVariant } from '../../../electron/core/host/design-ratio-multiplier';
import { fitChinchillaLoss, logSpaced, predictLoss, type ChinchillaParams } from '../../../shared/scaling';

const LAW: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const RATIO = 20;

/** The baseline with k× compute along its ratio: N and D both grow by √k. */
function withCompute(p: ChinchillaParams, k: number): ChinchillaParams {
  return { ...p, A: p.A * k ** (-p.alpha / 2), B: p.B * k ** (-p.beta / 2) };
}

function armAlongRatio(key: string, p: ChinchillaParams) {
  const observations = logSpaced(5e7, 1.6e9, 6).map((N, i) => ({ id: `${key}-${i}`, N, D: RATIO * N, L: predictLoss(p, N, RATIO * N) }));
  return { key, ratio: RATIO, fit: fitChinchillaLoss(observations), samples: [] };
}

describe('the multiplier along the design ratio', () => {
  it('is k at every compute for a variant that is the baseline with k× compute', () => {
    for (const k of [0.5, 1, 3]) {
      for (const C of [1e18, 1e20, 1e23]) {
        expect(multiplierAlongRatios({ p: LAW, ratio: RATIO }, { p: withCompute(LAW, k), ratio: RATIO }, C)).toBeCloseTo(k, 6);
      }
    }
  });

  it('inverts the loss along a ratio, and says Infinity for a loss the baseline never reaches', () => {
    const C = 3.7e20;
    expect(computeAlongRatioFor(LAW, RATIO, lossAlongRatio(LAW, RATIO, C), 1e20) / C).toBeCloseTo(1, 9);
    expect(computeAlongRatioFor(LAW, RATIO, LAW.E - 0.01, 1e20)).toBe(Infinity);
  });

  it('recovers 2× from fits of runs at one ratio, says the gain holds, and flags a target beyond the data', () => {
    const base = armAlongRatio('base', LAW);
    const twice = armAlongRatio('twice', withCompute(LAW, 2));
    const target = base.fit.maxCompute * 10;
    const summary = summarizeDesignRatioVariant(base, twice, target);
    expect(summary.atTarget!.multiplier.estimate).toBeCloseTo(2, 2);
    expect(summary.curve.filter((p) => p.withinData).every((p) => Math.abs(p.multiplier.estimate - 2) < 0.01)).toBe(true);
    expect(summary.verdict).toBe('holds');
    expect(summary.crossings).toEqual([]);
    expect(summary.warnings).toEqual([expect.stringMatching(/^The target compute is 10\.\d× the largest compute/)]);
  });

  it('warns where a variant that starts ahead falls behind', () => {
    // Better at small scale (lower A), worse at large scale (higher E).
    const variant = { ...LAW, A: LAW.A * 0.8, E: LAW.E + 0.1 };
    const summary = summarizeDesignRatioVariant(armAlongRatio('base', LAW), armAlongRatio('var', variant), 1e21);
    expect(summary.crossings.length).toBe(1);
    expect(summary.warnings[0]).toMatch(/The curves cross at C ≈ .* the variant's advantage reverses there/);
    expect(summary.verdict).toBe('shrinks');
  });
});
