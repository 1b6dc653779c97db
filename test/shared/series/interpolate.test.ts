import { describe, expect, it } from 'vitest';
import { alignSeries, commonGrid, interpolateAt } from '../../../shared/series';

describe('interpolateAt', () => {
  const xs = [0, 10, 20, 40];
  const ys = [1, 2, 4, 0];

  it('interpolates linearly between samples and returns samples exactly', () => {
    expect(Array.from(interpolateAt(xs, ys, [0, 5, 10, 15, 30, 40]))).toEqual([1, 1.5, 2, 3, 2, 0]);
  });

  it('returns NaN outside the sampled range', () => {
    const out = interpolateAt(xs, ys, [-1, 40.5, NaN]);
    expect(Array.from(out).every(Number.isNaN)).toBe(true);
  });

  it('lets a divergence show through instead of bridging it', () => {
    const out = interpolateAt([0, 1, 2], [1, NaN, 3], [0.5, 1, 1.5, 2]);
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeNaN();
    expect(out[3]).toBe(3);
  });

  it('uses the last value when an x repeats', () => {
    expect(Array.from(interpolateAt([0, 1, 1, 2], [0, 5, 7, 9], [1, 1.5]))).toEqual([7, 8]);
  });

  it('names the first out-of-order x', () => {
    expect(() => interpolateAt([0, 2, 1], [1, 2, 3], [1])).toThrow(/xs\[2\] = 1 is less than xs\[1\] = 2/);
  });
});

describe('common grids and alignment', () => {
  const a = { xs: [0, 2, 4], ys: [0, 2, 4] };
  const b = { xs: [1, 2, 3], ys: [10, 20, 30] };

  it('builds the union of x', () => {
    expect(Array.from(commonGrid([a, b], { kind: 'union' }))).toEqual([0, 1, 2, 3, 4]);
  });

  it('builds an evenly spaced grid over all series or a given range', () => {
    expect(Array.from(commonGrid([a, b], { kind: 'uniform', count: 5 }))).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(commonGrid([a, b], { kind: 'uniform', count: 3, x0: 1, x1: 3 }))).toEqual([1, 2, 3]);
  });

  it('aligns series on the grid with NaN where a series does not reach', () => {
    const { xs, ys } = alignSeries([a, b], { kind: 'union' });
    expect(Array.from(xs)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(ys[0])).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(ys[1])).toEqual([NaN, 10, 20, 30, NaN]);
  });
});
