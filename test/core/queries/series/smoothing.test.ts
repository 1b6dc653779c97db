import { afterAll, describe, expect, it } from 'vitest';
import { smoothEma } from '../../../../shared/series';
import { createSeededRandom } from '../../../../shared/random/seeded-random';
import { isConstantSeries, ResumableEma } from '../../../../electron/core/queries/series/resumable-ema';
import { getSeries } from '../../../../electron/core/queries/series/get-series';
import { updateSeriesSummary } from '../../../../electron/core/series-summary/update-series-summary';
import { createCache, insertRun, insertSeries, writePoints } from '../../series-summary/cache-fixture';
import { randomSeries } from '../../series-summary/random-series';
import { expectExactColumns, indexRaw } from './extremes-check';

describe('ResumableEma', () => {
  it('gives bit for bit what smoothEma gives, resumed from any saved state', () => {
    const rand = createSeededRandom(3).next;
    for (const weight of [0, 0.3, 0.6, 0.9, 0.99, 0.999]) {
      const values = Float64Array.from({ length: 5000 }, (_, i) => {
        const r = rand();
        if (r < 0.01) return NaN;
        if (r < 0.015) return Infinity;
        if (r < 0.02) return -Infinity;
        return 2 + Math.sin(i / 50) + rand() * (rand() < 0.01 ? 40 : 0.1);
      });
      const expected = smoothEma(values, weight);
      const ema = new ResumableEma(weight, isConstantSeries(values, values.length));
      const states: [number, number][] = [];
      const got = values.map((y) => {
        states.push([ema.last, ema.seen]);
        return ema.next(y);
      });
      expect(got).toEqual(expected);
      const from = 1234;
      const resumed = new ResumableEma(weight, false);
      resumed.resumeAt(...states[from]);
      expect(values.slice(from).map((y) => resumed.next(y))).toEqual(expected.slice(from));
    }
  });

  it('leaves a constant series unchanged, as smoothEma does', () => {
    const flat = new Float64Array(100).fill(2.5);
    const ema = new ResumableEma(0.9, isConstantSeries(flat, flat.length));
    expect(flat.map((y) => ema.next(y))).toEqual(smoothEma(flat, 0.9));
  });
});

describe('getSeries smoothing', () => {
  const cache = createCache();
  afterAll(() => cache.close());
  const runPk = insertRun(cache, { id: 'r-smooth', params: 1e8 });
  const seriesPk = insertSeries(cache, runPk, 'train/loss');
  const points = randomSeries({ count: 120_000, seed: 21, maxStride: 2, spikes: 0.003, nonFinite: 0.001 });
  writePoints(cache, seriesPk, points);
  updateSeriesSummary(cache.sqlite, seriesPk, 0);
  const weight = 0.9;
  const smoothedAll = smoothEma(Float64Array.from(points, (p) => p.value), weight);
  const truth = new Map(points.map((p, i) => [p.step, smoothedAll[i]]));
  const smoothedIndex = indexRaw(points.map((p, i) => ({ x: p.step, y: smoothedAll[i] })));
  const trust = () => null;

  it('draws the same smoothed values at every zoom, with each column’s exact smoothed extremes', () => {
    const last = points[points.length - 1].step;
    const views: [number, number, number][] = [[0, last, 1200], [0, last, 300], [last * 0.4, last * 0.45, 1200], [last * 0.9, last * 0.9 + 500, 800], [1000, 1100, 50]];
    for (const [from, to, width] of views) {
      const result = getSeries(cache.sqlite, { runIds: ['r-smooth'], metrics: ['train/loss'], width, from, to, x: 'step', xLog: false, smoothing: weight }, trust);
      const smoothed = result.series[0].smoothed!;
      expect(smoothed.xs.length).toBeGreaterThan(0);
      smoothed.xs.forEach((x, i) => expect(smoothed.ys[i], `smoothed value at step ${x}`).toBe(truth.get(x)));
      expectExactColumns(
        smoothedIndex,
        { points: smoothed.xs.map((x, i) => ({ x, y: smoothed.ys[i] })), markers: result.series[0].markerXs.map((x, i) => ({ x, kind: result.series[0].markerKinds[i] })) },
        { x0: from, x1: to, width },
        `smoothed [${from}, ${to}] at ${width} px`,
      );
    }
  });

  it('draws the exact smoothed values and extremes on a tokens or time axis too (the summary kept per axis)', () => {
    for (const x of ['tokens', 'time'] as const) {
      const xOf = (p: (typeof points)[number]) => (x === 'tokens' ? p.tokens! : p.time!);
      const byX = new Map(points.map((p, i) => [xOf(p), smoothedAll[i]]));
      const index = indexRaw(points.map((p, i) => ({ x: xOf(p), y: smoothedAll[i] })));
      const lo = xOf(points[0]);
      const hi = xOf(points[points.length - 1]);
      // 120,000 points: at 300 px and 40 px the chart walks the summary (≥ 256 points a column), at 1200 px it reads points.
      for (const [from, to, width] of [[lo, hi, 1200], [lo, hi, 300], [lo + (hi - lo) * 0.3, lo + (hi - lo) * 0.5, 40]] as const) {
        const result = getSeries(cache.sqlite, { runIds: ['r-smooth'], metrics: ['train/loss'], width, from, to, x, xLog: false, smoothing: weight }, trust);
        expect(result.series[0].read).toBe('summary');
        const smoothed = result.series[0].smoothed!;
        expect(smoothed.xs.length).toBeGreaterThan(0);
        smoothed.xs.forEach((at, i) => expect(smoothed.ys[i], `smoothed value at ${x} ${at}`).toBe(byX.get(at)));
        expectExactColumns(
          index,
          { points: smoothed.xs.map((at, i) => ({ x: at, y: smoothed.ys[i] })), markers: result.series[0].markerXs.map((at, i) => ({ x: at, kind: result.series[0].markerKinds[i] })) },
          { x0: from, x1: to, width },
          `smoothed on ${x} [${from}, ${to}] at ${width} px`,
        );
      }
    }
  });
});
