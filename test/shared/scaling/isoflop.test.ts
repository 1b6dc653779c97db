import { describe, expect, it } from 'vitest';
import {
  computeOptimalAllocation,
  computeOptimalExponents,
  fitIsoFlopProfiles,
  logSpaced,
  predictLoss,
  syntheticIsoFlopObservations,
  type ScalingObservation,
} from '../../../shared/scaling';
import { CHINCHILLA, relativeError } from './chinchilla-fixture';

const budgets = logSpaced(1e18, 1e21, 7);
const trueA = computeOptimalExponents(CHINCHILLA).a;

describe('isoFLOP profiles (approach 2)', () => {
  it('recovers the compute-optimal exponent from exact isoFLOP curves', () => {
    const runs = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets, sizesPerBudget: 7, spanDecades: 1.2 });
    const result = fitIsoFlopProfiles(runs);
    expect(result.bins).toHaveLength(7);
    expect(result.bins.every((b) => b.status === 'ok' && b.used)).toBe(true);
    expect(result.nOpt!.exponent).toBeCloseTo(trueA, 6);
    expect(result.dOpt!.exponent).toBeCloseTo(1 - trueA, 6);
    // The parabola is an approximation of the true profile: its minimum is within a few percent.
    for (const bin of result.bins) {
      expect(relativeError(bin.nOpt, computeOptimalAllocation(CHINCHILLA, bin.compute).N)).toBeLessThan(0.03);
      expect(bin.dOpt).toBeCloseTo(bin.compute / (6 * bin.nOpt), 0);
      expect(bin.runIds).toHaveLength(7);
    }
  });

  it('recovers it within its standard error from noisy runs', () => {
    const runs = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets, sizesPerBudget: 7, spanDecades: 1.2, noise: 0.005, seed: 3 });
    const result = fitIsoFlopProfiles(runs);
    expect(Math.abs(result.nOpt!.exponent - trueA)).toBeLessThan(0.03);
    expect(Math.abs(result.nOpt!.exponent - trueA)).toBeLessThan(3 * result.nOpt!.exponentStdError);
  });

  it('bins unlabelled runs by compute when their budgets are only approximately equal', () => {
    const labelled = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets, sizesPerBudget: 6, spanDecades: 1.2 });
    // Drop the labels and perturb each run's compute by up to ±5 %, as real launches do.
    const unlabelled = labelled.map(({ computeBudget: _, ...o }, i) => ({ ...o, flops: 6 * o.N * o.D * (1 + 0.05 * Math.sin(i)) }));
    const result = fitIsoFlopProfiles(unlabelled);
    expect(result.bins).toHaveLength(7);
    expect(result.bins.map((b) => b.runIds.length)).toEqual([6, 6, 6, 6, 6, 6, 6]);
    expect(result.nOpt!.exponent).toBeCloseTo(trueA, 1);
  });

  it('says which bins it could not use and why, and fits the power law on the rest', () => {
    const good = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets: budgets.slice(0, 4), sizesPerBudget: 5 });
    const twoSizes: ScalingObservation[] = [3e7, 6e7].map((N, i) => ({ id: `two-${i}`, N, D: 1e22 / (6 * N), L: 3, computeBudget: 1e22 }));
    // All sizes far below the optimum at 1e23: loss still falling, the vertex lies beyond the sampled sizes.
    const oneSided: ScalingObservation[] = [1e7, 2e7, 4e7, 8e7].map((N, i) => {
      const D = 1e23 / (6 * N);
      return { id: `small-${i}`, N, D, L: predictLoss(CHINCHILLA, N, D), computeBudget: 1e23 };
    });
    const result = fitIsoFlopProfiles([...good, ...twoSizes, ...oneSided, ...concaveRuns()]);
    const status = Object.fromEntries(result.bins.map((b) => [b.compute.toExponential(0), b.status]));
    expect(status['1e+22']).toBe('too-few-sizes');
    expect(status['1e+23']).toBe('minimum-outside-range');
    expect(status['1e+24']).toBe('not-convex');
    expect(result.bins.filter((b) => b.used)).toHaveLength(4);
    expect(result.nOpt!.points).toBe(4);
    expect(result.nOpt!.exponent).toBeCloseTo(trueA, 6);
  });

  it('reports runs it cannot place, keeping the others', () => {
    const runs = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets: budgets.slice(0, 3), sizesPerBudget: 5 });
    const result = fitIsoFlopProfiles([...runs, { id: 'broken', N: 1e8, D: 1e9, L: -1, computeBudget: 1e18 }]);
    expect(result.rejected).toEqual([{ index: 15, id: 'broken', field: 'L', value: -1, expected: 'a finite number > 0' }]);
    expect(result.bins.every((b) => b.status === 'ok')).toBe(true);
  });
});

function concaveRuns(): ScalingObservation[] {
  const sizes = [1e8, 2e8, 4e8];
  const losses = [2, 2.2, 2];
  return sizes.map((N, i) => ({ id: `concave-${i}`, N, D: 1e24 / (6 * N), L: losses[i]!, computeBudget: 1e24 }));
}
