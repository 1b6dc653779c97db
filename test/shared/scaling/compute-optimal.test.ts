import { beforeAll, describe, expect, it } from 'vitest';
import {
  computeForFrontierLoss,
  computeOptimalAllocation,
  computeOptimalExponents,
  extrapolationFactor,
  fitChinchillaLoss,
  frontierLoss,
  predictAtCompute,
  predictAtSize,
  predictLoss,
  syntheticGridObservations,
  type ChinchillaFit,
} from '../../../shared/scaling';
import { CHINCHILLA, gridD, gridN, relativeError } from './chinchilla-fixture';

/** Minimum of L(N, C/(6N)) by a dense scan in log N: an independent check of the closed form. */
function scanOptimum(C: number): { N: number; loss: number } {
  let best = { N: NaN, loss: Infinity };
  for (let x = Math.log(1e5); x < Math.log(1e15); x += 1e-4) {
    const N = Math.exp(x);
    const loss = predictLoss(CHINCHILLA, N, C / (6 * N));
    if (loss < best.loss) best = { N, loss };
  }
  return best;
}

describe('compute-optimal allocation', () => {
  it('puts N_opt, D_opt and the frontier loss where a brute-force scan along C = 6ND finds them', () => {
    for (const C of [1e18, 5.76e23]) {
      const closed = computeOptimalAllocation(CHINCHILLA, C);
      const scan = scanOptimum(C);
      expect(relativeError(closed.N, scan.N)).toBeLessThan(2e-4);
      expect(relativeError(6 * closed.N * closed.D, C)).toBeLessThan(1e-12);
      expect(closed.loss).toBeLessThanOrEqual(scan.loss + 1e-12);
      expect(relativeError(closed.loss, scan.loss)).toBeLessThan(1e-9);
      expect(closed.tokensPerParameter).toBeCloseTo(closed.D / closed.N, 9);
    }
  });

  it('gives the exponents a = β/(α+β), b = α/(α+β), which the allocation follows', () => {
    const { a, b } = computeOptimalExponents(CHINCHILLA);
    expect(a).toBeCloseTo(0.28 / 0.62, 12);
    expect(b).toBeCloseTo(0.34 / 0.62, 12);
    const lo = computeOptimalAllocation(CHINCHILLA, 1e20);
    const hi = computeOptimalAllocation(CHINCHILLA, 1e24);
    expect(Math.log10(hi.N / lo.N) / 4).toBeCloseTo(a, 10);
    expect(Math.log10(hi.D / lo.D) / 4).toBeCloseTo(b, 10);
  });

  it('inverts the frontier: the compute that reaches a loss, Infinity at or below E', () => {
    for (const C of [1e17, 1e21, 1e27]) {
      expect(relativeError(computeForFrontierLoss(CHINCHILLA, frontierLoss(CHINCHILLA, C)), C)).toBeLessThan(1e-9);
    }
    expect(computeForFrontierLoss(CHINCHILLA, 1.69)).toBe(Infinity);
    expect(computeForFrontierLoss(CHINCHILLA, 1.5)).toBe(Infinity);
  });

  it('has no frontier when a fitted exponent is not positive', () => {
    const flat = { ...CHINCHILLA, alpha: -0.01 };
    expect(computeOptimalAllocation(flat, 1e21).N).toBeNaN();
    expect(computeForFrontierLoss(flat, 2)).toBeNaN();
  });

  it('measures extrapolation from reported FLOPs when a run has them, else from 6·N·D', () => {
    const runs = [
      { id: 'a', N: 1e8, D: 1e10, L: 3 },
      { id: 'b', N: 1e9, D: 1e10, L: 2.5, flops: 9e19 },
    ];
    expect(extrapolationFactor(9e21, runs)).toBeCloseTo(100, 9);
    expect(extrapolationFactor(6e20, runs.slice(0, 1))).toBeCloseTo(100, 9);
  });
});

describe('predictions from a fit', () => {
  const runs = syntheticGridObservations({ params: CHINCHILLA, N: gridN(6), D: gridD(5) });
  let fit: ChinchillaFit;
  beforeAll(() => {
    fit = fitChinchillaLoss(runs);
  });

  it('predict the loss at a size and at a compute, with how far they reach beyond the data', () => {
    const bySize = predictAtSize({ fit, samples: [] }, 7e10, 1.4e12);
    expect(bySize.C).toBeCloseTo(6 * 7e10 * 1.4e12, -10);
    expect(bySize.extrapolationFactor).toBeCloseTo(bySize.C / (6 * 3e9 * 1e11), 9);
    expect(relativeError(bySize.loss.estimate, predictLoss(CHINCHILLA, 7e10, 1.4e12))).toBeLessThan(1e-4);
    // Without bootstrap samples there is no interval, and it says so.
    expect(bySize.loss.samples).toBe(0);
    expect(bySize.loss.p95[0]).toBeNaN();

    const byCompute = predictAtCompute({ fit, samples: [] }, 5.76e23);
    const truth = computeOptimalAllocation(CHINCHILLA, 5.76e23);
    expect(relativeError(byCompute.N.estimate, truth.N)).toBeLessThan(1e-3);
    expect(relativeError(byCompute.D.estimate, truth.D)).toBeLessThan(1e-3);
    expect(relativeError(byCompute.tokensPerParameter.estimate, truth.tokensPerParameter)).toBeLessThan(2e-3);
    expect(relativeError(byCompute.loss.estimate, truth.loss)).toBeLessThan(1e-4);
    expect(byCompute.extrapolationFactor).toBeCloseTo(5.76e23 / 1.8e21, 6);
  });
});
