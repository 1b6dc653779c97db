// `tessera series` as a user runs it: the built CLI over a synced store whose series has spikes and
// NaN/±Infinity; its output holds every pixel column's exact extremes of the raw data.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SeriesResult } from '../../shared/domain/run-views';
import { runCli } from '../e2e/support/start-serve';
import { makeTempDir } from '../core/sync/support/lab-store-fixture';
import { randomSeries } from '../core/series-summary/random-series';
import { expectExactColumns, indexRaw } from '../core/queries/series/extremes-check';

const points = randomSeries({ count: 40_000, seed: 77, maxStride: 3, spikes: 0.004, nonFinite: 0.003 });
let db: string;

const asJson = (v: number) => (Number.isNaN(v) ? '"NaN"' : v === Infinity ? '"Infinity"' : v === -Infinity ? '"-Infinity"' : String(v));

beforeAll(async () => {
  const dir = makeTempDir('tessera-cli-series-');
  const store = path.join(dir, 'store');
  fs.mkdirSync(path.join(store, 'runs', 'r-spiky'), { recursive: true });
  fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'lab' }));
  fs.writeFileSync(path.join(store, 'runs', 'r-spiky', 'run.json'), JSON.stringify({ id: 'r-spiky', created_at: '2026-10-01T00:00:00Z', model: { params: 1e8 } }));
  const text = points.map((p) => `{"step":${p.step},"tokens":${p.tokens},"time":${p.time},"train/loss":${asJson(p.value)}}\n`).join('');
  fs.writeFileSync(path.join(store, 'runs', 'r-spiky', 'metrics.jsonl'), text);
  db = path.join(dir, 'cache.sqlite');
  const synced = await runCli(['sync', '--store', store, '--db', db, '--json']);
  expect(synced.code).toBe(0);
});

async function series(args: string[]): Promise<SeriesResult> {
  const result = await runCli(['series', '--db', db, '--run', 'r-spiky', '--metric', 'train/loss', '--json', ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as SeriesResult;
}

describe('tessera series', () => {
  it('holds each pixel column’s exact minimum, maximum and non-finite kinds of the raw data, for steps, tokens and FLOPs', async () => {
    const last = points[points.length - 1];
    const cases: { x: 'step' | 'tokens' | 'flops'; scale: number; base: (p: (typeof points)[number]) => number; from?: number; to?: number; width: number }[] = [
      { x: 'step', scale: 1, base: (p) => p.step, width: 1200 },
      { x: 'step', scale: 1, base: (p) => p.step, width: 333, from: last.step * 0.31, to: last.step * 0.37 },
      { x: 'tokens', scale: 1, base: (p) => p.tokens!, width: 700 },
      { x: 'flops', scale: 6e8, base: (p) => p.tokens!, width: 90, from: last.tokens! * 6e8 * 0.5, to: last.tokens! * 6e8 * 0.9 },
    ];
    for (const c of cases) {
      const args = ['--width', String(c.width), '--x', c.x, ...(c.from !== undefined ? ['--from', String(c.from), '--to', String(c.to)] : [])];
      const result = await series(args);
      const s = result.series[0];
      expect(s.read).toBe('summary');
      const raw = indexRaw(points.map((p) => ({ x: c.base(p) * c.scale, y: p.value })));
      expectExactColumns(
        raw,
        { points: s.xs.map((x, i) => ({ x, y: s.ys[i] })), markers: s.markerXs.map((x, i) => ({ x, kind: s.markerKinds[i] })) },
        { x0: result.from!, x1: result.to!, width: c.width },
        `tessera series ${args.join(' ')}`,
      );
    }
  });

  it('prints CSV without --json and the smoothed line with --smoothing', async () => {
    const result = await runCli(['series', '--db', db, '--run', 'r-spiky', '--metric', 'train/loss', '--width', '20', '--smoothing', '0.9']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('kind,x,y');
    expect(lines.some((l) => l.startsWith('point,'))).toBe(true);
    expect(lines.some((l) => l.startsWith('smoothed,'))).toBe(true);
    expect(lines.some((l) => /^(nan|inf|-inf),/.test(l))).toBe(true);
  });

  it('says in one line what is wrong with a call', async () => {
    const missing = await runCli(['series', '--db', db, '--run', 'r-spiky', '--metric', 'eval/none', '--width', '100']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('tessera series: run r-spiky has not logged eval/none.');
    const badRange = await runCli(['series', '--db', db, '--run', 'r-spiky', '--metric', 'train/loss', '--width', '100', '--from', '9', '--to', '3']);
    expect(badRange.code).toBe(2);
    expect(badRange.stderr).toContain('to (3) must not be less than from (9)');
    const noWidth = await runCli(['series', '--db', db, '--run', 'r-spiky', '--metric', 'train/loss']);
    expect(noWidth.code).toBe(2);
    expect(noWidth.stderr).toContain('--width is required');
  });
});
