import { afterAll, describe, expect, it } from 'vitest';
import { reduceM4 } from '../../../../shared/series';
import { createSeededRandom } from '../../../../shared/random/seeded-random';
import { readSummaryState } from '../../../../electron/core/series-summary/summary-chunks';
import { updateSeriesSummary } from '../../../../electron/core/series-summary/update-series-summary';
import { reduceFromSummary } from '../../../../electron/core/queries/series/reduce-summary';
import { CacheSummarySource } from '../../../../electron/core/queries/series/summary-source';
import { mapX, type XAxisMap, type XKind } from '../../../../electron/core/queries/series/x-axis';
import { createCache, insertRun, insertSeries, writePoints, type RawPoint } from '../../series-summary/cache-fixture';
import { randomSeries } from '../../series-summary/random-series';
import { expectExactColumns, indexRaw, type XY } from './extremes-check';

const cache = createCache();
afterAll(() => cache.close());
const runPk = insertRun(cache, { id: 'r-1' });

function seriesWith(points: RawPoint[], key: string): number {
  const pk = insertSeries(cache, runPk, key);
  writePoints(cache, pk, points);
  updateSeriesSummary(cache.sqlite, pk, 0);
  return pk;
}

const AXES: Record<XKind, (p: RawPoint[]) => XAxisMap> = {
  step: () => ({ kind: 'step', base: 'step', scale: 1, offset: 0, log: false }),
  tokens: () => ({ kind: 'tokens', base: 'tokens', scale: 1, offset: 0, log: false }),
  flops: () => ({ kind: 'flops', base: 'tokens', scale: 6 * 1.3e8, offset: 0, log: false }),
  time: () => ({ kind: 'time', base: 'time', scale: 1, offset: 0, log: false }),
  'relative-time': (p) => ({ kind: 'relative-time', base: 'time', scale: 1, offset: -p[0].time!, log: false }),
};

function rawOnAxis(points: RawPoint[], axis: XAxisMap): XY[] {
  const base = (p: RawPoint) => (axis.base === 'step' ? p.step : axis.base === 'tokens' ? p.tokens! : p.time!);
  return points.map((p) => ({ x: axis.log ? base(p) * axis.scale + axis.offset : mapX(axis, base(p)), y: p.value })).filter((p) => !axis.log || p.x > 0);
}

function extent(raw: XY[]): [number, number] {
  return [raw[0].x, raw[raw.length - 1].x];
}

describe('reduceFromSummary', () => {
  const spiky = randomSeries({ count: 300_000, seed: 1, maxStride: 3, spikes: 0.004, nonFinite: 0.002 });
  const spikyPk = seriesWith(spiky, 'spiky');
  const source = () => new CacheSummarySource(cache.sqlite, spikyPk, readSummaryState(cache.sqlite, spikyPk)!);

  it('keeps every column’s exact minimum and maximum, and every non-finite kind, at many widths, ranges and x units', () => {
    const rand = createSeededRandom(5).next;
    for (const kind of Object.keys(AXES) as XKind[]) {
      const axis = AXES[kind](spiky);
      const raw = rawOnAxis(spiky, axis);
      const [lo, hi] = extent(raw);
      const index = indexRaw(raw);
      const ranges: [number, number][] = [[lo, hi], [lo - (hi - lo) * 0.1, hi + (hi - lo) * 0.2]];
      for (let i = 0; i < 8; i++) {
        const a = lo + (hi - lo) * rand();
        const span = (hi - lo) * 10 ** (-4 * rand());
        ranges.push([a, a + span]);
      }
      for (const width of [1, 7, 333, 1200, 2999]) {
        for (const [x0, x1] of ranges) {
          const range = { x0, x1, width };
          const { reduced } = reduceFromSummary(source(), axis, range);
          expectExactColumns(index, reduced, range, `${kind} w=${width} [${x0}, ${x1}]`);
        }
      }
    }
  });

  it('starts from a coarse level and reads few points when zoomed out, all of them only when zoomed in deep', () => {
    const axis = AXES.step(spiky);
    const [lo, hi] = extent(rawOnAxis(spiky, axis));
    // 300,000 points at 600 px: 500 a column, two 256-point buckets.
    const out = reduceFromSummary(source(), axis, { x0: lo, x1: hi, width: 600 });
    expect(out.level).toBeGreaterThanOrEqual(0);
    expect(out.pointsRead).toBeLessThan(spiky.length / 10);
    const deep = reduceFromSummary(source(), axis, { x0: lo + 1000, x1: lo + 3000, width: 1200 });
    expect(deep.level).toBe(-1);
  });

  it('equals plain M4 of the raw points on a step axis where no bucket crosses a column edge', () => {
    const axis = AXES.step(spiky);
    // 64-point buckets of a stride-1 series starting at step 0 line up with columns 64·k steps wide.
    const regular = randomSeries({ count: 64 * 16 * 40, seed: 9, maxStride: 1 });
    const pk = seriesWith(regular, 'regular');
    const width = 40;
    const range = { x0: 0, x1: 64 * 16 * 40, width };
    const { reduced } = reduceFromSummary(new CacheSummarySource(cache.sqlite, pk, readSummaryState(cache.sqlite, pk)!), axis, range);
    const raw = rawOnAxis(regular, axis);
    expect(reduced).toEqual(reduceM4(raw.map((p) => p.x), raw.map((p) => p.y), range));
  });

  it('zoomed in deep, answers exactly as plain M4 of the raw points, ties and non-finite values included', () => {
    // Values on a coarse grid, so equal minima and maxima in one column are common: the first must win.
    const tied = randomSeries({ count: 80_000, seed: 13, maxStride: 2, nonFinite: 0.01 }).map((p) => ({ ...p, value: Number.isFinite(p.value) ? Math.round(p.value * 10) / 10 : p.value }));
    const pk = seriesWith(tied, 'tied');
    const tiedSource = () => new CacheSummarySource(cache.sqlite, pk, readSummaryState(cache.sqlite, pk)!);
    const rand = createSeededRandom(21).next;
    let deepReads = 0;
    for (const kind of ['step', 'tokens', 'relative-time'] as XKind[]) {
      const axis = AXES[kind](tied);
      const raw = rawOnAxis(tied, axis);
      const [lo, hi] = extent(raw);
      for (let i = 0; i < 6; i++) {
        const x0 = lo + (hi - lo) * rand() * 0.9;
        const range = { x0, x1: x0 + (hi - lo) * 0.05 * rand(), width: 317 };
        const out = reduceFromSummary(tiedSource(), axis, range);
        if (out.level === -1) deepReads++;
        expect(out.reduced, `${kind} [${range.x0}, ${range.x1}]`).toEqual(reduceM4(raw.map((p) => p.x), raw.map((p) => p.y), range));
      }
    }
    expect(deepReads).toBeGreaterThan(0);
  });

  it('on a log x axis leaves out x ≤ 0 and returns exact linear x', () => {
    const axis: XAxisMap = { kind: 'step', base: 'step', scale: 1, offset: 0, log: true };
    const raw = rawOnAxis(spiky, axis);
    const logRaw = raw.map((p) => ({ x: Math.log10(p.x), y: p.y }));
    const range = { x0: 0, x1: Math.log10(raw[raw.length - 1].x), width: 800 };
    const { reduced } = reduceFromSummary(source(), axis, range);
    expect(reduced.points.every((p) => Number.isInteger(p.x) && p.x > 0)).toBe(true);
    const asLog = { points: reduced.points.map((p) => ({ x: Math.log10(p.x), y: p.y })), markers: reduced.markers.map((m) => ({ x: Math.log10(m.x), kind: m.kind })) };
    expectExactColumns(indexRaw(logRaw), asLog, range, 'log step');
  });
});
