// Handlers for the app itself: store, counts, sync state and sync issues.
import type { AppInfo } from '../../../shared/api/app-methods';
import type { CoreDeps } from './core-deps';
import { countCacheContents, pageSyncIssues, readCacheState } from '../queries/cache-overview';
import type { HandlerContext, HandlerSlice } from './handlers';

type AppMethod = 'getAppInfo' | 'getCacheCounts' | 'getSyncProgress' | 'syncNow' | 'listSyncIssues';

const READ_ONLY_SERVER = 'This server is read-only: it was started without --allow-write, so nothing can be written from here.';

function appInfo(deps: CoreDeps, ctx: HandlerContext): AppInfo {
  return {
    version: deps.config.version,
    storeName: readCacheState(deps.cache.sqlite, 'store_name') ?? (deps.config.isDemo ? 'Demo lab' : 'Lab store'),
    storeUrl: deps.config.storeUrl,
    isDemo: deps.config.isDemo,
    dbFile: deps.config.dbFile,
    canWrite: ctx.canWrite,
    readOnlyReason: ctx.canWrite ? null : (ctx.readOnlyReason ?? READ_ONLY_SERVER),
    setupLockedReason: ctx.canWrite ? (ctx.setupLockedReason ?? null) : null,
    signedIn: ctx.person === undefined ? null : { person: ctx.person },
    transport: ctx.transport === 'ipc' ? 'ipc' : 'http',
    lastSyncAt: readCacheState(deps.cache.sqlite, 'last_sync_at'),
  };
}

export function createAppHandlers(deps: CoreDeps): HandlerSlice<AppMethod> {
  const { sqlite } = deps.cache;
  return {
    async getAppInfo(_input, ctx) {
      return appInfo(deps, ctx);
    },
    async getCacheCounts() {
      return countCacheContents(sqlite);
    },
    async getSyncProgress() {
      return deps.sync.progress();
    },
    async syncNow() {
      return deps.sync.syncNow();
    },
    async listSyncIssues(input) {
      return pageSyncIssues(sqlite, input);
    },
  };
}
