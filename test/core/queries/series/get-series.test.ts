import { afterAll, describe, expect, it } from 'vitest';
import { getSeries, SeriesQueryError, type SeriesQuery } from '../../../../electron/core/queries/series/get-series';
import { seedDeltas, seedGroups } from '../../../../electron/core/queries/series/seed-groups';
import { updateSeriesSummary } from '../../../../electron/core/series-summary/update-series-summary';
import { createCache, insertRun, insertSeries, writePoints, type RawPoint } from '../../series-summary/cache-fixture';
import { randomSeries } from '../../series-summary/random-series';

const cache = createCache();
afterAll(() => cache.close());
const trust = () => null;

function runWith(id: string, points: RawPoint[], facts: Parameters<typeof insertRun>[1] = { id }): void {
  const runPk = insertRun(cache, { ...facts, id });
  const pk = insertSeries(cache, runPk, 'train/loss');
  writePoints(cache, pk, points);
  updateSeriesSummary(cache.sqlite, pk, 0);
}

// A long run with a summary, a short one without, FLOPs given or derived, and one without tokens.
runWith('long', randomSeries({ count: 50_000, seed: 1, tokensPerStep: 1000 }), { id: 'long', params: 1e8, tokens: 5e10, flops: 6e19, flopsGiven: true });
runWith('short', randomSeries({ count: 300, seed: 2, tokensPerStep: 1000, firstStep: 100 }), { id: 'short', params: 2e8 });
runWith('no-tokens', [{ step: 0, value: 3, time: 100 }, { step: 5, value: 2.5, time: 160 }], { id: 'no-tokens' });
// Tokens 0 at the first step and none logged at the second: read point by point (tokens have a gap).
runWith('gappy', [{ step: 0, tokens: 0, value: 3 }, { step: 1, value: 2.9 }, { step: 2, tokens: 2000, value: 2.8 }, { step: 3, tokens: 3000, value: 2.7 }], { id: 'gappy' });

const query = (q: Partial<SeriesQuery>) => getSeries(cache.sqlite, { runIds: ['long'], metrics: ['train/loss'], width: 400, x: 'step', xLog: false, smoothing: 0, ...q }, trust);

describe('getSeries', () => {
  it('reduces several runs over one shared range: the union of their extents when none is given', () => {
    const result = query({ runIds: ['long', 'short'] });
    const [long, short] = result.series;
    expect(result.from).toBe(0);
    expect(result.to).toBe(Math.max(...long.xs, ...long.markerXs, ...short.xs, ...short.markerXs));
    expect(long.read).toBe('summary');
    expect(short.read).toBe('points');
    expect(short.xs[0]).toBe(100);
    expect(long.pointCount).toBe(50_000);
    expect(long.xs.length).toBeLessThanOrEqual(4 * 400);
    expect(long.markerKinds.length).toBeGreaterThan(0);
  });

  it('puts FLOPs at tokens × compute.flops / data.tokens, or 6·N·tokens when run.json gives no FLOPs', () => {
    const tokens = query({ runIds: ['long', 'short'], x: 'tokens', width: 50 });
    const flops = query({ runIds: ['long', 'short'], x: 'flops', width: 50 });
    expect(flops.series[0].xs[0]).toBe(tokens.series[0].xs[0] * (6e19 / 5e10));
    expect(flops.series[1].xs.at(-1)).toBe(tokens.series[1].xs.at(-1)! * 6 * 2e8);
  });

  it('says why a series is empty rather than failing the whole chart', () => {
    const result = query({ runIds: ['no-tokens', 'missing', 'long'], x: 'tokens' });
    expect(result.series[0].note).toMatch(/logged no tokens/);
    expect(result.series[0].unplaced).toBe(2);
    expect(result.series[1].note).toMatch(/no run "missing"/);
    expect(result.series[2].xs.length).toBeGreaterThan(0);
    expect(query({ runIds: ['no-tokens'], x: 'flops' }).series[0].note).toMatch(/FLOPs are unknown/);
  });

  it('counts apart the points without tokens and the points at tokens 0 that a log axis cannot place', () => {
    const linear = query({ runIds: ['gappy', 'long'], x: 'tokens' });
    expect(linear.series.map((s) => [s.read, s.unplaced, s.belowLogAxis])).toEqual([
      ['points', 1, 0],
      ['summary', 0, 0],
    ]);
    const log = query({ runIds: ['gappy', 'long'], x: 'tokens', xLog: true });
    expect(log.series.map((s) => [s.read, s.unplaced, s.belowLogAxis])).toEqual([
      ['points', 1, 1],
      ['summary', 0, 1],
    ]);
    expect(log.series[0].xs.every((x) => x > 0)).toBe(true);
  });

  it('puts relative time from the run’s first logged time', () => {
    const result = query({ runIds: ['no-tokens'], x: 'relative-time' });
    expect(result.series[0].xs).toEqual([0, 60]);
  });

  it('refuses a range it cannot draw with a message that says why', () => {
    expect(() => query({ from: 10, to: 5 })).toThrow(SeriesQueryError);
    expect(() => query({ xLog: true, from: 0, to: 100 })).toThrow(/above 0 on a log x axis/);
  });
});

describe('seed groups and deltas', () => {
  const seeds = (variant: string, offset: number) => {
    for (let s = 0; s < 3; s++) {
      const points = Array.from({ length: 11 }, (_, i) => ({ step: i * 10, value: 3 - i * 0.1 + offset + (s - 1) * 0.01 }));
      runWith(`${variant}-${s}`, points, { id: `${variant}-${s}`, ablation: 'abl', variant, seed: s });
    }
  };
  seeds('base', 0);
  seeds('mtp', -0.05);
  const ids = ['base-0', 'base-1', 'base-2', 'mtp-0', 'mtp-1', 'mtp-2'];
  const common = { runIds: ids, metric: 'train/loss', width: 11, x: 'step' as const, xLog: false, smoothing: 0, groupBy: 'variant' as const };

  it('draws each variant as the mean of its seeds with a min–max or ±1 sd band', () => {
    const minMax = seedGroups(cache.sqlite, { ...common, band: 'min-max' }, trust);
    expect(minMax.groups.map((g) => [g.label, g.runIds.length])).toEqual([['base', 3], ['mtp', 3]]);
    const base = minMax.groups[0];
    expect(base.xs).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(base.mean[0]).toBeCloseTo(3, 12);
    expect(base.lower[0]).toBeCloseTo(2.99, 12);
    expect(base.upper[0]).toBeCloseTo(3.01, 12);
    const sd = seedGroups(cache.sqlite, { ...common, band: 'std' }, trust).groups[0];
    expect(sd.upper[0]! - sd.mean[0]!).toBeCloseTo(0.01, 12);
  });

  it('gives each variant minus its baseline at matched x, with a band', () => {
    const result = seedDeltas(cache.sqlite, { ...common, baselineRunIds: ['base-0', 'base-1', 'base-2'], band: 'min-max' }, trust);
    expect(result.baselineLabel).toBe('base');
    expect(result.deltas.map((d) => d.label)).toEqual(['mtp']);
    result.deltas[0].delta.forEach((d) => expect(d).toBeCloseTo(-0.05, 12));
    expect(result.deltas[0].lower[0]).toBeCloseTo(-0.07, 12);
    expect(result.deltas[0].upper[0]).toBeCloseTo(-0.03, 12);
  });
});
