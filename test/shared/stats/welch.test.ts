import { describe, expect, it } from 'vitest';
import { welchTTest, welchVerdict, type WelchResult } from '../../../shared/stats';
import { createSeededRandom } from '../../../shared/random/seeded-random';

describe('welchTTest on a hand-worked example', () => {
  // variant 1, 2, 3, 4: mean 2.5, s² = 5/3.   baseline 5, 7, 9: mean 7, s² = 4.
  // se² = (5/3)/4 + 4/3 = 21/12 = 1.75;  t = −4.5 / sqrt(1.75) = −3.40168…
  // df = 1.75² / ((5/12)²/3 + (4/3)²/2) = 3.0625 / (409/432) = 1323/409 = 3.23472…
  const result = welchTTest([1, 2, 3, 4], [5, 7, 9]);

  it('computes difference, standard error, t and Welch–Satterthwaite df', () => {
    if (!result.noiseEstimate) throw new Error(result.reason);
    expect(result.difference).toBe(-4.5);
    expect(result.standardError).toBeCloseTo(Math.sqrt(1.75), 14);
    expect(result.t).toBeCloseTo(-4.5 / Math.sqrt(1.75), 13);
    expect(result.df).toBeCloseTo(1323 / 409, 13);
    expect(result.variant).toEqual({ n: 4, mean: 2.5, std: Math.sqrt(5 / 3) });
  });

  it('gives the p-value and 95 % interval (scipy.stats.ttest_ind, equal_var=False)', () => {
    if (!result.noiseEstimate) throw new Error(result.reason);
    expect(result.pValue).toBeCloseTo(0.03781508223836958, 10);
    expect(result.interval[0]).toBeCloseTo(-8.542327954923024, 9);
    expect(result.interval[1]).toBeCloseTo(-0.45767204507697556, 9);
  });
});

describe('welchTTest without enough seeds', () => {
  it('says "no noise estimate" with one seed in an arm instead of inventing noise', () => {
    const result = welchTTest([2.41], [2.45, 2.47, 2.44]);
    expect(result.noiseEstimate).toBe(false);
    if (result.noiseEstimate) return;
    expect(result.difference).toBeCloseTo(2.41 - 2.4533333333333336, 14);
    expect(result.reason).toMatch(/variant has 1 seed/);
    expect(result.variant.std).toBeNaN();
    expect(welchVerdict(result, 'lower')).toBe('no-noise-estimate');
  });

  it('says so when every seed of both arms is identical', () => {
    expect(welchTTest([1, 1], [2, 2]).noiseEstimate).toBe(false);
  });

  it('names a non-finite seed value', () => {
    expect(() => welchTTest([1, NaN], [2, 3])).toThrow(/variant\[1\] is NaN/);
  });
});

describe('welchVerdict', () => {
  const lowerLoss = welchTTest([2.40, 2.41, 2.42], [2.50, 2.51, 2.52]);
  const overlapping = welchTTest([2.40, 2.50, 2.60], [2.45, 2.55, 2.65]);

  it('calls a clearly lower loss better and the same change on accuracy worse', () => {
    expect(welchVerdict(lowerLoss, 'lower')).toBe('better');
    expect(welchVerdict(lowerLoss, 'higher')).toBe('worse');
  });

  it('calls an interval that contains zero within noise', () => {
    expect(welchVerdict(overlapping, 'lower')).toBe('within-noise');
    expect(welchVerdict(overlapping, 'higher')).toBe('within-noise');
  });

  it('follows the interval edges exactly', () => {
    const base = { noiseEstimate: true as const, difference: 0, standardError: 1, df: 4, t: 0, pValue: 1, confidence: 0.95 };
    const arm = { n: 3, mean: 0, std: 1 };
    const at = (lo: number, hi: number): WelchResult => ({ ...base, interval: [lo, hi], variant: arm, baseline: arm });
    expect(welchVerdict(at(-2, -0.001), 'lower')).toBe('better');
    expect(welchVerdict(at(-2, 0), 'lower')).toBe('within-noise');
    expect(welchVerdict(at(0.001, 2), 'higher')).toBe('better');
  });
});

describe('welchVerdict over generated comparisons', () => {
  it('says what the interval beside it shows, for 5,000 generated seed sets and both directions', () => {
    const rng = createSeededRandom(17);
    for (let k = 0; k < 5000; k++) {
      const seeds = () => Array.from({ length: 1 + rng.index(4) }, () => 2.5 + 0.01 * rng.normal());
      const effect = 0.02 * rng.normal();
      const result = welchTTest(seeds().map((v) => v + effect), seeds());
      for (const better of ['lower', 'higher'] as const) {
        const verdict = welchVerdict(result, better);
        if (!result.noiseEstimate) {
          expect(verdict).toBe('no-noise-estimate');
          continue;
        }
        const [lo, hi] = result.interval;
        // The interval contains the difference it is about, and the verdict reads it the right way round.
        expect(lo).toBeLessThanOrEqual(result.difference);
        expect(hi).toBeGreaterThanOrEqual(result.difference);
        const improved = better === 'lower' ? hi < 0 : lo > 0;
        const regressed = better === 'lower' ? lo > 0 : hi < 0;
        expect(verdict).toBe(improved ? 'better' : regressed ? 'worse' : 'within-noise');
      }
    }
  });
});
