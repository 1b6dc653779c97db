import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetricPoint, SourceIssue } from '../../../../electron/core/sources/source-types';
import {
  discoverLocalTensorboardRuns,
  discoverTensorboardRuns,
  initialTensorboardRunCursor,
  readLocalTensorboardRun,
  tensorboardRunFacts,
  type SessionStartInfo,
  type TensorboardRun,
  type TensorboardRunCursor,
} from '../../../../electron/core/sources/tensorboard';
import { TfEventsFileWriter, eventRecord, eventsFileName, hparamsSessionStartValue, scalarValue } from '../../../helpers/tfevents-writer';

let logdir: string;
beforeEach(() => {
  logdir = mkdtempSync(join(tmpdir(), 'tessera-tb-'));
});
afterEach(() => rmSync(logdir, { recursive: true, force: true }));

async function sync(run: TensorboardRun, cursor: TensorboardRunCursor) {
  const points: MetricPoint[] = [];
  const issues: SourceIssue[] = [];
  let restarted = false;
  let last = cursor;
  let sessionStart: SessionStartInfo | undefined;
  for await (const batch of readLocalTensorboardRun(logdir, run, cursor)) {
    points.push(...batch.points);
    issues.push(...batch.issues);
    restarted ||= batch.restarted;
    sessionStart = batch.sessionStart ?? sessionStart;
    last = batch.cursor;
  }
  return { points, issues, restarted, sessionStart, cursor: last };
}

async function onlyRun(): Promise<TensorboardRun> {
  const runs = await discoverLocalTensorboardRuns(logdir);
  expect(runs).toHaveLength(1);
  return runs[0]!;
}

describe('TensorBoard log directories', () => {
  it('finds a run in every folder holding events files, and nothing else', () => {
    const runs = discoverTensorboardRuns([
      { path: 'ladder/1b/events.out.tfevents.1700000000.host.1.0', size: 10 },
      { path: 'ladder/1b/events.out.tfevents.1699990000.host.1.0', size: 10 },
      { path: 'ladder/1b/checkpoint-100.pt', size: 10 },
      { path: 'ladder/350m/train/events.out.tfevents.1700000001.host', size: 10 },
      { path: 'events.out.tfevents.1700000002.host.profile-empty', size: 10 },
      { path: 'notes/readme.md', size: 10 },
      { path: '../escape/events.out.tfevents.1', size: 10 },
    ]);
    expect(runs.map((r) => [r.dir, r.id, r.files.map((f) => f.path.split('/').pop())])).toEqual([
      ['', expect.stringMatching(/^run\.\.[0-9a-f]{16}$/), ['events.out.tfevents.1700000002.host.profile-empty']],
      ['ladder/1b', 'ladder.1b', ['events.out.tfevents.1699990000.host.1.0', 'events.out.tfevents.1700000000.host.1.0']],
      ['ladder/350m/train', 'ladder.350m.train', ['events.out.tfevents.1700000001.host']],
    ]);
  });

  it('merges several events files of one run in name order, which is time order', async () => {
    new TfEventsFileWriter(join(logdir, 'run', eventsFileName(1_700_000_500))).scalar('loss', 2, 200).scalar('loss', 1.75, 300);
    new TfEventsFileWriter(join(logdir, 'run', eventsFileName(1_700_000_000))).scalar('loss', 3, 100, 'tensor_content_float').scalar('loss', 2.5, 200, 'tensor_content_float');
    const run = await onlyRun();
    const read = await sync(run, initialTensorboardRunCursor());
    expect(read.issues).toEqual([]);
    expect(read.points.map((p) => [p.step, p.value])).toEqual([[100, 3], [200, 2.5], [200, 2], [300, 1.75]]);
    expect(tensorboardRunFacts(run).createdAt).toBe(new Date(1_700_000_000_000).toISOString());
  });

  it('reads only what was appended since the saved cursor, including a record that was half written', async () => {
    const path = join(logdir, 'run', eventsFileName(1_700_000_000));
    const writer = new TfEventsFileWriter(path).scalar('loss', 4, 1).scalar('loss', 3, 2);
    const first = await sync(await onlyRun(), initialTensorboardRunCursor());
    expect(first.points.map((p) => p.step)).toEqual([1, 2]);

    const next = eventRecord({ wallTime: 1, step: 3, values: [scalarValue('loss', 2)] });
    writer.append(next.subarray(0, 9));
    const partial = await sync(await onlyRun(), first.cursor);
    expect(partial.points).toEqual([]);
    expect(partial.issues).toEqual([]);
    expect(partial.cursor).toEqual(first.cursor);

    writer.append(next.subarray(9)).scalar('loss', 1, 4);
    const rest = await sync(await onlyRun(), partial.cursor);
    expect(rest.points.map((p) => [p.step, p.value])).toEqual([[3, 2], [4, 1]]);
    expect(rest.issues).toEqual([]);

    const again = await sync(await onlyRun(), rest.cursor);
    expect(again.points).toEqual([]);
  });

  it('reports a damaged record once, reads past it, and does not report it again on the next sync', async () => {
    const path = join(logdir, 'run', eventsFileName(1_700_000_000));
    const writer = new TfEventsFileWriter(path).scalar('loss', 4, 1);
    const damaged = Buffer.from(eventRecord({ wallTime: 1, step: 2, values: [scalarValue('loss', 3)] }));
    damaged[3]! ^= 0x10;
    writer.append(damaged).scalar('loss', 2, 3);
    const first = await sync(await onlyRun(), initialTensorboardRunCursor());
    expect(first.points.map((p) => p.step)).toEqual([1, 3]);
    expect(first.issues).toHaveLength(1);
    expect(first.issues[0]).toMatchObject({ file: `run/${eventsFileName(1_700_000_000)}` });
    expect(first.issues[0]!.reason).toMatch(/length checksum/);

    writer.scalar('loss', 1, 4);
    const second = await sync(await onlyRun(), first.cursor);
    expect(second.issues).toEqual([]);
    expect(second.points.map((p) => p.step)).toEqual([4]);
  });

  it('starts over when a file is shorter than its saved cursor, because it was rewritten', async () => {
    const path = join(logdir, 'run', eventsFileName(1_700_000_000));
    new TfEventsFileWriter(path).scalar('loss', 4, 1).scalar('loss', 3, 2);
    const first = await sync(await onlyRun(), initialTensorboardRunCursor());
    new TfEventsFileWriter(path).scalar('loss', 9, 1);
    const second = await sync(await onlyRun(), first.cursor);
    expect(second.restarted).toBe(true);
    expect(second.points.map((p) => [p.step, p.value])).toEqual([[1, 9]]);
  });

  it('gives hyperparameters and path segments to field mappings', async () => {
    const path = join(logdir, 'sweep', 'lr-3e-4', eventsFileName(1_700_000_000));
    new TfEventsFileWriter(path).event({ wallTime: 1, values: [hparamsSessionStartValue({ lr: 3e-4, n_params: 1.1e9 })] });
    const run = await onlyRun();
    const read = await sync(run, initialTensorboardRunCursor());
    expect(read.points).toEqual([]);
    const facts = tensorboardRunFacts(run, read.sessionStart);
    expect(facts.fields).toMatchObject({ path: 'sweep/lr-3e-4', 'path.0': 'sweep', 'path.1': 'lr-3e-4', 'hparams.lr': 3e-4, 'hparams.n_params': 1.1e9 });
    expect(facts.config).toEqual({ lr: 3e-4, n_params: 1.1e9 });
  });

  it('skips a file that ends in a record still being written by an older writer, then sees the next file', async () => {
    const older = join(logdir, 'run', eventsFileName(1_700_000_000));
    new TfEventsFileWriter(older).scalar('loss', 4, 1);
    appendFileSync(older, eventRecord({ wallTime: 1, step: 2, values: [scalarValue('loss', 3)] }).subarray(0, 20));
    new TfEventsFileWriter(join(logdir, 'run', eventsFileName(1_700_000_900))).scalar('loss', 2, 2);
    const read = await sync(await onlyRun(), initialTensorboardRunCursor());
    expect(read.points.map((p) => [p.step, p.value])).toEqual([[1, 4], [2, 2]]);
    expect(read.issues).toEqual([]);
  });

  it('reads an empty events file as nothing, not as damage', async () => {
    writeFileSync(join(logdir, eventsFileName(1_700_000_000)), '');
    const read = await sync(await onlyRun(), initialTensorboardRunCursor());
    expect(read.points).toEqual([]);
    expect(read.issues).toEqual([]);
  });
});
