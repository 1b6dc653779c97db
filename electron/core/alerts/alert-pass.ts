// What the detectors need to know about the sync pass they run in: its time, and whether it is the
// cache's first (what that pass finds is history unless it is recent). The hooks get only the
// connection, so a pass registers itself by connection for its duration.
import type Database from 'better-sqlite3';

export interface AlertPass {
  /** The pass's timestamp: alerts it finds carry it as fired_at. */
  now: string;
  nowMs: number;
  /** The cache had never finished a sync before this pass. */
  firstPass: boolean;
}

const passes = new WeakMap<Database.Database, AlertPass>();

export function beginAlertPass(sqlite: Database.Database, now: string): AlertPass {
  const lastSync = sqlite.prepare("SELECT value FROM cache_state WHERE key = 'last_sync_at'").pluck().get();
  const pass = { now, nowMs: Date.parse(now), firstPass: lastSync === undefined };
  passes.set(sqlite, pass);
  return pass;
}

export function endAlertPass(sqlite: Database.Database): void {
  passes.delete(sqlite);
}

/** The running pass; outside one (a cache cleared by hand), a later pass's view of now. */
export function currentAlertPass(sqlite: Database.Database): AlertPass {
  const pass = passes.get(sqlite);
  if (pass) return pass;
  const nowMs = Date.now();
  return { now: new Date(nowMs).toISOString(), nowMs, firstPass: false };
}

