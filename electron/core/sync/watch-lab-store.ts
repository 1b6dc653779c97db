// Keeps the cache in step with the store: a sync at start, then on file-system events (debounced)
// where the transport can watch, and by polling in any case — events do not cross network mounts.
// Passes never overlap; a change noticed during a pass starts another one after it.
import { syncLabStore, type SyncLabStoreOptions } from './sync-lab-store';
import { syncChangedAnything, type SyncSummary } from './sync-summary';
import type { StoreWatch } from '../store-access/store-transport';

export interface WatchLabStoreOptions extends Omit<SyncLabStoreOptions, 'signal'> {
  /** Polling period; default 10 s. */
  intervalMs?: number;
  /** Use file-system events when the transport offers them; default true. */
  useFsEvents?: boolean;
  /** Quiet time after the last event before syncing; default 200 ms. */
  debounceMs?: number;
  /** Longest wait after the first event while events keep coming; default 1 s. */
  maxWaitMs?: number;
  /** After each pass that changed something: what changed, for the "data changed" push. */
  onChanged?: (summary: SyncSummary) => void;
  /** After every pass, changed or not. */
  onSynced?: (summary: SyncSummary) => void;
  onError?: (error: unknown) => void;
  /** The pass to run; default syncLabStore (TensorBoard and MLflow sources pass their own engine). */
  runPass?: (options: SyncLabStoreOptions) => Promise<SyncSummary>;
}

export interface LabStoreWatcher {
  /** Whether file-system events are in use (otherwise polling only). */
  readonly usingFsEvents: boolean;
  /** Syncs now (or after the running pass) and resolves with that pass's summary. */
  syncNow(): Promise<SyncSummary>;
  close(): Promise<void>;
}

export function watchLabStore(options: WatchLabStoreOptions): LabStoreWatcher {
  const { intervalMs = 10_000, useFsEvents = true, debounceMs = 200, maxWaitMs = 1000 } = options;
  const abort = new AbortController();
  let closed = false;
  let current: Promise<SyncSummary> | null = null;
  let again: Promise<SyncSummary> | null = null;
  let debounce: NodeJS.Timeout | null = null;
  let firstEventAt = 0;

  const pass = async (): Promise<SyncSummary> => {
    const summary = await (options.runPass ?? syncLabStore)({ ...options, signal: abort.signal });
    options.onSynced?.(summary);
    if (syncChangedAnything(summary.changed)) options.onChanged?.(summary);
    return summary;
  };

  /** Starts a pass, or queues exactly one more after the running one. */
  const request = (): Promise<SyncSummary> => {
    if (closed) return Promise.reject(new Error('The store watcher is closed.'));
    if (!current) {
      current = pass().finally(() => {
        current = null;
      });
      return current;
    }
    again ??= current
      .catch(() => undefined)
      .then(() => {
        again = null;
        return request();
      });
    return again;
  };

  const background = () => {
    request().catch((error: unknown) => {
      if (!abort.signal.aborted) options.onError?.(error);
    });
  };

  const onEvent = () => {
    if (closed) return;
    const now = Date.now();
    if (debounce === null) firstEventAt = now;
    else clearTimeout(debounce);
    const wait = Math.max(0, Math.min(debounceMs, firstEventAt + maxWaitMs - now));
    debounce = setTimeout(() => {
      debounce = null;
      background();
    }, wait);
  };

  let watch: StoreWatch | null = null;
  if (useFsEvents && options.transport.watch) {
    try {
      watch = options.transport.watch(onEvent);
    } catch {
      // No watching here (a network mount, inotify limits): polling notices the changes.
      watch = null;
    }
  }
  const poll = setInterval(background, intervalMs);
  background();

  return {
    usingFsEvents: watch !== null,
    syncNow: request,
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      if (debounce) clearTimeout(debounce);
      watch?.close();
      abort.abort();
      await Promise.allSettled([current, again]);
    },
  };
}
