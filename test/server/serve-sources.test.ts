// `tessera serve` on sources beyond a lab store folder: the sync worker picks the engine by format
// and reaches the store over SFTP, with the field mapping from --map, and the app's API shows the
// imported runs with their mapped fields.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, startServe, type ServeProcess } from '../e2e/support/start-serve';
import { makeTempDir } from '../core/sync/support/lab-store-fixture';
import { startSshd, type SshdFixture } from '../core/sync/support/sshd-fixture';
import { MlflowStoreWriter, RUN_STATUS } from '../helpers/mlflow-writer';
import { TfEventsFileWriter, eventsFileName, hparamsSessionStartValue } from '../helpers/tfevents-writer';

interface RunRowView {
  id: string;
  group: string | null;
  ablation: string | null;
  variant: string | null;
  params: number | null;
  tokens: number | null;
  status: string | null;
  pointCount: number;
}

let dir: string;
let sshd: SshdFixture;

beforeAll(async () => {
  dir = makeTempDir('tessera-serve-sources-');
  sshd = await startSshd();
});
afterAll(async () => {
  await sshd.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(sshd.dir, { recursive: true, force: true });
});

async function runsOf(serve: ServeProcess): Promise<RunRowView[]> {
  const synced = await callApi(serve.url, 'syncNow', {});
  expect(synced.body).toMatchObject({ ok: true, value: { lastError: null } });
  const listed = await callApi(serve.url, 'listRuns', {});
  expect(listed.body.ok).toBe(true);
  return (listed.body.value as { runs: RunRowView[] }).runs;
}

describe('serve with TensorBoard and MLflow sources', () => {
  it('serves a TensorBoard log directory reached over SFTP, runs mapped by --map', async () => {
    const logdir = path.join(dir, 'tb');
    for (const [run, n] of [['abl-x/base', 3.5e8], ['abl-x/mtp', 1e9]] as const) {
      new TfEventsFileWriter(path.join(logdir, run, eventsFileName(1_700_000_000)))
        .event({ wallTime: 1_700_000_000, values: [hparamsSessionStartValue({ n_params: n })] })
        .scalar('eval/loss', 3, 100)
        .scalar('eval/loss', 2.5, 200);
    }
    const serve = await startServe([
      '--store', `tensorboard:${sshd.url(logdir)}`,
      '--ssh-key', sshd.userKeyFile,
      '--known-hosts', sshd.knownHostsFile,
      '--map', 'params=hparams.n_params,ablation=path.0,variant=path.1',
      '--allow-write', '--no-watch',
    ]);
    try {
      const runs = await runsOf(serve);
      expect(runs.map((r) => [r.id, r.ablation, r.variant, r.params, r.pointCount])).toEqual([
        ['abl-x.base', 'abl-x', 'base', 3.5e8, 2],
        ['abl-x.mtp', 'abl-x', 'mtp', 1e9, 2],
      ]);
      const info = await callApi(serve.url, 'getAppInfo', {});
      expect(info.body.value).toMatchObject({ storeName: 'TensorBoard: tb' });
    } finally {
      await serve.stop();
    }
  });

  it('serves an MLflow store with experiments as groups and run status', async () => {
    const mlruns = path.join(dir, 'mlruns');
    new MlflowStoreWriter(mlruns)
      .experiment('4', 'ladder')
      .run('4', { runId: 'aaaabbbbccccddddeeeeffff00001111', runName: 'small', startTime: 1_764_000_000_000 })
      .param('n_params', '125M')
      .metric('loss', 2, 1_764_000_000_500, 1)
      .finish(1_764_000_001_000, RUN_STATUS.FINISHED);
    const serve = await startServe(['--store', `mlflow:${mlruns}`, '--map', 'params=params.n_params', '--allow-write', '--no-watch']);
    try {
      const runs = await runsOf(serve);
      expect(runs.map((r) => [r.id, r.group, r.params, r.status, r.pointCount])).toEqual([['aaaabbbbccccddddeeeeffff00001111', 'ladder', 1.25e8, 'finished', 1]]);
    } finally {
      await serve.stop();
    }
  });
});
