import { describe, expect, it } from 'vitest';
import { smoothEma } from '../../../shared/series';
import { createSeededRandom } from '../../../shared/random/seeded-random';

// Expected values worked by hand from TensorBoard's formula:
//   last = last·w + (1−w)·y;  k = finite points so far;  smoothed = last / (1 − w^k).
describe('smoothEma (TensorBoard debiased EMA)', () => {
  it('matches hand-computed values for w = 0.5 on [1, 2, 3]', () => {
    // k=1: last = 0.5, debias 0.5 → 1.   k=2: last = 1.25, debias 0.75 → 5/3.
    // k=3: last = 0.625 + 1.5 = 2.125, debias 0.875 → 17/7.
    const s = smoothEma([1, 2, 3], 0.5);
    expect(s[0]).toBeCloseTo(1, 15);
    expect(s[1]).toBeCloseTo(5 / 3, 15);
    expect(s[2]).toBeCloseTo(17 / 7, 15);
  });

  it('matches hand-computed values for w = 0.9 on [10, 0, 5]', () => {
    // k=1: last = 1, debias 0.1 → 10.   k=2: last = 0.9, debias 0.19 → 90/19.
    // k=3: last = 0.81 + 0.5 = 1.31, debias 0.271 → 1310/271.
    const s = smoothEma([10, 0, 5], 0.9);
    expect(s[0]).toBeCloseTo(10, 12);
    expect(s[1]).toBeCloseTo(90 / 19, 12);
    expect(s[2]).toBeCloseTo(1310 / 271, 12);
  });

  it('passes NaN and ±Infinity through unsmoothed without touching the state', () => {
    // The NaN does not count: the 3 is the second finite point. last = 0.25 + 1.5 = 1.75, debias 0.75 → 7/3.
    const s = smoothEma([1, NaN, 3, Infinity, -Infinity], 0.5);
    expect(s[0]).toBeCloseTo(1, 15);
    expect(s[1]).toBeNaN();
    expect(s[2]).toBeCloseTo(7 / 3, 15);
    expect(s[3]).toBe(Infinity);
    expect(s[4]).toBe(-Infinity);
  });

  it('keeps the first point and leaves the series alone at weight 0', () => {
    expect(smoothEma([2.5, 7, 1], 0.999)[0]).toBeCloseTo(2.5, 10);
    expect(Array.from(smoothEma([2.5, 7, 1], 0))).toEqual([2.5, 7, 1]);
  });

  it('returns a constant series exactly unchanged, however long', () => {
    const flat = new Float64Array(10_000).fill(0.1);
    expect(smoothEma(flat, 0.95)).toEqual(flat);
  });

  it('damps noise: a 0/1 alternation settles near its mean 0.5', () => {
    const ys = Array.from({ length: 2000 }, (_, i) => i % 2);
    const s = smoothEma(ys, 0.99);
    expect(Math.abs(s[1999] - 0.5)).toBeLessThan(0.01);
  });

  it('equals TensorBoard’s resmoothDataset bit for bit on a long noisy series with divergences', () => {
    // A line-by-line transcription of TensorBoard's loop (vz_line_chart2/line-chart.ts).
    const tensorboard = (values: number[], w: number): number[] => {
      let last = values.length > 0 ? 0 : NaN;
      let numAccum = 0;
      const isConstant = values.every((v) => v == values[0]);
      return values.map((v) => {
        if (isConstant || !Number.isFinite(v)) return v;
        last = last * w + (1 - w) * v;
        numAccum++;
        return last / (1 - Math.pow(w, numAccum));
      });
    };
    const rng = createSeededRandom(3).next;
    const ys = Array.from({ length: 100_000 }, (_, i) => (rng() < 0.001 ? NaN : 3 / Math.log(i + 3) + rng() * 0.1));
    for (const w of [0, 0.3, 0.9, 0.999]) expect(Array.from(smoothEma(ys, w))).toEqual(tensorboard(ys, w));
  });

  it('rejects weights outside 0..0.999', () => {
    expect(() => smoothEma([1, 2], 1)).toThrow(/weight/);
    expect(() => smoothEma([1, 2], -0.1)).toThrow(/weight/);
    expect(() => smoothEma([1, 2], NaN)).toThrow(/weight/);
  });
});
