// The cache's totals and its current sync issues, read after a pass for its summary.
import type Database from 'better-sqlite3';
import type { SyncIssue } from '../store/sync-issue';
import type { SyncTotals } from './sync-summary';

export function readSyncTotals(sqlite: Database.Database): SyncTotals {
  const count = (sql: string) => sqlite.prepare(sql).pluck().get() as number;
  return {
    runs: count('SELECT count(*) FROM runs'),
    points: count('SELECT coalesce(sum(point_count), 0) FROM series'),
    proposals: count('SELECT count(*) FROM proposals'),
    ablations: count('SELECT count(*) FROM ablations'),
    events: count('SELECT count(*) FROM events'),
    issues: count('SELECT count(*) FROM sync_issues'),
  };
}

/** Current sync issues by path, then line, then the order they were found in. */
export function readSyncIssues(sqlite: Database.Database, limit = 10_000): SyncIssue[] {
  return sqlite
    .prepare('SELECT path, line, code, message, expected FROM sync_issues ORDER BY path, line, pk LIMIT ?')
    .all(limit) as SyncIssue[];
}

export function readSyncSummaryTail(sqlite: Database.Database): { issues: SyncIssue[]; totals: SyncTotals } {
  return { issues: readSyncIssues(sqlite), totals: readSyncTotals(sqlite) };
}
