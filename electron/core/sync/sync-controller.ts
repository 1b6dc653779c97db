// Runs the sync engine in its own worker thread with its own SQLite connection (WAL lets the
// API keep reading meanwhile), relays its progress, and says what changed when it finishes.
import { Worker } from 'node:worker_threads';
import type { SyncProgressInfo } from '../../../shared/api/app-methods';
import type { DataScope } from '../../../shared/api/push-events';
import type { SyncWorkerInit, SyncWorkerMessage, SyncWorkerRequest } from './sync-messages';

export interface SyncController {
  progress(): SyncProgressInfo;
  /** Starts a sync (or joins the running one) and resolves when it ends. */
  syncNow(): Promise<SyncProgressInfo>;
  close(): Promise<void>;
}

export interface SyncControllerEvents {
  onProgress(progress: SyncProgressInfo): void;
  /** `runIds`: the runs that changed, when the pass knows them all. */
  onChanged(scopes: DataScope[], runIds?: string[]): void;
  /** The pass found these new alerts. */
  onAlerts(ids: number[]): void;
  log(message: string): void;
}

export function idleSyncProgress(): SyncProgressInfo {
  return {
    running: false,
    filesDone: 0,
    filesTotal: 0,
    bytesDone: 0,
    bytesTotal: 0,
    runsNew: 0,
    runsUpdated: 0,
    startedAt: null,
    finishedAt: null,
    lastError: null,
  };
}

export function startSyncWorker(workerFile: string, init: SyncWorkerInit, events: SyncControllerEvents): SyncController {
  let current = idleSyncProgress();
  // A "sync now" is answered when the pass it asked for ends, not the one running when it came (which
  // may have read a file before the change the caller just made); a failed pass or a gone worker
  // answers every waiting request.
  let waiters = new Map<number, (p: SyncProgressInfo) => void>();
  let nextRequest = 1;
  let closed = false;
  let exited = false;
  const worker = new Worker(workerFile, { workerData: init });

  const settle = () => {
    const pending = waiters;
    waiters = new Map();
    for (const resolve of pending.values()) resolve(current);
  };

  worker.on('message', (message: SyncWorkerMessage) => {
    switch (message.type) {
      case 'progress':
        current = message.progress;
        events.onProgress(current);
        break;
      case 'finished':
        current = message.progress;
        events.onProgress(current);
        if (message.changed.length > 0) events.onChanged(message.changed, message.runIds);
        if (message.alerts.length > 0) events.onAlerts(message.alerts);
        break;
      case 'sync-now-done':
        waiters.get(message.id)?.(current);
        waiters.delete(message.id);
        break;
      case 'failed':
        current = message.progress;
        events.log(`sync failed: ${message.message}`);
        events.onProgress(current);
        settle();
        break;
      case 'log':
        events.log(message.message);
        break;
      case 'stopped':
        break;
    }
  });
  worker.on('error', (error) => {
    current = { ...current, running: false, lastError: `The sync worker stopped: ${error.message}` };
    events.log(current.lastError!);
    events.onProgress(current);
    settle();
  });
  // A worker that is gone answers nothing: every later request resolves at once with its last state.
  worker.on('exit', () => {
    exited = true;
    if (!closed && !current.lastError) current = { ...current, running: false, lastError: 'The sync worker has stopped.' };
    settle();
  });

  return {
    progress: () => current,
    syncNow() {
      if (closed || exited) return Promise.resolve(current);
      return new Promise((resolve) => {
        const id = nextRequest++;
        waiters.set(id, resolve);
        worker.postMessage({ type: 'sync-now', id } satisfies SyncWorkerRequest);
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      if (exited) return settle();
      worker.postMessage({ type: 'stop' } satisfies SyncWorkerRequest);
      const stopped = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([stopped, timeout]);
      await worker.terminate();
      settle();
    },
  };
}
