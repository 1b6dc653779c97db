// One cache, pointed at stores of different formats in turn: it mirrors only the current one, the
// user's fit exclusions stay, and coming back to a lab store gives what a fresh sync gives.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import type { StoreFormat } from '../../../electron/core/store-access/store-url';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../../electron/core/sync/sync-store';
import { MlflowStoreWriter } from '../../helpers/mlflow-writer';
import { TfEventsFileWriter, eventsFileName } from '../../helpers/tfevents-writer';
import { dumpCache } from './support/cache-dump';
import { createStore, makeTempDir, metricsLines, openTestCache, runJson } from './support/lab-store-fixture';

let dir: string;
let cache: CacheDatabase;

beforeEach(() => {
  dir = makeTempDir('tessera-sync-store-');
  cache = openTestCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sync = (root: string, format: StoreFormat, db = cache) => syncStore({ db, transport: new LocalFolderTransport(root), format });
const ids = () => cache.sqlite.prepare('SELECT id || \':\' || source FROM runs ORDER BY id').pluck().all();

describe('syncStore across formats', () => {
  it('mirrors only the store it syncs now, keeps fit exclusions, and a lab store again equals a fresh sync', async () => {
    const lab = createStore({
      'runs/r-1/run.json': runJson('r-1'),
      'runs/r-1/metrics.jsonl': metricsLines([{ step: 0, loss: 2 }]),
      'ablations/abl-1.yaml': 'id: abl-1\ntitle: MTP\n',
    });
    const logdir = path.join(dir, 'logs');
    new TfEventsFileWriter(path.join(logdir, 'tb-run', eventsFileName(1_700_000_000))).scalar('loss', 1, 1);
    const mlruns = path.join(dir, 'mlruns');
    new MlflowStoreWriter(mlruns).experiment('1', 'e').run('1', { runId: 'aaaabbbbccccddddeeeeffff00001111' }).metric('loss', 1, 1, 1);

    await sync(lab, 'labstore');
    cache.sqlite.prepare("INSERT INTO fit_exclusions (scope, run_id, reason) VALUES ('group:g', 'r-1', 'diverged')").run();
    expect(ids()).toEqual(['r-1:labstore']);

    const toTensorboard = await sync(logdir, 'tensorboard');
    expect(ids()).toEqual(['tb-run:tensorboard']);
    expect(toTensorboard.changed.removedRuns).toEqual(['r-1']);
    expect(toTensorboard.changed.ablations).toEqual(['abl-1']);
    expect(cache.sqlite.prepare('SELECT count(*) FROM ablations').pluck().get()).toBe(0);
    expect(cache.sqlite.prepare("SELECT path FROM sync_files WHERE kind <> 'tensorboard-events'").pluck().all()).toEqual([]);

    await sync(mlruns, 'mlflow');
    expect(ids()).toEqual(['aaaabbbbccccddddeeeeffff00001111:mlflow']);
    expect(cache.sqlite.prepare("SELECT count(*) FROM sync_files WHERE kind = 'tensorboard-events'").pluck().get()).toBe(0);

    await sync(lab, 'labstore');
    const fresh = openTestCache(path.join(dir, 'fresh.db'));
    await sync(lab, 'labstore', fresh);
    expect(dumpCache(cache.sqlite)).toEqual(dumpCache(fresh.sqlite));
    fresh.close();
    expect(cache.sqlite.prepare('SELECT run_id FROM fit_exclusions').pluck().all()).toEqual(['r-1']);
  });
});
