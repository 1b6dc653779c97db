import { describe, expect, it } from 'vitest';
import {
  analyzeAblationScaling,
  effectiveComputeMultiplier,
  logSpaced,
  multiplierCrossings,
  multiplierCurve,
  multiplierLogSlope,
  ScalingInputError,
  syntheticGridObservations,
  type ChinchillaParams,
  type StartGrid,
} from '../../../shared/scaling';
import { CHINCHILLA, gridD, gridN } from './chinchilla-fixture';

/** The baseline trained with N·s parameters and D·t tokens: a pure compute multiplier of s·t. */
function scaledBaseline(s: number, t: number): ChinchillaParams {
  return { ...CHINCHILLA, A: CHINCHILLA.A * s ** -CHINCHILLA.alpha, B: CHINCHILLA.B * t ** -CHINCHILLA.beta };
}

/** Same E, B, β; exponent α' with the N term equal to the baseline's at model size Nx. */
function withAlpha(alpha: number, Nx: number): ChinchillaParams {
  return { ...CHINCHILLA, alpha, A: CHINCHILLA.A * Nx ** (alpha - CHINCHILLA.alpha) };
}

const N = gridN(4);
const D = gridD(4);
const SMALL_GRID: StartGrid = { alpha: [0.5], beta: [0.5], e: [0, 0.5], a: [5, 10], b: [5, 10] };

describe('effective-compute multiplier', () => {
  it('equals k at every compute when the variant is the baseline with its compute scaled by k', () => {
    for (const [s, t] of [[2, 1], [1, 3], [1.5, 1.5], [0.5, 1]] as const) {
      for (const C of [1e16, 1e20, 1e24, 1e28]) {
        const point = effectiveComputeMultiplier(CHINCHILLA, scaledBaseline(s, t), C);
        expect(point.reachable).toBe(true);
        expect(point.multiplier).toBeCloseTo(s * t, 9);
      }
    }
  });

  it('is unbounded where the variant goes below the baseline’s irreducible loss', () => {
    const lowerE = { ...CHINCHILLA, E: 1.6 };
    const small = effectiveComputeMultiplier(CHINCHILLA, lowerE, 1e18);
    const huge = effectiveComputeMultiplier(CHINCHILLA, lowerE, 1e30);
    expect(small.reachable).toBe(true);
    expect(small.multiplier).toBeGreaterThan(1);
    expect(huge.reachable).toBe(false);
    expect(huge.multiplier).toBe(Infinity);
    const grid = logSpaced(1e18, 1e30, 7);
    expect(multiplierLogSlope(grid, multiplierCurve(CHINCHILLA, lowerE, grid).map((p) => p.multiplier))).toBe(Infinity);
  });

  it('finds where a multiplier curve crosses 1, and only real crossings', () => {
    const grid = [1e18, 1e19, 1e20, 1e21, 1e22];
    expect(multiplierCrossings(grid, [1.2, 1.1, 0.9, 0.8, 0.7])).toHaveLength(1);
    expect(multiplierCrossings(grid, [1.2, 1.1, 0.9, 0.8, 0.7])[0]).toBeGreaterThan(1e19);
    expect(multiplierCrossings(grid, [1.2, 1.1, 0.9, 0.8, 0.7])[0]).toBeLessThan(1e20);
    expect(multiplierCrossings(grid, [0.8, 1, 1.2, 1, 0.9])).toHaveLength(2);
    expect(multiplierCrossings(grid, [1.2, 1, 1.1, 1.3, 1.4])).toEqual([]);
    expect(multiplierLogSlope(grid, [1, 10, 100, 1000, 10000])).toBeCloseTo(1, 12);
  });
});

describe('ablations across scale', () => {
  it('recovers a constant 2× compute multiplier from noisy runs, with an interval that contains it', async () => {
    const arms = [
      { key: 'baseline', observations: syntheticGridObservations({ params: CHINCHILLA, N, D, noise: 0.005, seed: 1 }) },
      { key: 'double', observations: syntheticGridObservations({ params: scaledBaseline(2, 1), N, D, noise: 0.005, seed: 2 }) },
    ];
    const result = await analyzeAblationScaling(arms, { baseline: 'baseline', E: 'shared', targetCompute: 1e22, resamples: 100, seed: 5 });
    expect(result.eMode).toBe('shared');
    expect(result.fits.arms[0]!.fit.params.E).toBe(result.fits.arms[1]!.fit.params.E);
    expect(result.bootstrap.completed).toBe(100);
    const variant = result.variants[0]!;
    expect(variant.key).toBe('double');
    const target = variant.atTarget!;
    expect(target.C).toBe(1e22);
    expect(target.multiplier.p95[0]).toBeLessThanOrEqual(2);
    expect(target.multiplier.p95[1]).toBeGreaterThanOrEqual(2);
    expect(target.extrapolationFactor).toBeCloseTo(1e22 / (6 * 3e9 * 1e11), 6);
    for (const point of variant.curve.filter((p) => p.withinData)) {
      expect(point.multiplier.p95[0]).toBeLessThanOrEqual(2);
      expect(point.multiplier.p95[1]).toBeGreaterThanOrEqual(2);
    }
    // A gain at the largest compute both arms ran at, and no trend: the verdict and its numbers agree.
    expect(variant.verdict.kind).toBe('holds');
    expect(variant.verdict.multiplier.p95[0]).toBeGreaterThan(1);
    expect(variant.verdict.atCompute).toBeCloseTo(6 * 3e9 * 1e11, -10);
    expect(variant.crossings.filter((c) => c.withinData)).toEqual([]);
    expect(variant.warnings.some((w) => w.includes('the largest compute either arm was fitted on'))).toBe(true);
    expect(result.armIntervals.map((a) => a.key)).toEqual(['baseline', 'double']);
  });

  it('says a gain grows with scale when the variant has the better exponent, and a cost that grows, past a crossing, when it has the worse one', async () => {
    const arms = [
      { key: 'baseline', observations: syntheticGridObservations({ params: CHINCHILLA, N, D }) },
      // Better than the baseline above 2e7 parameters, increasingly so.
      { key: 'steeper', observations: syntheticGridObservations({ params: withAlpha(0.38, 2e7), N, D }) },
      // Better below 3e8 parameters, worse above: the curves cross inside the data.
      { key: 'flatter', observations: syntheticGridObservations({ params: withAlpha(0.3, 3e8), N, D }) },
    ];
    for (const E of ['shared', 'free'] as const) {
      const result = await analyzeAblationScaling(arms, { baseline: 'baseline', E, resamples: 100, fitOptions: { grid: SMALL_GRID } });
      const [steeper, flatter] = result.variants;
      expect(steeper!.verdict.kind).toBe('grows');
      expect(steeper!.logSlope.estimate).toBeGreaterThan(0.04);
      expect(steeper!.crossings).toEqual([]);
      expect(flatter!.verdict.kind).toBe('cost-grows');
      expect(flatter!.verdict.multiplier.estimate).toBeLessThan(1);
      expect(flatter!.crossings).toHaveLength(1);
      expect(flatter!.crossings[0]!.withinData).toBe(true);
      expect(flatter!.crossingShare).toBe(1);
      expect(flatter!.warnings.some((w) => w.includes('cross'))).toBe(true);
      // Where it crosses, the variant's loss on its frontier is the baseline's.
      const C = flatter!.crossings[0]!.C;
      expect(effectiveComputeMultiplier(CHINCHILLA, withAlpha(0.3, 3e8), C).multiplier).toBeCloseTo(1, 2);
    }
  });

  it('refuses an ablation without its baseline or with a variant run at fewer than 3 sizes', async () => {
    const baseline = { key: 'baseline', observations: syntheticGridObservations({ params: CHINCHILLA, N, D }) };
    const twoSizes = { key: 'v', observations: syntheticGridObservations({ params: CHINCHILLA, N: N.slice(0, 2), D }) };
    await expect(analyzeAblationScaling([baseline, twoSizes], { baseline: 'nope', E: 'free' })).rejects.toThrow(
      /baseline "nope" is not among the arms/,
    );
    await expect(analyzeAblationScaling([baseline, twoSizes], { baseline: 'baseline', E: 'free' })).rejects.toThrow(ScalingInputError);
    await expect(analyzeAblationScaling([baseline, twoSizes], { baseline: 'baseline', E: 'free' })).rejects.toThrow(
      /"v": needs runs at 3 or more distinct model sizes N, got 2/,
    );
  });

  it('stops its bootstrap when cancelled and says so', async () => {
    const arms = [
      { key: 'baseline', observations: syntheticGridObservations({ params: CHINCHILLA, N, D, noise: 0.005, seed: 1 }) },
      { key: 'double', observations: syntheticGridObservations({ params: scaledBaseline(2, 1), N, D, noise: 0.005, seed: 2 }) },
    ];
    const signal = { aborted: false };
    const result = await analyzeAblationScaling(arms, {
      baseline: 'baseline',
      E: 'free',
      resamples: 100,
      signal,
      onProgress: (done) => {
        if (done === 3) signal.aborted = true;
      },
      fitOptions: { grid: SMALL_GRID },
    });
    expect(result.bootstrap.cancelled).toBe(true);
    expect(result.bootstrap.completed).toBe(3);
    expect(result.variants[0]!.atTarget).toBeNull();
    expect(result.variants[0]!.curve[0]!.multiplier.samples).toBe(3);
  });
});
