// The power law of loss in compute, L(C) = E + K·C^(−γ): the parameters of noiseless runs come back
// (one arm, and arms sharing E), its inverse inverts it, the bootstrap's intervals cover the truth
// under noise, and too few computes are refused with a message that says so.
import { describe, expect, it } from 'vitest';
import {
  bootstrapComputeLaws,
  computeForLawLoss,
  computeLawIntervals,
  computeLawLoss,
  fitComputeLaw,
  fitComputeLaws,
  logSpaced,
  ScalingInputError,
  type ComputeLawParams,
} from '../../../shared/scaling';
import { createSeededRandom } from '../../../shared/random/seeded-random';

const TRUTH: ComputeLawParams = { E: 1.72, K: 1450, gamma: 0.158 };

/** Runs at 20 tokens per parameter (C = 6·N·20N), `seeds` each, with log-normal noise. */
function runs(p: ComputeLawParams, sizes: number, seeds = 1, noise = 0, seed = 1, prefix = 'r') {
  const rng = createSeededRandom(seed);
  return logSpaced(1.2e8, 1.5e9, sizes).flatMap((N, i) =>
    Array.from({ length: seeds }, (_, s) => ({ id: `${prefix}-${i}-${s}`, N, D: 20 * N, L: computeLawLoss(p, 120 * N * N) * Math.exp(noise * rng.normal()) })),
  );
}

describe('the power law of loss in compute', () => {
  it('recovers E, K and γ from noiseless runs, and predicts their losses', () => {
    const fit = fitComputeLaw(runs(TRUTH, 6));
    expect(fit.params.E).toBeCloseTo(TRUTH.E, 4);
    expect(fit.params.gamma).toBeCloseTo(TRUTH.gamma, 4);
    expect(fit.params.K / TRUTH.K).toBeCloseTo(1, 3);
    expect(fit.residuals.every((r) => Math.abs(r.logResidual) < 1e-7)).toBe(true);
  });

  it('fits arms with one E shared, each with its own K and γ', () => {
    const variant = { E: TRUTH.E, K: 1300, gamma: 0.162 };
    const fit = fitComputeLaws([{ key: 'base', observations: runs(TRUTH, 5) }, { key: 'v', observations: runs(variant, 5, 1, 0, 1, 'v') }], 'shared');
    expect(fit.arms[0]!.params.E).toBe(fit.arms[1]!.params.E);
    expect(fit.arms[0]!.params.E).toBeCloseTo(TRUTH.E, 3);
    expect(fit.arms[1]!.params.gamma).toBeCloseTo(variant.gamma, 3);
  });

  it('inverts: the compute at which the law reaches a loss; unbounded at or below E, undefined for a law that does not fall', () => {
    for (const C of [1e17, 1e20, 1e24]) expect(computeForLawLoss(TRUTH, computeLawLoss(TRUTH, C)) / C).toBeCloseTo(1, 9);
    expect(computeForLawLoss(TRUTH, TRUTH.E)).toBe(Infinity);
    expect(computeForLawLoss({ ...TRUTH, gamma: -0.1 }, 2)).toBeNaN();
  });

  it('gives bootstrap intervals that cover the truth from noisy runs with seeds', async () => {
    const observations = runs(TRUTH, 4, 3, 0.004, 7);
    const fit = fitComputeLaws([{ key: '', observations }], 'free');
    const boot = await bootstrapComputeLaws([{ key: '', observations }], fit, { resamples: 300, seed: 3 });
    expect(boot.summary.completed).toBe(300);
    const intervals = computeLawIntervals(fit.arms[0]!.params, boot.samples.map((s) => s[0]!));
    // The loss at the largest compute is what the runs pin down best: its interval covers the truth.
    const C = 120 * 1.5e9 ** 2;
    const losses = boot.samples.map((s) => computeLawLoss(s[0]!, C)).sort((a, b) => a - b);
    expect(losses[7]!).toBeLessThan(computeLawLoss(TRUTH, C));
    expect(losses[292]!).toBeGreaterThan(computeLawLoss(TRUTH, C));
    expect(intervals.gamma.p95[0]).toBeLessThan(intervals.gamma.p95[1]);
  });

  it('refuses an arm with fewer than 3 distinct computes, naming it', () => {
    expect(() => fitComputeLaws([{ key: 'tiny', observations: runs(TRUTH, 2) }])).toThrow(ScalingInputError);
    expect(() => fitComputeLaws([{ key: 'tiny', observations: runs(TRUTH, 2) }])).toThrow(/"tiny": needs runs at 3 or more distinct computes, got 2/);
  });
});
