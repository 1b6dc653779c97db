import { describe, expect, it } from 'vitest';
import { reduceM4 } from '../../../shared/series';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { spikySeries } from './spiky-series';

describe('reduceM4 on hand-made series', () => {
  it('keeps first, min, max and last of each pixel column, sorted by x', () => {
    // Two columns over [0, 8]: column 0 holds x 0..3, column 1 holds x 4..8 (x1 belongs to the last column).
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const ys = [5, 9, 1, 4, 3, 3, 7, 0, 2];
    const { points, markers } = reduceM4(xs, ys, { x0: 0, x1: 8, width: 2 });
    expect(points).toEqual([
      { x: 0, y: 5 }, { x: 1, y: 9 }, { x: 2, y: 1 }, { x: 3, y: 4 },
      { x: 4, y: 3 }, { x: 6, y: 7 }, { x: 7, y: 0 }, { x: 8, y: 2 },
    ]);
    expect(markers).toEqual([]);
  });

  it('draws a point once when it is both first and minimum, and a lone point once', () => {
    const { points } = reduceM4([0, 1, 2, 10], [1, 3, 2, 4], { x0: 0, x1: 10, width: 2 });
    expect(points).toEqual([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 2 }, { x: 10, y: 4 }]);
  });

  it('returns NaN and ±Infinity as markers, first of each kind per column, and keeps them out of min/max', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7];
    const ys = [1, NaN, Infinity, 2, NaN, -Infinity, 3, Infinity];
    const { points, markers } = reduceM4(xs, ys, { x0: 0, x1: 7, width: 1 });
    expect(points).toEqual([{ x: 0, y: 1 }, { x: 6, y: 3 }]);
    expect(markers).toEqual([
      { x: 1, kind: 'nan' },
      { x: 2, kind: 'inf' },
      { x: 5, kind: '-inf' },
    ]);
  });

  it('reports a column holding only a divergence as markers with no line point', () => {
    const { points, markers } = reduceM4([0, 5, 6, 10], [2, NaN, NaN, 1], { x0: 0, x1: 10, width: 3 });
    expect(points).toEqual([{ x: 0, y: 2 }, { x: 10, y: 1 }]);
    expect(markers).toEqual([{ x: 5, kind: 'nan' }]);
  });

  it('leaves out points outside [x0, x1] (a zoomed view)', () => {
    const { points, markers } = reduceM4([0, 1, 2, 3, 4], [9, 1, 2, 3, NaN], { x0: 1, x1: 3, width: 4 });
    expect(points.map((p) => p.x)).toEqual([1, 2, 3]);
    expect(markers).toEqual([]);
  });

  it('gives the same picture for unsorted input as for sorted input', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const ys = [3, 1, 4, 1, 5, 9, 2, 6, NaN, 3];
    const order = [7, 2, 9, 0, 5, 8, 1, 4, 6, 3];
    const range = { x0: 0, x1: 9, width: 3 };
    expect(reduceM4(order.map((i) => xs[i]), order.map((i) => ys[i]), range)).toEqual(reduceM4(xs, ys, range));
  });

  it('handles a single-x range as one column', () => {
    const { points } = reduceM4([5, 5, 5], [2, 1, 3], { x0: 5, x1: 5, width: 100 });
    expect(points).toEqual([{ x: 5, y: 2 }, { x: 5, y: 1 }, { x: 5, y: 3 }]);
  });

  it('says which x is bad and rejects unusable ranges', () => {
    expect(() => reduceM4([0, NaN], [1, 2], { x0: 0, x1: 1, width: 2 })).toThrow(/xs\[1\] is NaN/);
    expect(() => reduceM4([0, 1], [1], { x0: 0, x1: 1, width: 2 })).toThrow(/equal lengths/);
    expect(() => reduceM4([0], [1], { x0: 0, x1: 1, width: 0 })).toThrow(/width/);
    expect(() => reduceM4([0], [1], { x0: 2, x1: 1, width: 5 })).toThrow(/x1/);
  });
});

describe('reduceM4 property: every pixel column keeps the raw extremes', () => {
  it('holds on 200 random spiky series with NaNs and random zoom ranges', () => {
    const rng = createSeededRandom(7).next;
    for (let trial = 0; trial < 200; trial++) {
      const { xs, ys } = spikySeries(trial, 50 + Math.floor(rng() * 3000));
      const lo = xs[0] + rng() * (xs[xs.length - 1] - xs[0]) * 0.5;
      const hi = lo + rng() * (xs[xs.length - 1] - lo);
      const width = 1 + Math.floor(rng() * 300);
      const range = { x0: lo, x1: hi, width };
      const { points, markers } = reduceM4(xs, ys, range);

      // Same arithmetic as the reducer, so boundary points land in the same column.
      const columnOf = (x: number) => Math.min(width - 1, Math.floor((x - lo) * (hi > lo ? width / (hi - lo) : 0)));
      type Raw = { min: number; max: number; firstX: number; lastX: number; kinds: Set<string> };
      const raw = new Map<number, Raw>();
      for (let i = 0; i < xs.length; i++) {
        if (xs[i] < lo || xs[i] > hi) continue;
        const c = columnOf(xs[i]);
        const col = raw.get(c) ?? { min: Infinity, max: -Infinity, firstX: Infinity, lastX: -Infinity, kinds: new Set<string>() };
        raw.set(c, col);
        if (Number.isFinite(ys[i])) {
          col.min = Math.min(col.min, ys[i]);
          col.max = Math.max(col.max, ys[i]);
          col.firstX = Math.min(col.firstX, xs[i]);
          col.lastX = Math.max(col.lastX, xs[i]);
        } else {
          col.kinds.add(Number.isNaN(ys[i]) ? 'nan' : ys[i] > 0 ? 'inf' : '-inf');
        }
      }
      const drawn = new Map<number, { ys: number[]; xs: number[] }>();
      for (const p of points) {
        const c = columnOf(p.x);
        const col = drawn.get(c) ?? { ys: [], xs: [] };
        drawn.set(c, col);
        col.ys.push(p.y);
        col.xs.push(p.x);
      }
      for (const [c, col] of raw) {
        const got = drawn.get(c);
        if (col.min === Infinity) {
          expect(got).toBeUndefined();
        } else {
          expect(got!.ys.length).toBeLessThanOrEqual(4);
          expect(Math.min(...got!.ys)).toBe(col.min);
          expect(Math.max(...got!.ys)).toBe(col.max);
          expect(got!.xs[0]).toBe(col.firstX);
          expect(got!.xs[got!.xs.length - 1]).toBe(col.lastX);
        }
        const kinds = markers.filter((m) => columnOf(m.x) === c).map((m) => m.kind);
        expect(new Set(kinds)).toEqual(col.kinds);
        expect(kinds.length).toBe(col.kinds.size);
      }
      for (let k = 1; k < points.length; k++) expect(points[k].x).toBeGreaterThanOrEqual(points[k - 1].x);
      for (let k = 1; k < markers.length; k++) expect(markers[k].x).toBeGreaterThanOrEqual(markers[k - 1].x);
      // Every drawn point is a real sample.
      const rawPairs = new Set(Array.from(xs, (x, i) => `${x}:${ys[i]}`));
      for (const p of points) expect(rawPairs.has(`${p.x}:${p.y}`)).toBe(true);
    }
  });
});
