// A person's watches and alert settings. Person '' is an app that has not been told who you are:
// it can watch runs by hand, but owns none.
import type Database from 'better-sqlite3';
import type { AlertSettings, WatchInfo, WatchKind } from '../../../../shared/api/alerts-methods';

export const DEFAULT_QUIET_MINUTES = 60;

export function readAlertPreferences(sqlite: Database.Database, person: string): { ownRuns: boolean; quietMinutes: number } {
  const row = sqlite.prepare('SELECT own_runs AS ownRuns, quiet_minutes AS quietMinutes FROM alert_preferences WHERE person = ?').get(person) as
    | { ownRuns: number; quietMinutes: number }
    | undefined;
  return { ownRuns: row ? row.ownRuns === 1 : true, quietMinutes: row?.quietMinutes ?? DEFAULT_QUIET_MINUTES };
}

const LABEL = `CASE w.kind
    WHEN 'run' THEN (SELECT name FROM runs WHERE id = w.target)
    WHEN 'ablation' THEN (SELECT title FROM ablations WHERE id = w.target)
    WHEN 'proposal' THEN (SELECT title FROM proposals WHERE id = w.target)
    ELSE NULL END`;

export function readAlertSettings(sqlite: Database.Database, person: string): AlertSettings {
  const watches = sqlite
    .prepare(`SELECT w.kind, w.target, ${LABEL} AS label, w.at FROM watches w WHERE w.person = ? ORDER BY w.kind, w.target`)
    .all(person) as WatchInfo[];
  return { person: person === '' ? null : person, ...readAlertPreferences(sqlite, person), watches };
}

export function saveAlertPreferences(sqlite: Database.Database, person: string, patch: { ownRuns?: boolean; quietMinutes?: number }): void {
  const current = readAlertPreferences(sqlite, person);
  const next = { ...current, ...patch };
  sqlite
    .prepare('INSERT OR REPLACE INTO alert_preferences (person, own_runs, quiet_minutes) VALUES (?, ?, ?)')
    .run(person, next.ownRuns ? 1 : 0, next.quietMinutes);
}

export function addWatch(sqlite: Database.Database, person: string, kind: WatchKind, target: string): void {
  sqlite.prepare('INSERT OR IGNORE INTO watches (person, kind, target) VALUES (?, ?, ?)').run(person, kind, target);
}

export function removeWatch(sqlite: Database.Database, person: string, kind: WatchKind, target: string): void {
  sqlite.prepare('DELETE FROM watches WHERE person = ? AND kind = ? AND target = ?').run(person, kind, target);
}
