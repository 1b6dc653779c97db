import { describe, expect, it } from 'vitest';
import { aggregateSeeds, deltaVsBaseline } from '../../../shared/series';

describe('aggregateSeeds', () => {
  it('gives mean, min, max, sample std and seed counts per x, only where a run covers x', () => {
    const runs = [
      { xs: [0, 10, 20], ys: [1, 2, 3] },
      { xs: [0, 10, 20], ys: [3, 4, 5] },
      { xs: [10, 20, 30], ys: [6, 9, 12] },
    ];
    const agg = aggregateSeeds(runs, { kind: 'union' });
    expect(Array.from(agg.xs)).toEqual([0, 10, 20, 30]);
    expect(Array.from(agg.count)).toEqual([2, 3, 3, 1]);
    expect(Array.from(agg.mean)).toEqual([2, 4, 17 / 3, 12]);
    expect(Array.from(agg.min)).toEqual([1, 2, 3, 12]);
    expect(Array.from(agg.max)).toEqual([3, 6, 9, 12]);
    // x=0: values 1, 3 → s² = 2.  x=10: 2, 4, 6 → s² = 4.  x=20: 3, 5, 9 → mean 17/3, s² = 28/3.
    expect(agg.std[0]).toBeCloseTo(Math.SQRT2, 14);
    expect(agg.std[1]).toBeCloseTo(2, 14);
    expect(agg.std[2]).toBeCloseTo(Math.sqrt(28 / 3), 14);
    expect(agg.std[3]).toBeNaN(); // one seed: no spread to show
  });

  it('counts a diverged seed apart instead of averaging it away or hiding it', () => {
    const runs = [
      { xs: [0, 1], ys: [1, 1] },
      { xs: [0, 1], ys: [3, NaN] },
    ];
    const agg = aggregateSeeds(runs, { kind: 'union' });
    expect(Array.from(agg.runs)).toEqual([2, 2]);
    expect(Array.from(agg.count)).toEqual([2, 1]);
    expect(Array.from(agg.nonFinite)).toEqual([0, 1]);
    expect(agg.mean[1]).toBe(1);
  });

  it('interpolates seeds logged at different steps onto a uniform grid', () => {
    const runs = [
      { xs: [0, 100], ys: [0, 100] },
      { xs: [0, 50, 100], ys: [10, 60, 110] },
    ];
    const agg = aggregateSeeds(runs, { kind: 'uniform', count: 5 });
    expect(Array.from(agg.xs)).toEqual([0, 25, 50, 75, 100]);
    expect(Array.from(agg.mean)).toEqual([5, 30, 55, 80, 105]);
  });
});

describe('deltaVsBaseline', () => {
  // Flat seeds so the numbers are easy to check: variant seeds 1, 2, 3; baseline seeds 2, 4.
  const flat = (v: number) => ({ xs: [0, 100], ys: [v, v] });
  const variant = [flat(1), flat(2), flat(3)];
  const baseline = [flat(2), flat(4)];

  it('is the difference of means with a standard-error band sqrt(s_v²/n_v + s_b²/n_b)', () => {
    const d = deltaVsBaseline(variant, baseline, { grid: { kind: 'union' }, band: 'standard-error' });
    expect(Array.from(d.xs)).toEqual([0, 100]);
    expect(d.delta[0]).toBe(-1);
    // s_v² = 1, n_v = 3; s_b² = 2, n_b = 2 → se = sqrt(1/3 + 1) = sqrt(4/3).
    expect(d.upper[0] - d.delta[0]).toBeCloseTo(Math.sqrt(4 / 3), 14);
    expect(d.delta[0] - d.lower[0]).toBeCloseTo(Math.sqrt(4 / 3), 14);
    expect(Array.from(d.variantCount)).toEqual([3, 3]);
    expect(Array.from(d.baselineCount)).toEqual([2, 2]);
  });

  it('spans every seed-against-seed difference with the min-max band', () => {
    const d = deltaVsBaseline(variant, baseline, { grid: { kind: 'union' }, band: 'min-max' });
    expect(d.lower[0]).toBe(1 - 4);
    expect(d.upper[0]).toBe(3 - 2);
  });

  it('draws no standard-error band when an arm has a single seed', () => {
    const d = deltaVsBaseline([flat(1)], baseline, { grid: { kind: 'union' }, band: 'standard-error' });
    expect(d.delta[0]).toBe(-2);
    expect(d.lower[0]).toBeNaN();
    expect(d.upper[0]).toBeNaN();
  });

  it('matches x by interpolation and keeps only x both arms reach', () => {
    const v = [{ xs: [0, 10, 20], ys: [1, 2, 3] }];
    const b = [{ xs: [5, 15, 25], ys: [0, 0, 0] }];
    const d = deltaVsBaseline(v, b, { grid: { kind: 'union' }, band: 'min-max' });
    expect(Array.from(d.xs)).toEqual([5, 10, 15, 20]);
    expect(Array.from(d.delta)).toEqual([1.5, 2, 2.5, 3]);
  });
});
