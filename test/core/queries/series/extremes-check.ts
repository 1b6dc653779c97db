// The guarantee the chart query makes, checked against the raw points: per pixel column, the reduced
// series holds the exact lowest and highest finite value and shows every non-finite kind present,
// and everything it draws is a real point.
import { expect } from 'vitest';
import type { PixelRange, ReducedSeries } from '../../../../shared/series';
import { columnMapper } from '../../../../shared/series/pixel-columns';

export interface XY {
  x: number;
  y: number;
}

/** Raw points sorted by x, with a set of them for membership checks. */
export interface RawIndex {
  xs: Float64Array;
  ys: Float64Array;
  members: Set<string>;
}

const kindOf = (y: number) => (Number.isNaN(y) ? 'nan' : y > 0 ? 'inf' : '-inf');

export function indexRaw(raw: readonly XY[]): RawIndex {
  const sorted = [...raw].sort((a, b) => a.x - b.x);
  return {
    xs: Float64Array.from(sorted, (p) => p.x),
    ys: Float64Array.from(sorted, (p) => p.y),
    members: new Set(sorted.map(({ x, y }) => `${x}|${Number.isFinite(y) ? y : kindOf(y)}`)),
  };
}

function lowerBound(xs: Float64Array, x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function expectExactColumns(raw: RawIndex, reduced: ReducedSeries, range: PixelRange, label: string): void {
  const columns = columnMapper(range, 'test');
  const width = range.width;
  const rawLow = new Float64Array(width).fill(Infinity);
  const rawHigh = new Float64Array(width).fill(-Infinity);
  const rawKinds = new Uint8Array(width);
  const bit = (kind: string) => (kind === 'nan' ? 1 : kind === 'inf' ? 2 : 4);
  for (let i = lowerBound(raw.xs, range.x0); i < raw.xs.length && raw.xs[i] <= range.x1; i++) {
    const c = columns.columnOf(raw.xs[i]);
    const y = raw.ys[i];
    if (Number.isFinite(y)) {
      if (y < rawLow[c]) rawLow[c] = y;
      if (y > rawHigh[c]) rawHigh[c] = y;
    } else rawKinds[c] |= bit(kindOf(y));
  }
  const low = new Float64Array(width).fill(Infinity);
  const high = new Float64Array(width).fill(-Infinity);
  const kinds = new Uint8Array(width);
  let previous = -Infinity;
  for (const { x, y } of reduced.points) {
    expect(x, `${label}: points sorted by x`).toBeGreaterThanOrEqual(previous);
    previous = x;
    if (!raw.members.has(`${x}|${y}`)) expect.fail(`${label}: (${x}, ${y}) is not a raw point`);
    const c = columns.columnOf(x);
    expect(c, `${label}: point inside the range`).toBeGreaterThanOrEqual(0);
    low[c] = Math.min(low[c], y);
    high[c] = Math.max(high[c], y);
  }
  for (const { x, kind } of reduced.markers) {
    if (!raw.members.has(`${x}|${kind}`)) expect.fail(`${label}: marker ${kind} at ${x} is not a raw point`);
    kinds[columns.columnOf(x)] |= bit(kind);
  }
  for (let c = 0; c < width; c++) {
    if (low[c] !== rawLow[c] || high[c] !== rawHigh[c] || kinds[c] !== rawKinds[c]) {
      expect({ column: c, low: low[c], high: high[c], kinds: kinds[c] }, label).toEqual({ column: c, low: rawLow[c], high: rawHigh[c], kinds: rawKinds[c] });
    }
  }
}
