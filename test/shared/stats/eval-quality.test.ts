import { describe, expect, it } from 'vitest';
import { averageRanks, pooledStandardDeviation, signAgreement, spearmanCorrelation, wilsonInterval } from '../../../shared/stats';
import { createSeededRandom } from '../../../shared/random/seeded-random';

describe('spearmanCorrelation', () => {
  // The classic IQ vs hours-of-TV example: Σd² = 194, ρ = 1 − 6·194/(10·99) = −29/165.
  const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
  const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];

  it('computes ρ on known data', () => {
    const result = spearmanCorrelation(iq, tv);
    expect(result.rho).toBeCloseTo(-29 / 165, 14);
  });

  it('gives the Fisher z interval with SE sqrt(1.06/(n − 3))', () => {
    // atanh(−29/165) ± 1.959964·sqrt(1.06/7), mapped back by tanh.
    const result = spearmanCorrelation(iq, tv);
    if (result.rho === null || result.interval === null) throw new Error('expected an interval');
    expect(result.interval.standardError).toBeCloseTo(Math.sqrt(1.06 / 7), 14);
    expect(result.interval.lower).toBeCloseTo(-0.7353594030660527, 12);
    expect(result.interval.upper).toBeCloseTo(0.52635893369128, 12);
  });

  it('uses average ranks for ties (scipy.stats.spearmanr reference)', () => {
    expect(averageRanks([1, 2, 2, 3, 4, 4, 4, 5])).toEqual([1, 2.5, 2.5, 4, 6, 6, 6, 8]);
    const result = spearmanCorrelation([1, 2, 2, 3, 4, 4, 4, 5], [2, 1, 3, 3, 5, 4, 6, 6]);
    expect(result.rho).toBeCloseTo(0.9007775105401477, 14);
  });

  it('gives ρ but no interval below 4 pairs or at ρ = ±1, and no ρ without variation', () => {
    expect(spearmanCorrelation([1, 2, 3], [3, 1, 2])).toMatchObject({ rho: -0.5, interval: null, intervalReason: expect.stringMatching(/at least 4/) });
    expect(spearmanCorrelation([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])).toMatchObject({ rho: 1, interval: null, intervalReason: expect.stringMatching(/±1/) });
    expect(spearmanCorrelation([1, 1, 1, 1], [1, 2, 3, 4])).toMatchObject({ rho: null, reason: expect.stringMatching(/tied/) });
    expect(spearmanCorrelation([1], [1])).toMatchObject({ rho: null, reason: expect.stringMatching(/at least 2/) });
  });
});

describe('wilsonInterval and signAgreement', () => {
  it('matches the Wilson score interval for 8/10, 0/10 and 7/9', () => {
    const a = wilsonInterval(8, 10);
    expect(a.lower).toBeCloseTo(0.49016247153664183, 12);
    expect(a.upper).toBeCloseTo(0.9433178485456247, 12);
    const b = wilsonInterval(0, 10);
    expect(b.lower).toBe(0);
    expect(b.upper).toBeCloseTo(0.2775327998628892, 12);
    const c = wilsonInterval(7, 9);
    expect(c.lower).toBeCloseTo(0.45258896910698887, 12);
    expect(c.upper).toBeCloseTo(0.9367748928821533, 12);
  });

  it('counts matching signs of small- and large-scale deltas, leaving out zero deltas', () => {
    const small = [-0.02, -0.01, 0.005, 0.01, -0.003, 0, -0.004];
    const large = [-0.015, -0.02, -0.001, 0.02, -0.001, -0.01, 0.002];
    const result = signAgreement(small, large);
    expect(result).toMatchObject({ agreements: 4, n: 6, excluded: 1 });
    expect(result.rate).toBeCloseTo(4 / 6, 15);
    if (result.rate === null) return;
    expect(result.interval).toEqual(wilsonInterval(4, 6));
  });

  it('says when nothing can be compared', () => {
    expect(signAgreement([0], [1])).toMatchObject({ rate: null, n: 0, excluded: 1 });
  });
});

describe('pooledStandardDeviation (noise floor)', () => {
  it('pools within-group spread and ignores between-group differences', () => {
    // Groups 1,2,3 (SS 2, df 2) and 14,16 (SS 2, df 1); the single-seed group adds nothing.
    const result = pooledStandardDeviation([[1, 2, 3], [14, 16], [100]]);
    expect(result).toEqual({ std: Math.sqrt(4 / 3), df: 3, groupsUsed: 2 });
  });

  it('recovers a known seed noise from simulated groups', () => {
    const draw = createSeededRandom(99).normal;
    const sigma = 0.02;
    const groups = Array.from({ length: 400 }, (_, g) => Array.from({ length: 3 }, () => 2 + g * 0.1 + sigma * draw()));
    const result = pooledStandardDeviation(groups);
    expect(result.df).toBe(800);
    // With 800 df the relative standard error of s is about 1/sqrt(1600) = 2.5 %; allow 4 of them.
    expect(Math.abs(result.std! / sigma - 1)).toBeLessThan(0.1);
  });

  it('says so when no group has two seeds', () => {
    expect(pooledStandardDeviation([[1], [2]])).toMatchObject({ std: null, df: 0, reason: expect.stringMatching(/2 or more seeds/) });
  });

  it('names the group and value that is not a number', () => {
    expect(() => pooledStandardDeviation([[1, 2], [3, Infinity]])).toThrow(/group 1\[1\] is Infinity/);
  });
});
