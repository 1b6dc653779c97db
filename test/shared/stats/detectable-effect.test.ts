import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, seedsNeeded } from '../../../shared/stats';
import { createSeededRandom } from '../../../shared/random/seeded-random';

describe('minimumDetectableEffect (α = 0.05 two-sided, power 0.8)', () => {
  it('matches (t_{0.975,2n−2} + t_{0.8,2n−2})·σ·sqrt(2/n) for 2, 3 and 5 seeds', () => {
    // Multipliers from scipy.stats.t.ppf: n=2 → 5.363312901529284, n=3 → 3.035252295614148, n=5 → 2.0206281650809057.
    const sigma = 0.004;
    expect(minimumDetectableEffect(sigma, 2)).toEqual({ value: expect.closeTo(5.363312901529284 * sigma, 12), df: 2 });
    expect(minimumDetectableEffect(sigma, 3).value).toBeCloseTo(3.035252295614148 * sigma, 12);
    expect(minimumDetectableEffect(sigma, 5).value).toBeCloseTo(2.0206281650809057 * sigma, 12);
  });

  it('gives no value for one seed per arm, with the reason', () => {
    const one = minimumDetectableEffect(0.004, 1);
    expect(one.value).toBeNull();
    expect(one).toMatchObject({ df: null, reason: expect.stringMatching(/no noise estimate/) });
  });

  it('shrinks as seeds are added and grows with noise', () => {
    const mde = (n: number) => minimumDetectableEffect(1, n).value!;
    for (let n = 2; n < 30; n++) expect(mde(n + 1)).toBeLessThan(mde(n));
    expect(minimumDetectableEffect(2, 4).value).toBeCloseTo(2 * mde(4), 14);
  });

  it('rejects a negative sigma and a fractional seed count', () => {
    expect(() => minimumDetectableEffect(-1, 3)).toThrow(/sigma/);
    expect(() => minimumDetectableEffect(1, 2.5)).toThrow(/n \(seeds per arm\)/);
  });
});

describe('seedsNeeded', () => {
  it('is the smallest n whose MDE resolves the delta: MDE(n) ≤ |δ| < MDE(n − 1)', () => {
    const rng = createSeededRandom(5).next;
    for (let trial = 0; trial < 300; trial++) {
      const sigma = 0.001 + rng() * 0.05;
      const delta = (rng() < 0.5 ? -1 : 1) * sigma * (0.3 + rng() * 8);
      const need = seedsNeeded(sigma, delta);
      if (need.seeds === null) throw new Error(need.reason);
      expect(minimumDetectableEffect(sigma, need.seeds).value!).toBeLessThanOrEqual(Math.abs(delta));
      expect(need.mde).toBe(minimumDetectableEffect(sigma, need.seeds).value);
      if (need.seeds > 2) expect(minimumDetectableEffect(sigma, need.seeds - 1).value!).toBeGreaterThan(Math.abs(delta));
    }
  });

  it('needs 2 seeds for a delta of 5.37σ and 3 for 5.36σ', () => {
    // MDE(2) = 5.3633σ, MDE(3) = 3.0353σ.
    expect(seedsNeeded(1, 5.37).seeds).toBe(2);
    expect(seedsNeeded(1, -5.36).seeds).toBe(3);
  });

  it('says when a delta cannot be resolved within the seed budget', () => {
    expect(seedsNeeded(1, 0)).toMatchObject({ seeds: null, reason: expect.stringMatching(/delta of 0/) });
    expect(seedsNeeded(1, 0.01, { maxSeeds: 100 })).toMatchObject({ seeds: null, reason: expect.stringMatching(/more than 100/) });
  });
});
