import { describe, expect, it } from 'vitest';
import {
  holdoutLargestCompute,
  logSpaced,
  ScalingInputError,
  syntheticGridObservations,
  syntheticIsoFlopObservations,
} from '../../../shared/scaling';
import { CHINCHILLA, gridD, gridN } from './chinchilla-fixture';

const budgets = logSpaced(1e18, 1e21, 6);
const largestBudget = budgets[budgets.length - 1]!;

describe('holdout of the largest compute scale', () => {
  it('holds out the whole largest budget of an isoFLOP design and predicts it when the law holds', () => {
    const runs = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets, sizesPerBudget: 6, spanDecades: 1.2, noise: 0.003, seed: 4 });
    const result = holdoutLargestCompute(runs);
    expect(result.predictions.map((p) => p.id)).toEqual(runs.filter((r) => r.computeBudget === largestBudget).map((r) => r.id));
    expect(result.fit.n).toBe(30);
    expect(result.extrapolationFactor).toBeGreaterThan(3);
    expect(result.meanAbsRelativeError).toBeLessThan(0.01);
    for (const p of result.predictions) {
      expect(p.relativeError).toBeCloseTo((p.predicted - p.actual) / p.actual, 12);
    }
  });

  it('shows the error when the largest scale departs from what the smaller ones predict', () => {
    const runs = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets, sizesPerBudget: 6, spanDecades: 1.2, noise: 0.003, seed: 4 });
    // At the largest budget every run does 5 % better than the law of the smaller ones.
    const bent = runs.map((r) => (r.computeBudget === largestBudget ? { ...r, L: r.L * 0.95 } : r));
    const result = holdoutLargestCompute(bent);
    expect(result.meanRelativeError).toBeGreaterThan(0.04);
    expect(result.meanRelativeError).toBeLessThan(0.07);
    expect(result.meanAbsRelativeError).toBeCloseTo(result.meanRelativeError, 12);
  });

  it('without budget labels holds out runs within the tolerance of the largest compute', () => {
    const runs = syntheticGridObservations({ params: CHINCHILLA, N: gridN(6), D: gridD(5), noise: 0.003, seed: 2 });
    const largest = runs[runs.length - 1]!;
    const near = { ...largest, id: 'near', D: largest.D * 1.05 };
    const result = holdoutLargestCompute([...runs, near]);
    expect(result.predictions.map((p) => p.id).sort()).toEqual([largest.id, 'near'].sort());
    expect(result.heldOutCompute).toBeCloseTo(6 * near.N * near.D, -10);
    expect(result.largestFittedCompute).toBeLessThan(6 * largest.N * largest.D);
  });

  it('refuses data at a single compute scale', () => {
    const runs = syntheticIsoFlopObservations({ params: CHINCHILLA, budgets: [1e20], sizesPerBudget: 6 });
    expect(() => holdoutLargestCompute(runs)).toThrow(ScalingInputError);
    expect(() => holdoutLargestCompute(runs)).toThrow(/more than one compute scale/);
  });
});
