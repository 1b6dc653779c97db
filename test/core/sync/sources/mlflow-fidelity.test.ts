// MLflow as MLflow keeps it, in both backends: the stores the real MLflow 3.x client wrote
// (test/fixtures/real-clients, what was logged in its README) read back entry for entry, and SQLite
// stores the tests write: incremental reads, every entry kept (no restart rule), the chart's rule for
// a step logged twice, metrics without a step, params as text, nested runs, and no silent zero.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../../electron/core/db/open-cache-database';
import { exportSeries, exportedJson } from '../../../../electron/core/queries/export-series';
import { getSeries } from '../../../../electron/core/queries/series/get-series';
import type { FieldMapping } from '../../../../electron/core/sources/field-mapping';
import { LocalFolderTransport } from '../../../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../../../electron/core/sync/sync-store';
import { MlflowSqliteWriter } from '../../../helpers/mlflow-sqlite-writer';
import { dumpCache } from '../support/cache-dump';
import { makeTempDir, openTestCache, repoRoot } from '../support/lab-store-fixture';

const fixtures = path.join(repoRoot, 'test/fixtures/real-clients');
const expected = JSON.parse(fs.readFileSync(path.join(fixtures, 'expected-values.json'), 'utf8')).mlflow as Record<string, string[]>;
const logged = (name: string) => expected[name]!.map(Number);

let dir: string;
let cache: CacheDatabase;

beforeEach(() => {
  dir = makeTempDir('tessera-mlflow-fidelity-');
  cache = openTestCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function sync(root: string, mapping?: FieldMapping) {
  return syncStore({ db: cache, transport: new LocalFolderTransport(root), format: 'mlflow', fieldMapping: mapping });
}

const runByName = (name: string) => cache.sqlite.prepare('SELECT * FROM runs WHERE name = ?').get(name) as Record<string, unknown>;
const history = (run: string, metric: string) => exportSeries(cache.sqlite, run, metric);
const trust = () => null;
function chart(run: string, metric: string, x: 'step' | 'time' = 'step') {
  return getSeries(cache.sqlite, { runIds: [run], metrics: [metric], width: 4000, x, xLog: false, smoothing: 0 }, trust).series[0]!;
}

describe.each([
  { backend: 'SQLite (mlflow.db)', folder: 'mlflow-sqlite', negativeZero: false },
  { backend: 'file store (mlruns/)', folder: 'mlflow-filestore', negativeZero: true },
])('the store the real MLflow client wrote, $backend', ({ folder, negativeZero }) => {
  it('keeps every entry, as logged, and charts each step by the entry logged last', async () => {
    const summary = await sync(path.join(fixtures, folder));
    expect(summary.issues).toEqual([]);
    // The run deleted in MLflow is not shown, as MLflow's default search does not show it.
    expect((cache.sqlite.prepare('SELECT name FROM runs ORDER BY name').pluck().all() as string[])).toEqual(['base-124M', 'child-lr1e-3']);
    const base = runByName('base-124M').id as string;

    // 301 entries: step 120 logged again with 9.5 after step 299, a spike of 50 at step 150.
    const loss = history(base, 'train/loss');
    expect(loss).toHaveLength(301);
    const original = logged('base/train/loss');
    expect(loss.filter(([s]) => s !== 120)).toEqual(original.map((v, s) => [s, v]).filter(([s]) => s !== 120));
    expect(loss.filter(([s]) => s === 120)).toEqual([[120, original[120]], [120, 9.5]]);
    const shown = chart(base, 'train/loss');
    expect(shown.pointCount).toBe(300);
    expect(shown.ys[shown.xs.indexOf(120)]).toBe(9.5);
    expect(shown.ys[shown.xs.indexOf(150)]).toBe(50);

    expect(history(base, 'eval/loss')).toEqual([0, 50, 100, 150, 200, 250].map((s) => [s, s === 150 ? 50.1 : original[s]! + 0.1]));
    const special = history(base, 'special');
    expect(exportedJson(special)).toBe(`[[0,"NaN"],[1,"Infinity"],[2,${negativeZero ? '-0.0' : '0'}],[3,0.30000000000000004]]`);

    // Logged without a step: five entries at MLflow's step 0, all kept, and plotted by time.
    expect(history(base, 'nostep')).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5].map((v) => [0, v]));
    const byTime = chart(base, 'nostep', 'time');
    expect(byTime.ys).toEqual([1, 1 / 2, 1 / 3, 1 / 4, 1 / 5]);
    expect(byTime.xs.every((x, i) => i === 0 || x > byTime.xs[i - 1]!)).toBe(true);

    expect(history(runByName('child-lr1e-3').id as string, 'train/loss')).toEqual(logged('child/train/loss').map((v, s) => [s, v]));
  });

  it('keeps params as the text logged, the parent of a nested run, and groups runs by their root', async () => {
    await sync(path.join(fixtures, folder), { group: 'run.root', seed: 'params.seed', params: 'params.n_params', tokens: 'tags.tokens' });
    const base = runByName('base-124M');
    const child = runByName('child-lr1e-3');
    expect(JSON.parse(base.config_json as string)).toEqual({ n_params: '124000000', lr: '3e-4', seed: '007', warmup: '1.0', note: 'text with spaces' });
    // Parsed as numbers only where the mapping asks for one.
    expect(base).toMatchObject({ seed: 7, params: 124000000, tokens: 2.48e9, group_name: base.id });
    expect(JSON.parse(child.config_json as string)).toEqual({ lr: '1e-3', parent_run: base.id });
    expect(child.group_name).toBe(base.id);
  });
});

describe('MLflow SQLite stores the tests write', () => {
  const RUN_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  const RUN_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
  let root: string;
  let store: MlflowSqliteWriter;

  beforeEach(() => {
    root = path.join(dir, 'project');
    fs.mkdirSync(root);
    store = new MlflowSqliteWriter(path.join(root, 'mlflow.db')).experiment(1, 'ladder');
  });
  afterEach(() => store.close());

  it('reads only new rows, places a re-logged earlier step without cutting the history, and ends where one clean sync ends', async () => {
    store.run(1, RUN_A, { name: 'a' });
    for (let s = 0; s < 500; s++) store.metric(RUN_A, 'loss', 10 - s / 100, 1_700_000_000_000 + s, s);
    await sync(root);
    expect(history(RUN_A, 'loss')).toHaveLength(500);

    // An eval re-run at a checkpoint: step 200 again, later; then more training.
    store.metric(RUN_A, 'loss', 42, 1_700_000_900_000, 200);
    for (let s = 500; s < 600; s++) store.metric(RUN_A, 'loss', 10 - s / 100, 1_700_000_000_000 + s, s);
    store.run(1, RUN_B, { name: 'b', parent: RUN_A }).metric(RUN_B, 'loss', Infinity, 1_700_000_000_000, 3);
    const more = await sync(root);
    expect(more.issues).toEqual([]);
    expect(more.points).toBe(100 + 1 + 1);
    const loss = history(RUN_A, 'loss');
    expect(loss).toHaveLength(601);
    expect(loss.filter(([s]) => s === 200)).toEqual([[200, 8], [200, 42]]);
    expect(chart(RUN_A, 'loss').pointCount).toBe(600);
    expect(history(RUN_B, 'loss')).toEqual([[3, 'Infinity']]);

    const incremental = dumpCache(cache.sqlite);
    const summaryOf = (db: CacheDatabase) => db.sqlite.prepare('SELECT level, chunk, end_step, hex(data) FROM series_summary_chunks ORDER BY series_pk, level, chunk').raw().all();
    const incrementalSummary = summaryOf(cache);
    cache.close();
    fs.rmSync(path.join(dir, 'cache.db'));
    cache = openTestCache(path.join(dir, 'cache.db'));
    await sync(root);
    expect(dumpCache(cache.sqlite)).toEqual(incremental);
    expect(summaryOf(cache)).toEqual(incrementalSummary);
    const again = await sync(root);
    expect(again.points).toBe(0);
    expect(again.changed.runs).toEqual([]);
  });

  it('takes out a run deleted in MLflow and reads it whole again when it is restored', async () => {
    store.run(1, RUN_A, { name: 'a' }).metric(RUN_A, 'loss', 1, 1_700_000_000_000, 0).metric(RUN_A, 'loss', 2, 1_700_000_000_001, 1);
    await sync(root);
    store.setLifecycle(RUN_A, 'deleted');
    expect((await sync(root)).changed.removedRuns).toEqual([RUN_A]);
    store.metric(RUN_A, 'loss', 3, 1_700_000_000_002, 2);
    store.setLifecycle(RUN_A, 'active');
    await sync(root);
    expect(history(RUN_A, 'loss')).toEqual([[0, 1], [1, 2], [2, 3]]);
  });

  it('metrics logged without a step are placed by step again once a stepped entry follows', async () => {
    store.run(1, RUN_A, { name: 'a' });
    for (let i = 0; i < 3; i++) store.metric(RUN_A, 'm', i, 1_700_000_000_000 + i, 0);
    await sync(root);
    expect(chart(RUN_A, 'm').xs).toEqual([0, 1, 2]);
    store.metric(RUN_A, 'm', 7, 1_700_000_000_010, 5);
    await sync(root);
    // Step 0 now shows its last entry; all four are still exported.
    expect(chart(RUN_A, 'm')).toMatchObject({ xs: [0, 5], ys: [2, 7], pointCount: 2 });
    expect(history(RUN_A, 'm')).toEqual([[0, 0], [0, 1], [0, 2], [5, 7]]);
  });

  it('reads a database replaced under the same name again from scratch', async () => {
    store.run(1, RUN_A, { name: 'a' }).metric(RUN_A, 'loss', 1, 1_700_000_000_000, 0).metric(RUN_A, 'loss', 2, 1_700_000_000_001, 1);
    await sync(root);
    store.close();
    fs.rmSync(path.join(root, 'mlflow.db'));
    store = new MlflowSqliteWriter(path.join(root, 'mlflow.db')).experiment(1, 'ladder');
    store.run(1, RUN_A, { name: 'a' }).metric(RUN_A, 'loss', 5, 1_700_000_000_000, 0).metric(RUN_A, 'loss', 6, 1_700_000_000_001, 1);
    await sync(root);
    expect(history(RUN_A, 'loss')).toEqual([[0, 5], [1, 6]]);
  });

  it('says so when a folder holds no MLflow store it can read, never a silent zero', async () => {
    store.close();
    fs.writeFileSync(path.join(root, 'mlflow.db'), 'not a database at all, just text');
    const bad = await sync(root);
    expect(bad.runs.new).toBe(0);
    expect(bad.issues).toEqual([expect.objectContaining({ path: 'mlflow.db', code: 'unsupported-format', message: expect.stringMatching(/^Not read as an MLflow store: cannot (open|read) it as SQLite/) })]);

    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const none = await sync(empty);
    expect(none.issues).toEqual([expect.objectContaining({ path: '.', code: 'missing-file', message: expect.stringMatching(/^No MLflow store in .*: no experiment folders with meta.yaml/) })]);

    const other = path.join(dir, 'other');
    fs.mkdirSync(other);
    const plain = new MlflowSqliteWriter(path.join(other, 'notes.sqlite'));
    plain.db.exec('DROP TABLE metrics');
    plain.close();
    const wrong = await sync(other);
    expect(wrong.issues).toEqual([expect.objectContaining({ path: 'notes.sqlite', message: 'Not read as an MLflow store: it has no "metrics" table, so it is not an MLflow tracking store.' })]);
  });
});
