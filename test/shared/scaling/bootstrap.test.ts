import { beforeAll, describe, expect, it } from 'vitest';
import {
  bootstrapChinchillaFit,
  bootstrapInterval,
  computeOptimalAllocation,
  computeOptimalExponents,
  fitChinchillaLoss,
  predictAtCompute,
  syntheticGridObservations,
  type ChinchillaBootstrap,
} from '../../../shared/scaling';
import { CHINCHILLA, gridD, gridN } from './chinchilla-fixture';

const width = (p: [number, number]) => p[1] - p[0];

describe('bootstrap over runs', () => {
  const runs = syntheticGridObservations({ params: CHINCHILLA, N: gridN(12), D: gridD(8), noise: 0.01, seed: 11, outliers: 2 });
  let boot: ChinchillaBootstrap;
  beforeAll(async () => {
    boot = await bootstrapChinchillaFit(runs, { resamples: 200, seed: 7 });
  });

  it('gives 80 % and 95 % intervals that contain the true parameters', () => {
    expect(boot.completed).toBe(200);
    expect(boot.failed).toBe(0);
    expect(boot.samples).toHaveLength(200);
    const truth = { ...CHINCHILLA, ...computeOptimalExponents(CHINCHILLA) };
    for (const key of ['E', 'A', 'B', 'alpha', 'beta', 'a', 'b'] as const) {
      const interval = boot.intervals[key];
      expect(interval.samples).toBe(200);
      expect(interval.p95[0]).toBeLessThanOrEqual(truth[key]);
      expect(interval.p95[1]).toBeGreaterThanOrEqual(truth[key]);
      expect(interval.p95[0]).toBeLessThanOrEqual(interval.p80[0]);
      expect(interval.p80[1]).toBeLessThanOrEqual(interval.p95[1]);
    }
    expect(boot.intervals.E.estimate).toBe(boot.fit.params.E);
  });

  it('gives intervals for predictions, which widen the further they extrapolate', () => {
    const near = predictAtCompute(boot, 1e21);
    const far = predictAtCompute(boot, 1e25);
    const truthFar = computeOptimalAllocation(CHINCHILLA, 1e25);
    expect(far.loss.p95[0]).toBeLessThanOrEqual(truthFar.loss);
    expect(far.loss.p95[1]).toBeGreaterThanOrEqual(truthFar.loss);
    expect(far.N.p95[0]).toBeLessThanOrEqual(truthFar.N);
    expect(far.N.p95[1]).toBeGreaterThanOrEqual(truthFar.N);
    expect(width(far.loss.p95)).toBeGreaterThan(width(near.loss.p95));
    expect(far.extrapolationFactor).toBeCloseTo(1e4 * near.extrapolationFactor, 6);
    // Any function of the parameters gets an interval the same way.
    const ratio = bootstrapInterval(boot, (p) => p.alpha / p.beta);
    expect(ratio.estimate).toBeCloseTo(boot.fit.params.alpha / boot.fit.params.beta, 12);
    expect(ratio.samples).toBe(200);
  });

  it('is reproducible: the same seed gives the same intervals', async () => {
    const small = runs.slice(0, 48);
    const fit = fitChinchillaLoss(small);
    const first = await bootstrapChinchillaFit(small, { fit, resamples: 20, seed: 3 });
    const again = await bootstrapChinchillaFit(small, { fit, resamples: 20, seed: 3 });
    const other = await bootstrapChinchillaFit(small, { fit, resamples: 20, seed: 4 });
    expect(again.intervals).toEqual(first.intervals);
    expect(other.intervals.alpha.p95).not.toEqual(first.intervals.alpha.p95);
  });
});

describe('bootstrap intervals against data size', () => {
  it('shrink when there are more runs', async () => {
    // One realization's 80-resample width moves by ±30 % or more (seed 5 of these once gave E a wider
    // interval from 4× the runs), so the widths are summed over four realizations of each design.
    const keys = ['E', 'alpha', 'beta', 'a'] as const;
    const summedWidths = async (sizes: number, ratios: number) => {
      const sums = { E: 0, alpha: 0, beta: 0, a: 0 };
      for (const seed of [5, 6, 7, 8]) {
        const runs = syntheticGridObservations({ params: CHINCHILLA, N: gridN(sizes), D: gridD(ratios), noise: 0.01, seed });
        const { intervals } = await bootstrapChinchillaFit(runs, { resamples: 80, seed: 1 });
        for (const key of keys) sums[key] += width(intervals[key].p95);
      }
      return sums;
    };
    const few = await summedWidths(6, 5);
    const many = await summedWidths(12, 10);
    // 4× the runs over the same ranges: widths should fall by about 2×; require at least 1.4×.
    for (const key of keys) expect(many[key]).toBeLessThan(few[key] / 1.4);
  }, 60_000);
});

describe('bootstrap control', () => {
  const runs = syntheticGridObservations({ params: CHINCHILLA, N: gridN(5), D: gridD(4), noise: 0.01, seed: 2 });
  // Progress and cancellation are under test, not the global search: a small grid will do.
  const fitOnce = () => fitChinchillaLoss(runs, { grid: { alpha: [0.5], beta: [0.5], e: [0, 0.5], a: [5, 10], b: [5, 10] } });

  it('reports progress after every resample and stops when cancelled, keeping what it has', async () => {
    const fit = fitOnce();
    const seen: [number, number][] = [];
    const signal = { aborted: false };
    const result = await bootstrapChinchillaFit(runs, {
      fit,
      resamples: 50,
      signal,
      onProgress: (done, total) => {
        seen.push([done, total]);
        if (done === 5) signal.aborted = true;
      },
    });
    expect(seen).toEqual([1, 2, 3, 4, 5].map((d) => [d, 50]));
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBe(5);
    expect(result.samples).toHaveLength(5);
    expect(result.intervals.alpha.samples).toBe(5);
  });

  it('lets other work run between resamples, so a cancel from outside gets through', async () => {
    const fit = fitOnce();
    const signal = { aborted: false };
    setTimeout(() => {
      signal.aborted = true;
    }, 0);
    const result = await bootstrapChinchillaFit(runs, { fit, resamples: 50, signal, yieldEveryMs: 0 });
    expect(result.cancelled).toBe(true);
    expect(result.completed).toBe(1);
  });
});
