// The runs in the cache with what identifies them at a glance, as `tessera runs` lists them: read by
// the same reader and status rule as the Runs page's rows (run-rows.ts), plus the metrics each logged.
import type Database from 'better-sqlite3';
import { gt } from 'drizzle-orm';
import { runs, series } from '../../db/schema';
import { typedCache } from '../../db/typed-cache';
import { loadStoredRuns, runStatus } from './run-rows';

export interface RunSummary {
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

/** Each run's metric keys with at least one point, sorted, by run pk. */
function loggedMetricsByRun(sqlite: Database.Database): Map<number, string[]> {
  const rows = typedCache(sqlite).select({ runPk: series.runPk, key: series.key }).from(series).where(gt(series.pointCount, 0)).orderBy(series.key).all();
  const byRun = new Map<number, string[]>();
  for (const { runPk, key } of rows) {
    const list = byRun.get(runPk);
    if (list) list.push(key);
    else byRun.set(runPk, [key]);
  }
  return byRun;
}

/** Every run, by id. */
export function listRunSummaries(sqlite: Database.Database, now: Date = new Date()): RunSummary[] {
  const metrics = loggedMetricsByRun(sqlite);
  return loadStoredRuns(sqlite, undefined, runs.id).map((run) => ({
    id: run.id,
    name: run.name,
    group: run.group,
    status: run.state,
    stale: runStatus(run.state, run.stateUpdatedAt, now.getTime()) === 'stale',
    params: run.params,
    tokens: run.tokens,
    lastStep: run.lastStep,
    lastTokens: run.lastTokens,
    pointCount: run.pointCount,
    metrics: metrics.get(run.pk) ?? [],
  }));
}
