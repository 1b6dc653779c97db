import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverMlflowStore, isMlflowIgnoredDir, loadMlflowRuns, readMlflowRunMetrics, initialMlflowRunCursor } from '../../../electron/core/sources/mlflow';
import { discoverTensorboardRuns, initialTensorboardRunCursor, readTensorboardRun } from '../../../electron/core/sources/tensorboard';
import { listTransportTree, transportFileAccess } from '../../../electron/core/sources/transport-access';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { MlflowStoreWriter } from '../../helpers/mlflow-writer';
import { TfEventsFileWriter, eventsFileName } from '../../helpers/tfevents-writer';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'tessera-src-transport-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('format readers over a lab-store transport', () => {
  it('reads a TensorBoard run through the folder transport, from a saved offset', async () => {
    const writer = new TfEventsFileWriter(join(root, 'tb', 'run-a', eventsFileName(1_700_000_000))).scalar('loss', 3, 1);
    const transport = new LocalFolderTransport(join(root, 'tb'));
    const access = transportFileAccess(transport);
    let [run] = discoverTensorboardRuns(await listTransportTree(transport));
    let cursor = initialTensorboardRunCursor();
    const steps: number[] = [];
    for await (const batch of readTensorboardRun(run!, cursor, access)) {
      steps.push(...batch.points.map((p) => p.step));
      cursor = batch.cursor;
    }
    writer.scalar('loss', 2, 2);
    [run] = discoverTensorboardRuns(await listTransportTree(transport));
    for await (const batch of readTensorboardRun(run!, cursor, access)) steps.push(...batch.points.map((p) => p.step));
    expect(run!.id).toBe('run-a');
    expect(steps).toEqual([1, 2]);
  });

  it('reads an MLflow store through the folder transport, without walking artifacts', async () => {
    new MlflowStoreWriter(root)
      .experiment('0', 'Default')
      .run('0', { runId: '4f1c2a9be0d34d5c8f1e2a3b4c5d6e7f', runName: 'r' })
      .metric('loss', 1.5, 1000, 1)
      .artifact('big/blob.bin', 'x');
    const transport = new LocalFolderTransport(root);
    const listing = await listTransportTree(transport, isMlflowIgnoredDir);
    expect(listing.some((e) => e.path.includes('artifacts'))).toBe(false);
    const { runs, issues } = await loadMlflowRuns(discoverMlflowStore(listing), transportFileAccess(transport));
    expect(issues).toEqual([]);
    const values: number[] = [];
    for await (const batch of readMlflowRunMetrics(runs[0]!, initialMlflowRunCursor(), transportFileAccess(transport))) values.push(...batch.points.map((p) => p.value));
    expect(values).toEqual([1.5]);
  });
});
