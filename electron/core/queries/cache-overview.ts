// What the app shows about the cache as a whole: its key/value facts (the store's name, the last sync),
// how many of each thing it holds, and the sync issues, a page at a time.
import type Database from 'better-sqlite3';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { CacheCounts, SyncIssueRow } from '../../../shared/api/app-methods';
import { ablations, cacheState, events, proposals, runs, series, syncIssues } from '../db/schema';
import { typedCache } from '../db/typed-cache';

export type CacheStateKey = 'store_name' | 'last_sync_at' | (string & {});

export function readCacheState(sqlite: Database.Database, key: CacheStateKey): string | null {
  return typedCache(sqlite).select({ value: cacheState.value }).from(cacheState).where(eq(cacheState.key, key)).get()?.value ?? null;
}

export function countCacheContents(sqlite: Database.Database): CacheCounts {
  const db = typedCache(sqlite);
  const rowsOf = (table: typeof runs | typeof proposals | typeof ablations | typeof events | typeof syncIssues) => db.select({ n: count() }).from(table).get()?.n ?? 0;
  const points = db.select({ n: sql<number>`coalesce(sum(${series.pointCount}), 0)` }).from(series).get()?.n ?? 0;
  return { runs: rowsOf(runs), points, proposals: rowsOf(proposals), ablations: rowsOf(ablations), events: rowsOf(events), issues: rowsOf(syncIssues) };
}

export function countSyncIssues(sqlite: Database.Database): number {
  return typedCache(sqlite).select({ n: count() }).from(syncIssues).get()?.n ?? 0;
}

/** The sync issues (of one file when `path` is given), by file and line, and how many there are in all. */
export function pageSyncIssues(sqlite: Database.Database, page: { path?: string; limit: number; offset: number }): { total: number; issues: SyncIssueRow[] } {
  const db = typedCache(sqlite);
  const where = page.path ? eq(syncIssues.path, page.path) : undefined;
  const total = db.select({ n: count() }).from(syncIssues).where(where).get()?.n ?? 0;
  const columns = {
    path: syncIssues.path,
    line: syncIssues.line,
    code: syncIssues.code,
    message: syncIssues.message,
    expected: syncIssues.expected,
    seenAt: syncIssues.seenAt,
  };
  const issues = db
    .select(columns)
    .from(syncIssues)
    .where(where)
    .orderBy(asc(syncIssues.path), asc(syncIssues.line), asc(syncIssues.pk))
    .limit(page.limit)
    .offset(page.offset)
    .all();
  return { total, issues };
}
