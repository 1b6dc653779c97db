import { describe, expect, it } from 'vitest';
import { mulberry32, normalSampler, percentile, quantile } from '../../../shared/stats';

describe('quantile (type 7)', () => {
  it('matches R/NumPy defaults', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 10], 0.3)).toBeCloseTo(3.7, 14);
    expect(quantile([5, 1, 9, 3, 7], 0.9)).toBeCloseTo(8.2, 14);
    expect(quantile([5, 1, 9], 0)).toBe(1);
    expect(quantile([5, 1, 9], 1)).toBe(9);
    expect(percentile([1, 2, 3, 4], 25)).toBe(1.75);
  });

  it('rejects empty input and out-of-range p', () => {
    expect(() => quantile([], 0.5)).toThrow(/at least one/);
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\]/);
    expect(() => percentile([1], 101)).toThrow(/\[0, 100\]/);
  });
});

describe('mulberry32', () => {
  it('reproduces the reference sequence (an independent 32-bit implementation in Python)', () => {
    const a = mulberry32(0);
    expect([a(), a(), a(), a()]).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197, 0.1462021479383111]);
    const b = mulberry32(42);
    expect([b(), b(), b(), b()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099, 0.6697340414393693]);
  });

  it('gives the same stream for the same seed and a different one for another seed', () => {
    const x = mulberry32(7);
    const y = mulberry32(7);
    const z = mulberry32(8);
    const xs = Array.from({ length: 5 }, x);
    expect(Array.from({ length: 5 }, y)).toEqual(xs);
    expect(Array.from({ length: 5 }, z)).not.toEqual(xs);
  });
});

describe('normalSampler (Box–Muller)', () => {
  it('draws standard normals: mean 0, sd 1, 95 % within ±1.96', () => {
    const draw = normalSampler(mulberry32(2024));
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = draw();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) < 1.959964) inside++;
    }
    const mean = sum / n;
    // Standard errors: mean 1/sqrt(n) = 0.0022, sd ≈ 0.0016, coverage ≈ 0.0005; bounds are about 4 of them.
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(sumSq / n - mean * mean) - 1)).toBeLessThan(0.007);
    expect(Math.abs(inside / n - 0.95)).toBeLessThan(0.002);
  });
});
