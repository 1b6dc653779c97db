// The runs in the cache with what identifies them at a glance, as `tessera runs` lists them.
import type Database from 'better-sqlite3';
import { canonicalIsoTime, isIsoTime } from '../store/iso-time';

/** A running run that has not reported for this long is shown as stale. */
export const STALE_AFTER_MS = 60 * 60 * 1000;

export interface RunListItem {
  id: string;
  name: string | null;
  group: string | null;
  /** From status.json: running | finished | failed | killed, or null when the run has none. */
  status: string | null;
  /** Running, but status.json's updated_at is more than an hour old. */
  stale: boolean;
  /** N: model parameters. */
  params: number | null;
  /** D: the planned total tokens. */
  tokens: number | null;
  lastStep: number | null;
  /** Tokens seen so far (the last logged `tokens`). */
  lastTokens: number | null;
  pointCount: number;
  /** Metric keys with at least one point, sorted. */
  metrics: string[];
}

interface RunRow {
  pk: number;
  id: string;
  name: string | null;
  group: string | null;
  status: string | null;
  updatedAt: string | null;
  params: number | null;
  tokens: number | null;
  lastStep: number | null;
  lastTokens: number | null;
  pointCount: number;
}

export function listRuns(sqlite: Database.Database, now: Date = new Date()): RunListItem[] {
  const runs = sqlite
    .prepare(
      `SELECT pk, id, name, group_name AS "group", state AS status, state_updated_at AS updatedAt, params, tokens,
         last_step AS lastStep, last_tokens AS lastTokens, point_count AS pointCount
       FROM runs ORDER BY id`,
    )
    .all() as RunRow[];
  const metrics = new Map<number, string[]>();
  const keys = sqlite.prepare('SELECT run_pk AS runPk, key FROM series WHERE point_count > 0 ORDER BY key').all() as Array<{ runPk: number; key: string }>;
  for (const { runPk, key } of keys) {
    const list = metrics.get(runPk);
    if (list) list.push(key);
    else metrics.set(runPk, [key]);
  }
  return runs.map(({ pk, updatedAt, ...run }) => ({
    ...run,
    stale: run.status === 'running' && isIsoTime(updatedAt) && now.getTime() - Date.parse(canonicalIsoTime(updatedAt)) > STALE_AFTER_MS,
    metrics: metrics.get(pk) ?? [],
  }));
}
