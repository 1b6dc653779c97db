// A TensorBoard log directory synced into a real SQLite cache: exact points in all three scalar
// encodings, incremental appends, damage reported and skipped, rewrites and removals, restarts
// across files, hparams through the field mapping into ablations and scaling fits, idempotence.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../../electron/core/db/open-cache-database';
import { exportSeries } from '../../../../electron/core/queries/export-series';
import { readScalingData } from '../../../../electron/core/queries/scaling-observations';
import type { FieldMapping } from '../../../../electron/core/sources/field-mapping';
import { deriveRunId } from '../../../../electron/core/sources/run-id';
import { LocalFolderTransport } from '../../../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../../../electron/core/sync/sync-store';
import {
  TfEventsFileWriter,
  eventRecord,
  eventsFileName,
  histogramValue,
  hparamsSessionStartValue,
  imageValue,
  scalarValue,
  textValue,
} from '../../../helpers/tfevents-writer';
import { dumpCache } from '../support/cache-dump';
import { makeTempDir, openTestCache } from '../support/lab-store-fixture';
import { allPointValues, countPoints } from '../../../helpers/cache-points';

let dir: string;
let logdir: string;
let cache: CacheDatabase;

beforeEach(() => {
  dir = makeTempDir('tessera-tb-sync-');
  logdir = path.join(dir, 'logs');
  fs.mkdirSync(logdir);
  cache = openTestCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function sync(mapping?: FieldMapping, db = cache, options: { chunkBytes?: number; onProgress?: () => void; signal?: AbortSignal } = {}) {
  return syncStore({ db, transport: new LocalFolderTransport(logdir), format: 'tensorboard', fieldMapping: mapping, progressIntervalMs: 0, ...options });
}

const file = (run: string, seconds = 1_700_000_000) => path.join(logdir, run, eventsFileName(seconds));
const history = (run: string, metric: string) => exportSeries(cache.sqlite, deriveRunId(run), metric);
const runRow = (run: string) =>
  cache.sqlite.prepare('SELECT * FROM runs WHERE id = ?').get(deriveRunId(run)) as Record<string, unknown> | undefined;

describe('TensorBoard log directory sync', () => {
  it('imports every run with its scalars exactly, whatever the encoding, skipping what is not a scalar', async () => {
    new TfEventsFileWriter(file('ladder/350m'))
      .scalar('train/loss', 3.5, 0)
      .scalar('train/loss', 3.25, 10)
      .event({ wallTime: 1_700_000_020, step: 20, values: [scalarValue('train/loss', 3), histogramValue('weights'), imageValue('samples')] })
      .graph()
      .event({ wallTime: 1_700_000_030, step: 30, values: [textValue('notes', 'hello')] })
      .scalar('train/loss', NaN, 30);
    new TfEventsFileWriter(file('ladder/1b'))
      .scalar('eval/c4/loss', 2.75, 100, 'tensor_content_float')
      .scalar('eval/c4/loss', 2.5, 200, 'tensor_content_double')
      .scalar('eval/c4/loss', 2.25, 300, 'float_val_packed')
      .scalar('eval/c4/loss', 2.125, 400, 'double_val_unpacked');
    const summary = await sync();
    expect(summary.issues).toEqual([]);
    expect(summary.runs.new).toBe(2);
    expect(history('ladder/350m', 'train/loss')).toEqual([[0, 3.5], [10, 3.25], [20, 3], [30, 'NaN']]);
    expect(history('ladder/1b', 'eval/c4/loss')).toEqual([[100, 2.75], [200, 2.5], [300, 2.25], [400, 2.125]]);
    expect(cache.sqlite.prepare('SELECT key FROM series ORDER BY key').pluck().all()).toEqual(['eval/c4/loss', 'train/loss']);
    expect(runRow('ladder/1b')).toMatchObject({ source: 'tensorboard', name: 'ladder/1b', created_at: '2023-11-14T22:13:20.000Z', last_step: 400, point_count: 4 });
    expect(cache.sqlite.prepare("SELECT value FROM cache_state WHERE key = 'store_name'").pluck().get()).toBe('TensorBoard: logs');
  });

  it('reads only appended records, and a half-written record once it is whole', async () => {
    const writer = new TfEventsFileWriter(file('run')).scalar('loss', 4, 1).scalar('loss', 3, 2);
    await sync();
    const next = eventRecord({ wallTime: 1_700_000_003, step: 3, values: [scalarValue('loss', 2)] });
    writer.append(next.subarray(0, 11));
    const partial = await sync();
    expect(partial.points).toBe(0);
    expect(partial.bytesRead).toBe(11);
    expect(history('run', 'loss')).toEqual([[1, 4], [2, 3]]);

    writer.append(next.subarray(11)).scalar('loss', 1, 4);
    const rest = await sync();
    expect(rest.points).toBe(2);
    expect(history('run', 'loss')).toEqual([[1, 4], [2, 3], [3, 2], [4, 1]]);
    expect(runRow('run')).toMatchObject({ last_step: 4, point_count: 4 });
  });

  it('reports a damaged record with its file and offset, and keeps the records around it', async () => {
    const writer = new TfEventsFileWriter(file('run')).scalar('loss', 4, 1);
    const offset = fs.statSync(file('run')).size;
    const damaged = Buffer.from(eventRecord({ wallTime: 1, step: 2, values: [scalarValue('loss', 3)] }));
    damaged[damaged.length - 6]! ^= 0xff;
    writer.append(damaged).scalar('loss', 2, 3);
    const summary = await sync();
    expect(history('run', 'loss')).toEqual([[1, 4], [3, 2]]);
    expect(summary.issues).toHaveLength(1);
    expect(summary.issues[0]).toMatchObject({ path: `run/${eventsFileName(1_700_000_000)}`, line: null, code: 'invalid-value' });
    expect(summary.issues[0]!.message).toContain(`at byte ${offset}`);
    expect(summary.issues[0]!.message).toContain('checksum');

    writer.scalar('loss', 1, 4);
    const again = await sync();
    expect(again.issues).toHaveLength(1);
    expect(history('run', 'loss')).toEqual([[1, 4], [3, 2], [4, 1]]);
  });

  it('reads a file rewritten to the same size again from scratch', async () => {
    new TfEventsFileWriter(file('run')).scalar('loss', 4, 1).scalar('loss', 3, 2);
    await sync();
    const before = fs.statSync(file('run')).size;
    new TfEventsFileWriter(file('run')).scalar('loss', 8, 1).scalar('loss', 7, 2);
    expect(fs.statSync(file('run')).size).toBe(before);
    fs.utimesSync(file('run'), new Date(), new Date(Date.now() + 5000));
    await sync();
    expect(history('run', 'loss')).toEqual([[1, 8], [2, 7]]);
  });

  it('reads a file rewritten to a larger size again from scratch', async () => {
    new TfEventsFileWriter(file('run'), 1_700_000_000).scalar('loss', 4, 1).scalar('loss', 3, 2);
    await sync();
    new TfEventsFileWriter(file('run'), 1_700_000_999).scalar('loss', 8, 1).scalar('loss', 7, 2).scalar('loss', 6, 3);
    await sync();
    expect(history('run', 'loss')).toEqual([[1, 8], [2, 7], [3, 6]]);
    expect(runRow('run')).toMatchObject({ point_count: 3, last_step: 3 });
  });

  it('takes out a run whose folder was removed, and one whose events file vanished is read again', async () => {
    new TfEventsFileWriter(file('a')).scalar('loss', 1, 1);
    new TfEventsFileWriter(file('b', 1_700_000_000)).scalar('loss', 2, 1).scalar('loss', 1.5, 2);
    new TfEventsFileWriter(file('b', 1_700_000_100)).scalar('loss', 1.25, 3);
    await sync();
    fs.rmSync(path.join(logdir, 'a'), { recursive: true });
    fs.rmSync(file('b', 1_700_000_000));
    const summary = await sync();
    expect(summary.changed.removedRuns).toEqual(['a']);
    expect(runRow('a')).toBeUndefined();
    expect(history('b', 'loss')).toEqual([[3, 1.25]]);
    expect(cache.sqlite.prepare('SELECT count(*) FROM sync_files').pluck().get()).toBe(1);
  });

  it('merges a restarted job: the newer events file supersedes the older one from its first step', async () => {
    const older = new TfEventsFileWriter(file('run', 1_700_000_000));
    for (let step = 0; step <= 50; step += 10) older.scalar('train/loss', 5 - step / 20, step);
    older.scalar('eval/loss', 4, 40);
    const newer = new TfEventsFileWriter(file('run', 1_700_000_500));
    for (let step = 30; step <= 60; step += 10) newer.scalar('train/loss', 1 - step / 200, step);
    await sync();
    expect(history('run', 'train/loss')).toEqual([[0, 5], [10, 4.5], [20, 4], [30, 0.85], [40, 0.8], [50, 0.75], [60, 0.7]].map(([s, v]) => [s, Math.fround(v!)]));
    // A tag the restarted job has not logged again keeps its points, as TensorBoard keeps them.
    expect(history('run', 'eval/loss')).toEqual([[40, 4]]);
  });

  it("reads a run resumed into a second file as TensorBoard's default (Rust) loader does: its own test's data", async () => {
    // tensorboard/data/server/run.rs, RunLoader test: files read in name order, and a step at or below a
    // tag's last one preempts that tag's points from there on (its reservoir's preemption).
    const f1 = new TfEventsFileWriter(file('train', 123), 1234);
    f1.scalar('accuracy', 0.25, 0, 'simple_value', 1235).scalar('accuracy', 0.5, 1, 'simple_value', 1236);
    f1.scalar('accuracy', 0.75, 2, 'simple_value', 1237).scalar('accuracy', 1.0, 3, 'simple_value', 1238);
    const f2 = new TfEventsFileWriter(file('train', 456), 2345);
    f2.scalar('accuracy', 0.7, 2, 'simple_value', 2346).scalar('accuracy', 0.85, 3, 'simple_value', 2347).scalar('accuracy', 0.9, 4, 'simple_value', 2348);
    await sync();
    expect(history('train', 'accuracy')).toEqual([[0, 0.25], [1, 0.5], [2, 0.7], [3, 0.85], [4, 0.9]].map(([s, v]) => [s, Math.fround(v!)]));
  });

  it('purges every tag from a SessionLog START step, as TensorBoard applies it, also when it arrives in a later pass', async () => {
    const first = new TfEventsFileWriter(file('job', 1_700_000_000));
    for (let step = 0; step <= 10; step++) first.scalar('train/loss', 10 - step, step).scalar('eval/loss', 20 - step, step);
    await sync();
    expect(history('job', 'eval/loss')).toHaveLength(11);
    // The job restarts from its step-5 checkpoint and logs only train/loss again.
    const second = new TfEventsFileWriter(file('job', 1_700_000_900));
    second.event({ wallTime: 1_700_000_901, step: 5, sessionLogStatus: 1 });
    second.scalar('train/loss', 4.5, 5).scalar('train/loss', 3.5, 6);
    const summary = await sync();
    expect(summary.issues).toEqual([]);
    expect(history('job', 'train/loss')).toEqual([[0, 10], [1, 9], [2, 8], [3, 7], [4, 6], [5, 4.5], [6, 3.5]]);
    // eval/loss was not logged again: its points from step 5 on went with the restart all the same.
    expect(history('job', 'eval/loss')).toEqual([[0, 20], [1, 19], [2, 18], [3, 17], [4, 16]]);
    expect(runRow('job')).toMatchObject({ last_step: 6, point_count: 12 });
  });

  it('applies no SessionLog START purge in a file older than version 2, as TensorBoard does not', async () => {
    fs.mkdirSync(path.join(logdir, 'old'), { recursive: true });
    fs.writeFileSync(
      file('old'),
      Buffer.concat([
        eventRecord({ wallTime: 1, fileVersion: 'brain.Event:1' }),
        eventRecord({ wallTime: 2, step: 1, values: [scalarValue('a', 1)] }),
        eventRecord({ wallTime: 3, step: 2, values: [scalarValue('a', 2)] }),
        eventRecord({ wallTime: 4, step: 1, sessionLogStatus: 1 }),
      ]),
    );
    await sync();
    expect(history('old', 'a')).toEqual([[1, 1], [2, 2]]);
  });

  it('maps hparams and folders onto run.json fields, so imported runs join an ablation and its scaling fit', async () => {
    const session = (hparams: Record<string, string | number>) => ({ wallTime: 1_700_000_000, values: [hparamsSessionStartValue(hparams)] });
    const sizes = [
      ['abl-mtp/base-350m', { n_params: 3.5e8, tokens: '7B', variant: 'baseline', seed: 1 }],
      ['abl-mtp/mtp-350m', { n_params: 3.5e8, tokens: '7B', variant: 'mtp-2', seed: 1 }],
      ['abl-mtp/mtp-1b', { n_params: 1e9, tokens: '20B', variant: 'mtp-2', seed: 2 }],
      ['abl-mtp/broken', { n_params: 'lots', tokens: '7B', variant: 'mtp-2', seed: 3 }],
    ] as const;
    for (const [run, hparams] of sizes) {
      new TfEventsFileWriter(file(run)).event(session(hparams)).scalar('eval/loss', 3, 100).scalar('eval/loss', 2.5, 200);
    }
    const mapping: FieldMapping = { params: 'hparams.n_params', tokens: 'hparams.tokens', ablation: 'path.0', variant: 'hparams.variant', seed: 'hparams.seed', group: 'path.0' };
    const summary = await sync(mapping);
    expect(runRow('abl-mtp/mtp-1b')).toMatchObject({ ablation: 'abl-mtp', variant: 'mtp-2', seed: 2, params: 1e9, tokens: 2e10, flops: 6 * 1e9 * 2e10, group_name: 'abl-mtp' });
    expect(JSON.parse(runRow('abl-mtp/mtp-1b')!.config_json as string)).toEqual({ n_params: 1e9, tokens: '20B', variant: 'mtp-2', seed: 2 });
    expect(summary.issues).toEqual([
      { path: 'abl-mtp/broken', line: null, code: 'invalid-field', message: 'hparams.n_params: "lots" cannot give params', expected: 'a positive number such as 1.1e9 or 1.1B' },
    ]);
    const fit = readScalingData(cache.sqlite, { scope: { ablation: 'abl-mtp', variant: 'mtp-2' }, metric: 'eval/loss', exclusions: [] });
    expect(fit.runs.map((r) => [r.id, r.N, r.D, r.L])).toEqual([
      ['abl-mtp.mtp-1b', 1e9, 2e10, 2.5],
      ['abl-mtp.mtp-350m', 3.5e8, 7e9, 2.5],
    ]);
    expect(fit.skipped.map((s) => s.runId)).toEqual(['abl-mtp.broken']);
  });

  it('updates a run when its hparams arrive later, and when the mapping changes, without reading points again', async () => {
    const writer = new TfEventsFileWriter(file('sweep/lr-1')).scalar('loss', 2, 1);
    await sync({ params: 'hparams.n_params' });
    expect(runRow('sweep/lr-1')).toMatchObject({ params: null });
    writer.event({ wallTime: 1_700_000_002, values: [hparamsSessionStartValue({ n_params: 1.25e8, lr: 0.001 })] });
    const second = await sync({ params: 'hparams.n_params' });
    expect(second.changed.runs).toEqual(['sweep.lr-1']);
    expect(runRow('sweep/lr-1')).toMatchObject({ params: 1.25e8 });
    const remapped = await sync({ params: 'hparams.n_params', variant: 'path.1' });
    expect(remapped.bytesRead).toBe(0);
    expect(remapped.changed.runs).toEqual(['sweep.lr-1']);
    expect(runRow('sweep/lr-1')).toMatchObject({ params: 1.25e8, variant: 'lr-1' });
  });

  it('never follows a symbolic link: a linked folder or events file outside the log directory is not a run', async () => {
    const outside = path.join(dir, 'outside');
    new TfEventsFileWriter(path.join(outside, 'secret', eventsFileName(1_700_000_000))).scalar('loss', 42, 1);
    new TfEventsFileWriter(file('real')).scalar('loss', 1, 1);
    fs.symlinkSync(path.join(outside, 'secret'), path.join(logdir, 'linked-dir'));
    fs.mkdirSync(path.join(logdir, 'linked-file'));
    fs.symlinkSync(path.join(outside, 'secret', eventsFileName(1_700_000_000)), path.join(logdir, 'linked-file', eventsFileName(1_700_000_000)));
    await sync();
    expect(cache.sqlite.prepare('SELECT id FROM runs').pluck().all()).toEqual(['real']);
    expect(allPointValues(cache.sqlite)).not.toContain(42);
  });

  it('refuses a mapping that names no TensorBoard field', async () => {
    new TfEventsFileWriter(file('run')).scalar('loss', 2, 1);
    await expect(sync({ params: 'params.n_params' })).rejects.toThrow(/params: "params.n_params" is not a tensorboard field; expected one starting with hparams\., path/);
  });

  it('is idempotent: a second sync reads nothing, changes nothing, and leaves the same cache', async () => {
    new TfEventsFileWriter(file('a')).scalar('loss', 2, 1).event({ wallTime: 1, values: [hparamsSessionStartValue({ n: 1 })] });
    const damaged = Buffer.from(eventRecord({ wallTime: 1, step: 2, values: [scalarValue('loss', 3)] }));
    damaged[14]! ^= 1;
    new TfEventsFileWriter(file('b')).append(damaged).scalar('loss', 1, 3);
    await sync({ params: 'hparams.n' });
    const first = dumpCache(cache.sqlite);
    const second = await sync({ params: 'hparams.n' });
    expect(second.bytesRead).toBe(0);
    expect(second.points).toBe(0);
    expect(second.changed).toEqual({ runs: [], removedRuns: [], proposals: [], ablations: [], events: [], team: false, issues: false });
    expect(dumpCache(cache.sqlite)).toEqual(first);
  });

  it('resumes a pass stopped mid-file to exactly what one uninterrupted pass gives', async () => {
    for (const run of ['r1', 'r2']) {
      const writer = new TfEventsFileWriter(file(run));
      for (let step = 0; step < 3000; step++) writer.scalar('loss', 3 - step / 1000, step, step % 2 ? 'simple_value' : 'tensor_content_double');
    }
    const reference = openTestCache(path.join(dir, 'reference.db'));
    await sync(undefined, reference);
    const total = countPoints(reference.sqlite);
    const partial: number[] = [];
    for (let stopAt = 3; stopAt <= 12; stopAt += 3) {
      const abort = new AbortController();
      let reports = 0;
      const stopped = await sync(undefined, cache, {
        chunkBytes: 8 * 1024,
        onProgress: () => {
          if (++reports === stopAt) abort.abort();
        },
        signal: abort.signal,
      }).catch((error: unknown) => error);
      expect((stopped as Error).name).toBe('AbortError');
      partial.push(countPoints(cache.sqlite));
    }
    expect(partial).toEqual([...partial].sort((a, b) => a - b));
    expect(partial[0]).toBeGreaterThan(0);
    expect(partial[3]).toBeLessThan(total);
    await sync(undefined, cache, { chunkBytes: 8 * 1024 });
    expect(dumpCache(cache.sqlite)).toEqual(dumpCache(reference.sqlite));
    reference.close();
  });
});
