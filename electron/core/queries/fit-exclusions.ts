// Runs a user left out of a scaling fit, kept in the cache with the fit's scope key (they are the
// user's judgement, not store data, so a clean sync keeps them).
import type Database from 'better-sqlite3';

export interface FitExclusion {
  runId: string;
  reason: string | null;
  at: string;
}

export function readFitExclusions(sqlite: Database.Database, scopeKey: string): FitExclusion[] {
  return sqlite
    .prepare('SELECT run_id AS runId, reason, at FROM fit_exclusions WHERE scope = ? ORDER BY at, run_id')
    .all(scopeKey) as FitExclusion[];
}

/** Excludes (or includes again) one run; excluding twice keeps the first time and the new reason. */
export function setFitExclusion(sqlite: Database.Database, scopeKey: string, runId: string, excluded: boolean, reason?: string): FitExclusion[] {
  if (excluded) {
    sqlite
      .prepare(
        `INSERT INTO fit_exclusions (scope, run_id, reason) VALUES (?, ?, ?)
         ON CONFLICT (scope, run_id) DO UPDATE SET reason = excluded.reason`,
      )
      .run(scopeKey, runId, reason?.trim() || null);
  } else {
    sqlite.prepare('DELETE FROM fit_exclusions WHERE scope = ? AND run_id = ?').run(scopeKey, runId);
  }
  return readFitExclusions(sqlite, scopeKey);
}
