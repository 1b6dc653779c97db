// One run in full: its row, flattened config, run.json as read, and every metric with its last value.
import type Database from 'better-sqlite3';
import type { RunDetail, RunMetric } from '../../../../shared/domain/run-views';
import type { TrustOf } from './eval-trust';
import { flattenConfig, parseJsonObject } from './flatten-config';
import { eq } from 'drizzle-orm';
import { runs } from '../../db/schema';
import { loadStoredRuns, toRunRow } from './run-rows';

export class RunNotFoundError extends Error {
  constructor(runId: string) {
    super(`No run "${runId}" in the cache.`);
    this.name = 'RunNotFoundError';
  }
}

function lastValue(value: number | null, pointCount: number): RunMetric['lastValue'] {
  if (pointCount === 0) return null;
  // The cache stores NaN as NULL.
  if (value === null) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  return value;
}

export function getRunDetail(sqlite: Database.Database, runId: string, trust: TrustOf, now = Date.now()): RunDetail {
  const [run] = loadStoredRuns(sqlite, eq(runs.id, runId));
  if (!run) throw new RunNotFoundError(runId);
  const raw = sqlite.prepare('SELECT raw_json FROM runs WHERE pk = ?').pluck().get(run.pk) as string;
  const series = sqlite
    .prepare('SELECT key, point_count AS pointCount, last_step AS lastStep, last_value AS lastValue, non_finite_count AS nonFiniteCount FROM series WHERE run_pk = ? ORDER BY key')
    .all(run.pk) as { key: string; pointCount: number; lastStep: number | null; lastValue: number | null; nonFiniteCount: number }[];
  return {
    run: toRunRow(run, now, null, []),
    config: [...flattenConfig(parseJsonObject(run.configJson))].map(([key, value]) => ({ key, value })),
    raw: parseJsonObject(raw),
    metrics: series.map((s) => ({ ...s, lastValue: lastValue(s.lastValue, s.pointCount), trust: trust(s.key) })),
  };
}
