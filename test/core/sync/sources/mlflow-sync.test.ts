// An MLflow file store synced into a real SQLite cache: experiments as groups, params as config,
// exact metric histories, incremental appends, malformed lines reported and skipped, deleted runs
// removed, field mapping into ablations and scaling fits, rewrites, and only changed files read.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../../electron/core/db/open-cache-database';
import { exportSeries } from '../../../../electron/core/queries/export-series';
import { readScalingData } from '../../../../electron/core/queries/scaling-observations';
import type { FieldMapping } from '../../../../electron/core/sources/field-mapping';
import { LocalFolderTransport } from '../../../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../../../electron/core/sync/sync-store';
import { MlflowStoreWriter, RUN_STATUS, type MlflowRunWriter } from '../../../helpers/mlflow-writer';
import { dumpCache } from '../support/cache-dump';
import { makeTempDir, openTestCache } from '../support/lab-store-fixture';
import { allPointRows } from '../../../helpers/cache-points';

const RUN_A = '4f1c2a9be0d34d5c8f1e2a3b4c5d6e7f';
const RUN_B = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const RUN_C = 'c0ffee00c0ffee00c0ffee00c0ffee00';
const T0 = 1_764_000_000_000;

let dir: string;
let root: string;
let cache: CacheDatabase;
let store: MlflowStoreWriter;

beforeEach(() => {
  dir = makeTempDir('tessera-mlflow-sync-');
  root = path.join(dir, 'mlruns');
  store = new MlflowStoreWriter(root).experiment('0', 'Default').experiment('7', 'ladder-v3');
  cache = openTestCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function sync(mapping?: FieldMapping, db = cache) {
  return syncStore({ db, transport: new LocalFolderTransport(root), format: 'mlflow', fieldMapping: mapping });
}

const runRow = (id: string) => cache.sqlite.prepare('SELECT * FROM runs WHERE id = ?').get(id) as Record<string, unknown> | undefined;
const metricFile = (run: MlflowRunWriter, key: string) => path.join(run.dir, 'metrics', key);

function ladderRun(): MlflowRunWriter {
  return store
    .run('7', { runId: RUN_A, runName: 'ladder 1.1B', user: 'ana', startTime: T0 })
    .param('lr', '0.0003')
    .param('n_params', '1.1e9', true)
    .metric('train/loss', 3.5, T0 + 1000, 0)
    .metric('train/loss', 3.25, T0 + 2000, 10)
    .metric('train/loss', NaN, T0 + 3000, 20)
    .metric('eval/c4/loss', 3.0, T0 + 2500, 10)
    .metric('eval/c4/loss', Infinity, T0 + 3500, 20)
    .metric('legacy', 0.5, T0, 0, true);
}

describe('MLflow file store sync', () => {
  it('imports runs with experiments as groups, names, owners, params as config, and exact histories', async () => {
    ladderRun().finish(T0 + 9000, RUN_STATUS.FINISHED).artifact('model/weights.txt', 'not a metric');
    store.run('0', { runId: RUN_B, user: 'ana.ruiz@lab.org', startTime: T0 + 5 }).metric('loss', 1, T0, 1).finish(T0 + 10, RUN_STATUS.FAILED);
    const summary = await sync();
    expect(summary.issues).toEqual([]);
    expect(summary.runs.new).toBe(2);
    expect(runRow(RUN_A)).toMatchObject({
      source: 'mlflow',
      name: 'ladder 1.1B',
      owner: 'ana',
      group_name: 'ladder-v3',
      created_at: new Date(T0).toISOString(),
      state: 'finished',
      state_updated_at: new Date(T0 + 9000).toISOString(),
      last_step: 20,
      point_count: 6,
    });
    expect(JSON.parse(runRow(RUN_A)!.config_json as string)).toEqual({ lr: '0.0003', n_params: '1.1e9' });
    // An e-mail address cannot be a team.yaml id: the run keeps no owner rather than a wrong one.
    expect(runRow(RUN_B)).toMatchObject({ name: RUN_B, owner: null, group_name: 'Default', state: 'failed' });
    expect(exportSeries(cache.sqlite, RUN_A, 'train/loss')).toEqual([[0, 3.5], [10, 3.25], [20, 'NaN']]);
    expect(exportSeries(cache.sqlite, RUN_A, 'eval/c4/loss')).toEqual([[10, 3], [20, 'Infinity']]);
    expect(exportSeries(cache.sqlite, RUN_A, 'legacy')).toEqual([[0, 0.5]]);
    const times = [...allPointRows(cache.sqlite)].filter((row) => row[1] === 'train/loss').map((row) => row[4]);
    expect(times).toEqual([(T0 + 1000) / 1000, (T0 + 2000) / 1000, (T0 + 3000) / 1000]);
  });

  it('skips deleted runs and experiments, and takes out a run deleted after it was synced', async () => {
    ladderRun();
    store.run('7', { runId: RUN_B, runName: 'doomed' }).metric('loss', 2, T0, 1);
    store.experiment('9', 'scratch').run('9', { runId: RUN_C }).metric('loss', 3, T0, 1);
    store.deleteExperiment('9', 'scratch');
    await sync();
    expect(cache.sqlite.prepare('SELECT id FROM runs ORDER BY id').pluck().all()).toEqual([RUN_B, RUN_A].sort());
    store.run('7', { runId: RUN_B, runName: 'doomed' }).delete();
    const summary = await sync();
    expect(summary.changed.removedRuns).toEqual([RUN_B]);
    expect(runRow(RUN_B)).toBeUndefined();
    expect(cache.sqlite.prepare("SELECT count(*) FROM series WHERE key = 'loss'").pluck().get()).toBe(0);
    // Only its meta.yaml stays known, which says it is deleted; its metric files are forgotten.
    expect(cache.sqlite.prepare('SELECT path FROM sync_files WHERE path LIKE ?').pluck().all(`%${RUN_B}%`)).toEqual([`7/${RUN_B}/meta.yaml`]);
  });

  it('reads only appended lines, a last line without its newline once it is complete', async () => {
    const run = ladderRun();
    await sync();
    run.metric('train/loss', 3, T0 + 4000, 30).metricText('train/loss', `${T0 + 5000} 2.75 4`);
    const appended = `${T0 + 4000} 3.0 30\n${T0 + 5000} 2.75 4`;
    const second = await sync();
    expect(second.bytesRead).toBe(Buffer.byteLength(appended));
    expect(exportSeries(cache.sqlite, RUN_A, 'train/loss')).toEqual([[0, 3.5], [10, 3.25], [20, 'NaN'], [30, 3]]);
    run.metricText('train/loss', '0\n');
    const third = await sync();
    expect(third.points).toBe(1);
    expect(exportSeries(cache.sqlite, RUN_A, 'train/loss')).toEqual([[0, 3.5], [10, 3.25], [20, 'NaN'], [30, 3], [40, 2.75]]);
  });

  it('reports a malformed line with its file and line number, and reads on', async () => {
    ladderRun().metricText('train/loss', 'garbage here\n').metric('train/loss', 3, T0 + 4000, 30).metricText('train/loss', `${T0} 1.0 -x\n`);
    const summary = await sync();
    const file = `7/${RUN_A}/metrics/train/loss`;
    expect(summary.issues.map((i) => [i.path, i.line, i.code])).toEqual([
      [file, 4, 'invalid-field'],
      [file, 6, 'invalid-step'],
    ]);
    expect(summary.issues[0]!.message).toContain('train/loss:');
    expect(exportSeries(cache.sqlite, RUN_A, 'train/loss')).toEqual([[0, 3.5], [10, 3.25], [20, 'NaN'], [30, 3]]);
  });

  it('maps params and tags onto run.json fields, so imported runs join an ablation and its scaling fit', async () => {
    const arms = [
      [RUN_A, 'baseline', '350M', '7B', '1'],
      [RUN_B, 'mtp-2', '350M', '7B', '1'],
      [RUN_C, 'mtp-2', '1.1B', '22B', 'two'],
    ] as const;
    for (const [id, variant, params, tokens, seed] of arms) {
      store
        .run('7', { runId: id, runName: `${variant} ${params}`, startTime: T0 })
        .param('n_params', params)
        .param('seed', seed)
        .tag('train_tokens', tokens)
        .tag('ablation', 'abl-mtp')
        .tag('variant', variant)
        .metric('eval/loss', 3, T0, 100)
        .metric('eval/loss', 2.5, T0 + 1, 200)
        .finish(T0 + 2, RUN_STATUS.FINISHED);
    }
    const mapping: FieldMapping = { params: 'params.n_params', tokens: 'tags.train_tokens', ablation: 'tags.ablation', variant: 'tags.variant', seed: 'params.seed' };
    const summary = await sync(mapping);
    expect(runRow(RUN_A)).toMatchObject({ ablation: 'abl-mtp', variant: 'baseline', seed: 1, params: 3.5e8, tokens: 7e9, flops: 6 * 3.5e8 * 7e9, group_name: 'ladder-v3' });
    expect(runRow(RUN_C)).toMatchObject({ params: 1.1e9, tokens: 2.2e10, seed: null });
    expect(summary.issues).toEqual([
      { path: `7/${RUN_C}/meta.yaml`, line: null, code: 'invalid-field', message: 'params.seed: "two" cannot give seed', expected: 'a whole number' },
    ]);
    const fit = readScalingData(cache.sqlite, { scope: { ablation: 'abl-mtp', variant: 'mtp-2' }, metric: 'eval/loss', exclusions: [] });
    expect(fit.runs.map((r) => [r.id, r.N, r.D, r.L])).toEqual([
      [RUN_B, 3.5e8, 7e9, 2.5],
      [RUN_C, 1.1e9, 2.2e10, 2.5],
    ]);
  });

  it('reads a metric file rewritten to the same size again from scratch', async () => {
    const run = store.run('7', { runId: RUN_A, startTime: T0 }).metric('loss', 2, T0, 1).metric('loss', 1.5, T0, 2);
    await sync();
    fs.rmSync(metricFile(run, 'loss'));
    run.metric('loss', 7, T0, 1).metric('loss', 6.5, T0, 2);
    fs.utimesSync(metricFile(run, 'loss'), new Date(), new Date(Date.now() + 5000));
    await sync();
    expect(exportSeries(cache.sqlite, RUN_A, 'loss')).toEqual([[1, 7], [2, 6.5]]);
  });

  it('reads again only the small files that changed, and a param edit updates the run', async () => {
    const run = ladderRun();
    await sync();
    run.param('lr', '0.0006');
    fs.utimesSync(path.join(run.dir, 'params', 'lr'), new Date(), new Date(Date.now() + 5000));
    const summary = await sync();
    expect(summary.bytesRead).toBe('0.0006'.length);
    expect(summary.changed.runs).toEqual([RUN_A]);
    expect(JSON.parse(runRow(RUN_A)!.config_json as string)).toMatchObject({ lr: '0.0006' });
  });

  it('is idempotent: a second sync reads nothing, changes nothing, and leaves the same cache', async () => {
    ladderRun().metricText('train/loss', 'broken line\n');
    store.run('7', { runId: RUN_B, runName: 'b' }).param('n_params', 'huge');
    await sync({ params: 'params.n_params' });
    const first = dumpCache(cache.sqlite);
    expect(first.syncIssues!.length).toBe(2);
    const second = await sync({ params: 'params.n_params' });
    expect(second.bytesRead).toBe(0);
    expect(second.changed).toEqual({ runs: [], removedRuns: [], proposals: [], ablations: [], events: [], team: false, issues: false });
    expect(dumpCache(cache.sqlite)).toEqual(first);

    const fresh = openTestCache(path.join(dir, 'fresh.db'));
    await sync({ params: 'params.n_params' }, fresh);
    expect(dumpCache(fresh.sqlite)).toEqual(first);
    fresh.close();
  });
});
