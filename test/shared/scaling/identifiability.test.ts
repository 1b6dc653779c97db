// Whether runs identify the Chinchilla parameters, on designs whose answer is known: grids, ladders
// at two or more ratios and isoFLOP designs do (and their fits recover the law); ladders at one
// tokens-per-parameter ratio, or at ratios too close to tell apart, do not, and their fits land
// far from the law, which is why the app greys them out.
import { describe, expect, it } from 'vitest';
import { chinchillaIdentifiability, fitChinchillaLoss, logSpaced, predictLoss, syntheticGridObservations, syntheticIsoFlopObservations } from '../../../shared/scaling';
import { symmetricEigenvalues } from '../../../shared/scaling/identifiability';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { CHINCHILLA } from './chinchilla-fixture';

function ladder(sizes: number, ratios: readonly number[], noise: number, seed = 1) {
  const rng = createSeededRandom(seed);
  return logSpaced(1.24e8, 1.46e9, sizes).flatMap((N, i) =>
    ratios.map((k, j) => ({ id: `r${i}-${j}`, N, D: k * N, L: predictLoss(CHINCHILLA, N, k * N) * Math.exp(noise * rng.normal()) })),
  );
}

/** Designs that identify the law; the noiseless ones recover it. */
const IDENTIFIABLE: Record<string, [ReturnType<typeof ladder>, boolean]> = {
  'a 25 × 10 grid with outliers': [syntheticGridObservations({ params: CHINCHILLA, N: logSpaced(5e7, 3e9, 25), D: logSpaced(1e9, 1e11, 10), noise: 0.02, seed: 2, outliers: 3 }), true],
  'an isoFLOP design': [syntheticIsoFlopObservations({ params: CHINCHILLA, budgets: [1e19, 1e20, 1e21], sizesPerBudget: 5, spanDecades: 1.2 }), true],
  'a ladder of 6 sizes at 4 ratios': [ladder(6, [10, 20, 40, 80], 0), true],
  'a ladder of 4 sizes at ratios 10 and 40': [ladder(4, [10, 40], 0), true],
  'a ladder of 4 sizes at ratios 20 and 40': [ladder(4, [20, 40], 0), true],
  // As in a lab's "every run": a two-ratio ladder beside many runs repeating one-ratio designs.
  'a two-ratio ladder beside 200 runs at one ratio': [[...ladder(4, [10, 40], 0), ...Array.from({ length: 50 }, (_, k) => ladder(4, [20], 0.002, k + 1)).flat()], false],
  // Noise leaves the design identifiable, and the fit imprecise: its bootstrap intervals say how much.
  'a ladder of 4 sizes at ratios 10 and 40, 0.5 % noise': [ladder(4, [10, 40], 0.005), false],
  'a ladder of 4 sizes at ratios 20 and 40, 0.3 % noise': [ladder(4, [20, 40], 0.003), false],
};

const NOT_IDENTIFIABLE = {
  'a ladder at one ratio': [ladder(6, [20], 0), /^Every run trains on about 20 tokens per parameter, so N and D grow together/],
  'a ladder at one ratio with two noisy seeds': [[...ladder(4, [20], 0.005, 1), ...ladder(4, [20], 0.005, 2)], /^Every run trains on about 20 tokens per parameter/],
  'a ladder at ratios 20 and 24': [ladder(4, [20, 24], 0.003), /^The runs' tokens per parameter \(20–24\) vary too little/],
  'a ladder at ratios 20 and 30': [ladder(4, [20, 30], 0.003), /^The runs' tokens per parameter \(20–30\) vary too little/],
  'runs whose tokens follow N^1.3': [logSpaced(1e8, 2e9, 6).map((N, i) => ({ id: `c${i}`, N, D: 0.5 * N ** 1.3, L: predictLoss(CHINCHILLA, N, 0.5 * N ** 1.3) })), /on one curve in N/],
} as const;

describe('identifiability of a Chinchilla fit', () => {
  it.each(Object.entries(IDENTIFIABLE))('holds for %s', (_name, [runs, recovers]) => {
    const fit = fitChinchillaLoss(runs);
    const result = chinchillaIdentifiability(runs, fit.params);
    expect(result).toMatchObject({ identifiable: true, reason: null });
    if (recovers) {
      expect(Math.abs(fit.params.alpha - CHINCHILLA.alpha)).toBeLessThan(0.05);
      expect(Math.abs(fit.params.beta - CHINCHILLA.beta)).toBeLessThan(0.05);
    }
  });

  it.each(Object.entries(NOT_IDENTIFIABLE))('fails for %s, saying why', (_name, [runs, reason]) => {
    const fit = fitChinchillaLoss(runs);
    const result = chinchillaIdentifiability(runs, fit.params);
    expect(result.identifiable).toBe(false);
    expect(result.reason).toMatch(reason);
  });

  it('measures the design: the spread of log D apart from log N, and the runs’ tokens per parameter', () => {
    const one = ladder(5, [20], 0);
    const two = ladder(5, [10, 40], 0);
    const fit = fitChinchillaLoss(two);
    expect(chinchillaIdentifiability(one, fit.params).ratioSpread).toBeLessThan(1e-9);
    expect(chinchillaIdentifiability(two, fit.params).ratioSpread).toBeCloseTo(Math.log(4) / 2, 9);
    expect(chinchillaIdentifiability(two, fit.params).tokensPerParameter.map((v) => Math.round(v))).toEqual([10, 40]);
  });

  it('finds the eigenvalues of a symmetric matrix', () => {
    const values = symmetricEigenvalues([
      [4, 1, 0],
      [1, 3, 1],
      [0, 1, 2],
    ]).sort((a, b) => a - b);
    // The characteristic polynomial λ³ − 9λ² + 24λ − 18 = (λ − 3)(λ² − 6λ + 6).
    expect(values[0]).toBeCloseTo(3 - Math.sqrt(3), 12);
    expect(values[1]).toBeCloseTo(3, 12);
    expect(values[2]).toBeCloseTo(3 + Math.sqrt(3), 12);
  });
});
