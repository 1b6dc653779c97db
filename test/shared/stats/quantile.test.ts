// The one type-7 quantile, and its edge cases: empty, one value, ties, infinities, NaN, p outside [0, 1].
import { describe, expect, it } from 'vitest';
import { quantile, quantileSorted } from '../../../shared/stats/quantile';

describe('quantile (Hyndman & Fan type 7)', () => {
  it('matches R and NumPy defaults', () => {
    // R: quantile(c(1,2,3,4), 0.25) = 1.75; quantile(c(1,10), 0.3) = 3.7; quantile(c(5,1,9,3,7), 0.9) = 8.2.
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 10], 0.3)).toBeCloseTo(3.7, 14);
    expect(quantile([5, 1, 9, 3, 7], 0.9)).toBeCloseTo(8.2, 14);
    expect(quantile([5, 1, 9], 0)).toBe(1);
    expect(quantile([5, 1, 9], 1)).toBe(9);
  });

  it('agrees with its definition at every p over random values', () => {
    const values = [0.3, -2, 7.5, 7.5, 1e-9, 42, -0.5, 3];
    const sorted = [...values].sort((a, b) => a - b);
    for (let k = 0; k <= 100; k++) {
      const p = k / 100;
      const h = (sorted.length - 1) * p;
      const lo = Math.floor(h);
      const expected = lo + 1 < sorted.length ? sorted[lo]! + (h - lo) * (sorted[lo + 1]! - sorted[lo]!) : sorted[lo]!;
      expect(quantile(values, p)).toBeCloseTo(expected, 12);
    }
  });

  it('gives NaN for no values and the value itself for one', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantileSorted(new Float64Array(0), 0.975)).toBeNaN();
    for (const p of [0, 0.1, 0.5, 1]) expect(quantile([4.2], p)).toBe(4.2);
  });

  it('returns tied values exactly, never a rounding of them', () => {
    expect(quantile([0.1, 0.1, 0.1], 0.37)).toBe(0.1);
    expect(quantile([1, 2, 2, 3], 0.5)).toBe(2);
  });

  it('keeps infinities: at an end, beside a finite value, and between −∞ and +∞', () => {
    expect(quantile([Infinity, Infinity], 0.5)).toBe(Infinity);
    expect(quantile([-Infinity, 1], 0.5)).toBe(-Infinity);
    expect(quantile([1, Infinity], 0.5)).toBe(Infinity);
    expect(quantile([-Infinity, Infinity], 0.5)).toBeNaN();
    expect(quantile([-Infinity, 1, 2, Infinity], 0)).toBe(-Infinity);
    expect(quantile([-Infinity, 1, 2, Infinity], 1 / 3)).toBe(1);
    expect(quantile([-Infinity, 1, 2, Infinity], 0.5)).toBe(1.5);
  });

  it('refuses NaN among the values and a p outside [0, 1], saying which', () => {
    expect(() => quantile([1, NaN, 2], 0.5)).toThrow(/values\[1\] is NaN/);
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\], got 1.5/);
    expect(() => quantile([1], -0.01)).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], NaN)).toThrow(/got NaN/);
  });

  it('reads only the first `length` values of a longer sorted buffer', () => {
    const buffer = Float64Array.from([1, 2, 3, 99, 99]);
    expect(quantileSorted(buffer, 1, 3)).toBe(3);
    expect(quantileSorted(buffer, 0.5, 3)).toBe(2);
    expect(quantileSorted(buffer, 0.5, 0)).toBeNaN();
  });
});
