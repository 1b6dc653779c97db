// Handlers for the app itself: store, counts, sync state and sync issues.
import type { AppInfo, CacheCounts, SyncIssueRow } from '../../../shared/api/app-methods';
import type { CoreDeps } from '../host/core-deps';
import type { HandlerContext, HandlerSlice } from './handlers';

type AppMethod = 'getAppInfo' | 'getCacheCounts' | 'getSyncProgress' | 'syncNow' | 'listSyncIssues';

function cacheStateValue(deps: CoreDeps, key: string): string | null {
  const row = deps.cache.sqlite.prepare('SELECT value FROM cache_state WHERE key = ?').get(key) as
    | { value: string }
    | undefined;
  return row?.value ?? null;
}

const READ_ONLY_SERVER = 'This server is read-only: it was started without --allow-write, so nothing can be written from here.';

function appInfo(deps: CoreDeps, ctx: HandlerContext): AppInfo {
  return {
    version: deps.config.version,
    storeName: cacheStateValue(deps, 'store_name') ?? (deps.config.isDemo ? 'Demo lab' : 'Lab store'),
    storeUrl: deps.config.storeUrl,
    isDemo: deps.config.isDemo,
    dbFile: deps.config.dbFile,
    canWrite: ctx.canWrite,
    readOnlyReason: ctx.canWrite ? null : (ctx.readOnlyReason ?? READ_ONLY_SERVER),
    setupLockedReason: ctx.canWrite ? (ctx.setupLockedReason ?? null) : null,
    signedIn: ctx.person === undefined ? null : { person: ctx.person },
    transport: ctx.transport === 'ipc' ? 'ipc' : 'http',
    lastSyncAt: cacheStateValue(deps, 'last_sync_at'),
  };
}

export function createAppHandlers(deps: CoreDeps): HandlerSlice<AppMethod> {
  const { sqlite } = deps.cache;
  return {
    async getAppInfo(_input, ctx) {
      return appInfo(deps, ctx);
    },
    async getCacheCounts() {
      const count = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
      const counts: CacheCounts = {
        runs: count('SELECT count(*) AS n FROM runs'),
        points: count('SELECT coalesce(sum(point_count), 0) AS n FROM series'),
        proposals: count('SELECT count(*) AS n FROM proposals'),
        ablations: count('SELECT count(*) AS n FROM ablations'),
        events: count('SELECT count(*) AS n FROM events'),
        issues: count('SELECT count(*) AS n FROM sync_issues'),
      };
      return counts;
    },
    async getSyncProgress() {
      return deps.sync.progress();
    },
    async syncNow() {
      return deps.sync.syncNow();
    },
    async listSyncIssues(input) {
      const where = input.path ? 'WHERE path = ?' : '';
      const args = input.path ? [input.path] : [];
      const total = (sqlite.prepare(`SELECT count(*) AS n FROM sync_issues ${where}`).get(...args) as { n: number }).n;
      const issues = sqlite
        .prepare(
          `SELECT path, line, code, message, expected, seen_at AS seenAt FROM sync_issues ${where}
           ORDER BY path, line, pk LIMIT ? OFFSET ?`,
        )
        .all(...args, input.limit, input.offset) as SyncIssueRow[];
      return { total, issues };
    },
  };
}
