// Folders of W&B runs synced into a real SQLite cache: the real client's run, a run still being
// written (read as far as it goes, resumed exactly), a resumed run joined across its folders, a run
// with no history, damage reported and skipped, the field mapping into scaling fits, and a 100k-step run.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../../electron/core/db/open-cache-database';
import { exportSeries } from '../../../../electron/core/queries/export-series';
import { readScalingData } from '../../../../electron/core/queries/scaling-observations';
import type { FieldMapping } from '../../../../electron/core/sources/field-mapping';
import { LocalFolderTransport } from '../../../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../../../electron/core/sync/sync-store';
import { WandbRunFileWriter, historyRecord } from '../../../helpers/wandb-writer';
import { dumpCache } from '../support/cache-dump';
import { makeTempDir, openTestCache, repoRoot } from '../support/lab-store-fixture';

let dir: string;
let root: string;
let cache: CacheDatabase;

beforeEach(() => {
  dir = makeTempDir('tessera-wandb-sync-');
  root = path.join(dir, 'wandb');
  fs.mkdirSync(root);
  cache = openTestCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function sync(mapping?: FieldMapping, options: { chunkBytes?: number; from?: string } = {}) {
  return syncStore({ db: cache, transport: new LocalFolderTransport(options.from ?? root), format: 'wandb', fieldMapping: mapping, progressIntervalMs: 0, chunkBytes: options.chunkBytes });
}

const history = (run: string, metric: string) => exportSeries(cache.sqlite, run, metric);
const runRow = (run: string) => cache.sqlite.prepare('SELECT * FROM runs WHERE id = ?').get(run) as Record<string, unknown> | undefined;

describe('W&B run folders sync', () => {
  it('imports the run the real client wrote: its history, config, tags, group and state', async () => {
    const summary = await sync(undefined, { from: path.join(repoRoot, 'test/fixtures/real-clients/wandb-offline') });
    expect(summary.issues).toEqual([]);
    expect(summary.runs.new).toBe(1);
    expect(runRow('f0hcublq')).toMatchObject({ source: 'wandb', name: 'tiny-500', group_name: 'ladder', state: 'finished', last_step: 499, point_count: 2510 });
    expect(JSON.parse(runRow('f0hcublq')!.tags_json as string)).toEqual(['demo']);
    expect(JSON.parse(runRow('f0hcublq')!.config_json as string)).toEqual({ lr: 3e-4, batch_size: 64, 'model.n_params': 124000000 });
    expect(history('f0hcublq', 'train/loss')[250]).toEqual([250, 'NaN']);
    expect(cache.sqlite.prepare("SELECT value FROM cache_state WHERE key = 'store_name'").pluck().get()).toBe('W&B: wandb-offline');
  });

  it('reads a run still being written as far as it goes, then only what was added', async () => {
    const run = new WandbRunFileWriter(root, { runId: 'live1', name: 'live', project: 'p' });
    for (let s = 0; s < 100; s++) run.log(s, { loss: 1 / (s + 1) });
    await sync();
    expect(runRow('live1')).toMatchObject({ state: 'running', last_step: 99 });
    expect(history('live1', 'loss')).toHaveLength(100);

    // Half a record on disk: nothing of it yet, no issue.
    const size = fs.statSync(run.path).size;
    run.log(100, { loss: 0.5 });
    const whole = fs.readFileSync(run.path);
    fs.truncateSync(run.path, size + 9);
    const partial = await sync();
    expect(partial.issues).toEqual([]);
    expect(history('live1', 'loss')).toHaveLength(100);
    fs.writeFileSync(run.path, whole);
    for (let s = 101; s < 3000; s++) run.log(s, { loss: 1 / (s + 1) });
    run.exit(0);
    const more = await sync(undefined, { chunkBytes: 4096 });
    expect(more.issues).toEqual([]);
    expect(history('live1', 'loss')).toEqual(Array.from({ length: 3000 }, (_, s) => [s, s === 100 ? 0.5 : 1 / (s + 1)]));
    expect(runRow('live1')).toMatchObject({ state: 'finished', last_step: 2999 });

    // The same database as one clean sync of the finished run.
    const incremental = dumpCache(cache.sqlite);
    cache.close();
    fs.rmSync(path.join(dir, 'cache.db'));
    cache = openTestCache(path.join(dir, 'cache.db'));
    await sync();
    expect(dumpCache(cache.sqlite)).toEqual(incremental);
  });

  it('joins a resumed run across its folders, oldest first, and keeps what the later file says', async () => {
    const first = new WandbRunFileWriter(root, { runId: 'res1', name: 'resumable', project: 'p', config: { lr: 0.1 } }, { folderTime: '20261207_100000' });
    for (let s = 0; s < 50; s++) first.log(s, { loss: 10 - s * 0.1 });
    first.exit(1);
    const second = new WandbRunFileWriter(root, { runId: 'res1', name: 'resumable', project: 'p', resumed: true, startingStep: 50, config: { lr: 0.05 } }, { offline: false, folderTime: '20261207_110000' });
    for (let s = 50; s < 80; s++) second.log(s, { loss: 10 - s * 0.1 });
    const summary = await sync();
    expect(summary.issues).toEqual([]);
    expect(summary.runs.new).toBe(1);
    expect(history('res1', 'loss').map(([s]) => s)).toEqual(Array.from({ length: 80 }, (_, s) => s));
    // The later file has not exited: the run goes on, with the config it resumed with.
    expect(runRow('res1')).toMatchObject({ state: 'running', last_step: 79 });
    expect(JSON.parse(runRow('res1')!.config_json as string)).toEqual({ lr: 0.05 });
  });

  it('keeps a run that logged nothing, and takes a run out when its folder goes', async () => {
    new WandbRunFileWriter(root, { runId: 'empty1', name: 'no-history', project: 'p', group: 'g' }).summary({ note: 'nothing logged' }).exit(0);
    const gone = new WandbRunFileWriter(root, { runId: 'gone1', project: 'p' }).log(0, { loss: 1 });
    await sync();
    expect(runRow('empty1')).toMatchObject({ name: 'no-history', group_name: 'g', state: 'finished', point_count: 0 });
    fs.rmSync(path.dirname(gone.path), { recursive: true });
    const summary = await sync();
    expect(summary.changed.removedRuns).toEqual(['gone1']);
    expect(runRow('gone1')).toBeUndefined();
  });

  it('reports a damaged record where it is, and reads the rest', async () => {
    const run = new WandbRunFileWriter(root, { runId: 'dmg1', project: 'p' });
    for (let s = 0; s < 10; s++) run.log(s, { loss: s });
    const bytes = fs.readFileSync(run.path);
    const at = bytes.length;
    run.log(10, { loss: 10 });
    run.log(11, { loss: 11 });
    const damaged = fs.readFileSync(run.path);
    damaged[at + 20] ^= 0xff;
    fs.writeFileSync(run.path, damaged);
    const summary = await sync();
    expect(summary.issues).toEqual([
      expect.objectContaining({ path: path.relative(root, run.path), code: 'invalid-value', message: expect.stringMatching(new RegExp(`^at byte ${at} checksum mismatch`)) }),
    ]);
    expect(history('dmg1', 'loss').map(([s]) => s)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
  });

  it('maps config and summary fields so W&B runs join scaling fits', async () => {
    for (const [id, n, d] of [['s1', 1e8, 2e9], ['s2', 4e8, 8e9]] as const) {
      const run = new WandbRunFileWriter(root, { runId: id, project: 'ladder', config: { model: { n_params: n }, data: { tokens: String(d) } } });
      run.log(0, { 'eval/loss': 3 });
      run.log(100, { 'eval/loss': n === 1e8 ? 2.5 : 2.25 });
      run.exit(0);
    }
    const mapping = { params: 'config.model.n_params', tokens: 'config.data.tokens' };
    const summary = await sync(mapping);
    expect(summary.issues).toEqual([]);
    const fit = readScalingData(cache.sqlite, { scope: { group: 'ladder' }, metric: 'eval/loss', exclusions: [] });
    expect(fit.runs.map((r) => [r.id, r.N, r.D, r.L])).toEqual([
      ['s1', 1e8, 2e9, 2.5],
      ['s2', 4e8, 8e9, 2.25],
    ]);
    await expect(sync({ params: 'params.n' })).rejects.toThrow(/"params.n" is not a wandb field; expected one starting with config., summary., run./);
  });

  it('imports a run of 100k steps exactly', async () => {
    const run = new WandbRunFileWriter(root, { runId: 'long1', project: 'p' });
    const rows: Uint8Array[] = [];
    for (let s = 0; s < 100_000; s++) rows.push(historyRecord(s + 2, s, { loss: Math.fround(1 + 1 / (s + 1)), _step: s }));
    run.append(...rows);
    const summary = await sync();
    expect(summary.issues).toEqual([]);
    const loss = history('long1', 'loss');
    expect(loss).toHaveLength(100_000);
    expect(loss.every(([s, v]) => v === Math.fround(1 + 1 / (s + 1)))).toBe(true);
  }, 60_000);
});
