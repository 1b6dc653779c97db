// Worker-thread entry of the sync: its own SQLite connection, the store watcher, progress and
// "what changed" messages to the core. Crash-safe by construction of the engine: killing this
// thread at any instant leaves a cache the next pass completes.
import { parentPort, workerData } from 'node:worker_threads';
import type { SyncProgressInfo } from '../../../shared/api/app-methods';
import { openCacheDatabase } from '../db/open-cache-database';
import type { StoreTransport } from '../store-access/store-transport';
import { syncStore } from '../sync/sync-store';
import { watchLabStore, type LabStoreWatcher } from '../sync/watch-lab-store';
import type { SyncProgress } from '../sync/sync-progress';
import type { SyncSummary } from '../sync/sync-summary';
import { openStoreTransport } from '../store-access/open-store-transport';
import { changedRunIds, scopesOfSyncChanges } from './sync-changes-scopes';
import type { SyncWorkerInit, SyncWorkerMessage, SyncWorkerRequest } from '../sync/sync-messages';
import { idleSyncProgress } from '../sync/sync-controller';

const port = parentPort;
if (!port) throw new Error('sync-worker must run in a worker thread');
const post = (message: SyncWorkerMessage) => port.postMessage(message);
const init = workerData as SyncWorkerInit;

let progress: SyncProgressInfo = idleSyncProgress();
const setProgress = (patch: Partial<SyncProgressInfo>) => {
  progress = { ...progress, ...patch };
  post({ type: 'progress', progress });
};

function onEngineProgress(p: SyncProgress) {
  setProgress({
    running: p.phase !== 'done',
    filesDone: p.filesDone,
    filesTotal: p.filesTotal,
    bytesDone: p.bytesDone,
    bytesTotal: p.bytesTotal,
    runsNew: p.runsNew,
    runsUpdated: p.runsUpdated,
    startedAt: p.phase === 'listing' ? new Date().toISOString() : progress.startedAt,
  });
}

function finished(summary: SyncSummary) {
  progress = { ...progress, running: false, finishedAt: new Date().toISOString(), lastError: null };
  const changed = scopesOfSyncChanges(summary.changed);
  if (summary.alerts.length > 0) changed.push('alerts');
  post({ type: 'finished', progress, changed, alerts: summary.alerts, ...changedRunIds(summary.changed) });
}

function failed(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  progress = { ...progress, running: false, finishedAt: new Date().toISOString(), lastError: message };
  post({ type: 'failed', progress, message });
}

let watcher: LabStoreWatcher | null = null;
let openedTransport: StoreTransport | null = null;
let startError: Error | null = null;
try {
  const cache = openCacheDatabase({ file: init.dbFile, migrationsDir: init.migrationsDir, nativeBinding: init.nativeBinding });
  const { url, transport } = openStoreTransport(init.storeUrl, init.storeAccess, {
    onReconnect: (attempt, reason) => post({ type: 'log', message: `sync: reconnecting to ${init.storeUrl} (attempt ${attempt}): ${reason}` }),
  });
  openedTransport = transport;
  const fieldMapping = init.storeAccess?.fieldMapping;
  watcher = watchLabStore({
    db: cache,
    transport,
    runPass: (options) => syncStore({ ...options, format: url.format, fieldMapping }),
    onProgress: onEngineProgress,
    onSynced: finished,
    onError: failed,
    intervalMs: init.pollIntervalMs ?? 10_000,
    useFsEvents: init.watch,
    // Without --watch: sync on request only (a very long poll, never in practice).
    ...(init.watch ? {} : { intervalMs: 2 ** 31 - 1 }),
  });
} catch (error) {
  startError = error instanceof Error ? error : new Error(String(error));
  failed(startError);
}

port.on('message', (request: SyncWorkerRequest) => {
  if (request.type === 'sync-now') {
    if (!watcher) return failed(startError ?? new Error('The sync is not running.'));
    const { id } = request;
    watcher.syncNow().then(() => post({ type: 'sync-now-done', id }), failed);
  } else if (request.type === 'stop') {
    void (watcher?.close() ?? Promise.resolve())
      .then(() => openedTransport?.close?.())
      .then(() => {
        post({ type: 'stopped' });
        port.close();
      });
  }
});
