import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyFieldMapping } from '../../../../electron/core/sources/field-mapping';
import {
  initialMlflowRunCursor,
  loadLocalMlflowStore,
  mlflowRunFacts,
  fileRunInfo,
  readLocalMlflowRunMetrics,
  type MlflowRun,
  type MlflowRunCursor,
} from '../../../../electron/core/sources/mlflow';
import type { MetricPoint, SourceIssue } from '../../../../electron/core/sources/source-types';
import { MlflowStoreWriter, RUN_STATUS } from '../../../helpers/mlflow-writer';

const RUN_A = '4f1c2a9be0d34d5c8f1e2a3b4c5d6e7f';
const RUN_B = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const RUN_C = 'c0ffee00c0ffee00c0ffee00c0ffee00';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-mlflow-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function metrics(run: MlflowRun, cursor: MlflowRunCursor, storeRoot = root) {
  const points: MetricPoint[] = [];
  const issues: SourceIssue[] = [];
  let restarted = false;
  let last = cursor;
  for await (const batch of readLocalMlflowRunMetrics(storeRoot, run, cursor)) {
    points.push(...batch.points);
    issues.push(...batch.issues);
    restarted ||= batch.restarted;
    last = batch.cursor;
  }
  return { points, issues, restarted, cursor: last };
}

describe('MLflow file stores', () => {
  it('reads experiments as groups, mlflow.runName as the name, mlflow.user as the owner, params as config', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default').experiment('7', 'ladder-v3');
    store
      .run('7', { runId: RUN_A, runName: 'ladder 1.1B', user: 'ana', startTime: 1_764_000_000_000 })
      .param('lr', '0.0003')
      .param('n_params', '1.1e9')
      .param('optimizer', 'adamw')
      .param('tied', 'True')
      .tag('variant', 'mtp-2')
      .finish(1_764_000_900_000, RUN_STATUS.FAILED);
    const { runs, issues } = await loadLocalMlflowStore(root);
    expect(issues).toEqual([]);
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run.id).toBe(RUN_A);
    expect(run.name).toBe('ladder 1.1B');
    expect(run.meta.status).toBe('failed');
    const facts = mlflowRunFacts(fileRunInfo(run));
    expect(facts).toMatchObject({ group: 'ladder-v3', owner: 'ana', createdAt: '2025-11-24T16:00:00.000Z' });
    // MLflow params are text, kept as logged.
    expect(facts.config).toEqual({ lr: '0.0003', n_params: '1.1e9', optimizer: 'adamw', tied: 'True' });
    expect(facts.fields['tags.variant']).toBe('mtp-2');
  });

  it('reads nested metric and param keys, and params with or without a final newline', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default');
    const run = store.run('0', { runId: RUN_A, runName: 'r' });
    run.metric('eval/c4/loss', 2.95, 1_700_000_000_000, 100).metric('train/loss', 2.8, 1_700_000_000_000, 100);
    run.param('model/n_params', '125000000').param('data/tokens', '2.5e9', true).param('note', 'two\nlines');
    const { runs } = await loadLocalMlflowStore(root);
    expect(runs[0]!.params).toEqual({ 'model/n_params': '125000000', 'data/tokens': '2.5e9', note: 'two\nlines' });
    const read = await metrics(runs[0]!, initialMlflowRunCursor());
    expect(read.points.map((p) => p.metric).sort()).toEqual(['eval/c4/loss', 'train/loss']);
  });

  it('skips deleted runs and deleted experiments, as MLflow lists active ones', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default').experiment('3', 'old-sweep');
    store.run('0', { runId: RUN_A, runName: 'kept' }).metric('loss', 1, 1000, 1);
    store.run('0', { runId: RUN_B, runName: 'thrown away' }).metric('loss', 1, 1000, 1).delete();
    store.run('3', { runId: RUN_C, runName: 'in a deleted experiment' }).metric('loss', 1, 1000, 1);
    store.deleteExperiment('3', 'old-sweep');
    const { runs, issues } = await loadLocalMlflowStore(root);
    expect(issues).toEqual([]);
    expect(runs.map((r) => r.name)).toEqual(['kept']);
  });

  it('does not take reserved folders, the model registry, artifacts or stray folders for runs', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default');
    store.experimentTag('0', 'mlflow.note.content', 'about this experiment');
    store.run('0', { runId: RUN_A, runName: 'real' }).artifact('metrics/fake', '1 2 3\n').artifact('model/meta.yaml', 'run_id: x\n');
    mkdirSync(join(root, '0', 'datasets', 'abc'), { recursive: true });
    writeFileSync(join(root, '0', 'datasets', 'abc', 'meta.yaml'), 'name: ds\n');
    mkdirSync(join(root, 'models', 'my-model'), { recursive: true });
    writeFileSync(join(root, 'models', 'my-model', 'meta.yaml'), 'name: my-model\n');
    mkdirSync(join(root, '0', 'scratch'), { recursive: true });
    writeFileSync(join(root, '0', 'scratch', 'notes.txt'), 'not a run');
    const { runs, issues } = await loadLocalMlflowStore(root);
    expect(issues).toEqual([]);
    expect(runs.map((r) => r.name)).toEqual(['real']);
    expect(runs[0]!.layout.metrics).toEqual([]);
  });

  it('reports a broken meta.yaml or a run whose id does not match its folder, and keeps the other runs', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default');
    store.run('0', { runId: RUN_A, runName: 'fine' });
    store.run('0', { runId: RUN_B, runName: 'broken' });
    writeFileSync(join(root, '0', RUN_B, 'meta.yaml'), 'run_id: [unclosed\nstatus: 1\n');
    store.run('0', { runId: RUN_C, runName: 'moved' });
    writeFileSync(join(root, '0', RUN_C, 'meta.yaml'), `experiment_id: '0'\nrun_id: ${RUN_A}\nstatus: 1\n`);
    const { runs, issues } = await loadLocalMlflowStore(root);
    expect(runs.map((r) => r.name)).toEqual(['fine']);
    expect(issues.map((i) => [i.file, i.field])).toEqual([
      [`0/${RUN_B}/meta.yaml`, undefined],
      [`0/${RUN_C}/meta.yaml`, 'run_id'],
    ]);
    expect(issues[0]!.reason).toMatch(/not valid YAML/);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(1);
  });

  it('reads old stores: run_uuid only, no lifecycle_stage, integer experiment ids, ids YAML would read as numbers', async () => {
    new MlflowStoreWriter(root);
    mkdirSync(join(root, '1', '1234e5678'), { recursive: true });
    writeFileSync(join(root, '1', 'meta.yaml'), 'artifact_location: /x\nexperiment_id: 1\nname: legacy\n');
    writeFileSync(join(root, '1', '1234e5678', 'meta.yaml'), 'experiment_id: 1\nrun_uuid: 1234e5678\nstart_time: 1500000000000\nstatus: 3\nuser_id: raj\n');
    const { runs, issues } = await loadLocalMlflowStore(root);
    expect(issues).toEqual([]);
    expect(runs.map((r) => [r.meta.runId, r.name, r.meta.status, r.experiment.name])).toEqual([['1234e5678', '1234e5678', 'finished', 'legacy']]);
    expect(mlflowRunFacts(fileRunInfo(runs[0]!)).owner).toBe('raj');
  });

  it('reads metric files incrementally and only whole lines', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default');
    const writer = store.run('0', { runId: RUN_A, runName: 'r' });
    writer.metric('loss', 3, 1000, 1).metric('loss', 2, 2000, 2);
    let [run] = (await loadLocalMlflowStore(root)).runs;
    const first = await metrics(run!, initialMlflowRunCursor());
    expect(first.points.map((p) => p.step)).toEqual([1, 2]);

    writer.metricText('loss', '3000 1.5 3\n4000 1.2');
    [run] = (await loadLocalMlflowStore(root)).runs;
    const second = await metrics(run!, first.cursor);
    expect(second.points.map((p) => [p.step, p.value])).toEqual([[3, 1.5]]);

    writer.metricText('loss', '5 4\n');
    [run] = (await loadLocalMlflowStore(root)).runs;
    const third = await metrics(run!, second.cursor);
    expect(third.points.map((p) => [p.step, p.value])).toEqual([[4, 1.25]]);
    expect(third.issues).toEqual([]);
  });

  it('keeps NaN and infinite values that MLflow wrote as nan and inf', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default');
    store.run('0', { runId: RUN_A }).metric('loss', 2, 1000, 1).metric('loss', NaN, 2000, 2).metric('loss', Infinity, 3000, 3);
    const [run] = (await loadLocalMlflowStore(root)).runs;
    const read = await metrics(run!, initialMlflowRunCursor());
    expect(read.issues).toEqual([]);
    expect(read.points.map((p) => p.value)).toEqual([2, NaN, Infinity]);
  });

  it('starts a run over when a metric file shrank below its saved cursor', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'Default');
    const writer = store.run('0', { runId: RUN_A });
    writer.metric('loss', 3, 1000, 1).metric('loss', 2, 2000, 2);
    let [run] = (await loadLocalMlflowStore(root)).runs;
    const first = await metrics(run!, initialMlflowRunCursor());
    writeFileSync(join(writer.dir, 'metrics', 'loss'), '1000 9.0 1\n');
    [run] = (await loadLocalMlflowStore(root)).runs;
    const second = await metrics(run!, first.cursor);
    expect(second.restarted).toBe(true);
    expect(second.points.map((p) => p.value)).toEqual([9]);
  });

  it('finds the store inside a project folder that holds mlruns/', async () => {
    const store = new MlflowStoreWriter(join(root, 'mlruns')).experiment('0', 'Default');
    store.run('0', { runId: RUN_A, runName: 'nested' }).metric('loss', 1, 1000, 1);
    const { runs, layout } = await loadLocalMlflowStore(root);
    expect(layout.prefix).toBe('mlruns');
    expect(runs.map((r) => r.name)).toEqual(['nested']);
    const read = await metrics(runs[0]!, initialMlflowRunCursor());
    expect(read.points).toHaveLength(1);
  });

  it('maps params and tags onto model size, tokens, ablation, variant and seed', async () => {
    const store = new MlflowStoreWriter(root).experiment('0', 'ablations');
    store
      .run('0', { runId: RUN_A, runName: 'mtp seed 3' })
      .param('n_params', '1.1B')
      .param('train_tokens', '22_000_000_000')
      .param('seed', '3')
      .tag('ablation', 'abl-007')
      .tag('variant', 'mtp-2');
    const [run] = (await loadLocalMlflowStore(root)).runs;
    const { run: mapped, issues } = applyFieldMapping(
      mlflowRunFacts(fileRunInfo(run!)),
      { params: 'params.n_params', tokens: 'params.train_tokens', seed: 'params.seed', ablation: 'tags.ablation', variant: 'tags.variant' },
      `0/${RUN_A}/meta.yaml`,
    );
    expect(issues).toEqual([]);
    expect(mapped).toMatchObject({
      id: RUN_A,
      name: 'mtp seed 3',
      group: 'ablations',
      ablation: 'abl-007',
      variant: 'mtp-2',
      seed: 3,
      model: { params: 1.1e9 },
      data: { tokens: 2.2e10 },
    });
    expect(mapped.compute).toBeUndefined();
  });
});
