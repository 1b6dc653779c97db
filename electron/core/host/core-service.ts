// The core: the cache connection that answers API calls, the sync worker, settings and the push
// channel, wired into one handler table. It runs inside a worker thread (core-worker) in the app,
// and in-process in tests.
import path from 'node:path';
import type { ApiResult } from '../../../shared/api/api-result';
import type { PushEvent } from '../../../shared/api/push-events';
import { createHandlers } from '../api/create-handlers';
import { dispatchApiCall } from '../api/dispatch-api-call';
import type { HandlerContext, Handlers } from '../api/handlers';
import type { CoreConfig } from '../config/core-config';
import { readSettings, writeSettings, type Settings } from '../config/settings-file';
import { openCacheDatabase } from '../db/open-cache-database';
import type { CoreDeps } from '../api/core-deps';
import { createComputeClient } from '../scaling/compute-client';
import { createSearchClient } from '../search/search-client';
import { startSyncWorker, type SyncController } from '../sync/sync-controller';
import type { StoreAccessOptions } from '../config/store-access';

export interface CoreService {
  call(method: string, input: unknown, ctx: HandlerContext): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
  handlers: Handlers;
  close(): Promise<void>;
}

export interface CoreServiceOptions extends CoreConfig {
  /** Folder holding the built worker entry points (sync-worker.mjs). */
  workerDir: string;
  log?: (message: string) => void;
}

export function createCoreService(options: CoreServiceOptions): CoreService {
  const log = options.log ?? ((message: string) => process.stderr.write(`${message}\n`));
  const cache = openCacheDatabase({
    file: options.dbFile,
    migrationsDir: options.migrationsDir,
    nativeBinding: options.nativeBinding,
    onCorrupt: 'rebuild',
    onRebuilt: (movedTo) => log(`The cache was damaged: moved it to ${movedTo} and rebuilding it from the store.`),
    onUpgradeProgress: (p) => log(`Converting the cache to compressed points: ${p.seriesDone} of ${p.seriesTotal} series, ${p.pointsDone} points.`),
  });
  const listeners = new Set<(event: PushEvent) => void>();
  const emit = (event: PushEvent) => {
    for (const listener of listeners) listener(event);
  };
  let settings: Settings = readSettings(options.settingsFile);
  const settingsAccess = {
    get: () => settings,
    update(patch: Partial<Settings>) {
      settings = { ...settings, ...patch };
      writeSettings(options.settingsFile, settings);
      return settings;
    },
  };
  const startSync = () =>
    startSyncWorker(
      path.join(options.workerDir, 'sync-worker.mjs'),
      {
        dbFile: options.dbFile,
        storeUrl: options.storeUrl,
        migrationsDir: options.migrationsDir,
        nativeBinding: options.nativeBinding,
        watch: options.watch,
        pollIntervalMs: options.pollIntervalMs,
        storeAccess: options.storeAccess,
      },
      {
        onProgress: (progress) => emit({ type: 'sync-progress', progress }),
        onChanged: (scopes, runIds) => emit({ type: 'data-changed', scopes, at: new Date().toISOString(), ...(runIds ? { runIds } : {}) }),
        onAlerts: (ids) => emit({ type: 'alerts-fired', ids, at: new Date().toISOString() }),
        log,
      },
    );
  let current = startSync();
  // Handlers hold this one object; behind it the worker is replaced when the source changes.
  const sync: SyncController = {
    progress: () => current.progress(),
    syncNow: () => current.syncNow(),
    close: () => current.close(),
  };
  const switchStore = async (storeUrl: string, access: StoreAccessOptions, isDemo: boolean) => {
    await current.close();
    Object.assign(options, { storeUrl, storeAccess: access, isDemo });
    current = startSync();
    emit({ type: 'data-changed', scopes: ['settings', 'runs', 'metrics', 'ablations', 'proposals', 'team', 'events', 'issues'], at: new Date().toISOString() });
    if (!options.watch) void current.syncNow();
  };
  const compute = createComputeClient(
    path.join(options.workerDir, 'compute-worker.mjs'),
    { dbFile: options.dbFile, migrationsDir: options.migrationsDir, nativeBinding: options.nativeBinding },
    log,
  );
  const search = createSearchClient(
    path.join(options.workerDir, 'search-worker.mjs'),
    { dbFile: options.dbFile, migrationsDir: options.migrationsDir, nativeBinding: options.nativeBinding },
    log,
  );
  const deps: CoreDeps = { cache, config: options, settings: settingsAccess, sync, compute, search, emit, log, switchStore };
  const handlers = createHandlers(deps);
  return {
    handlers,
    call: (method, input, ctx) => dispatchApiCall(handlers, method, input, ctx, log),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await Promise.all([sync.close(), compute.close(), search.close()]);
      cache.close();
    },
  };
}
