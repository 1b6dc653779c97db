// The metric keys of some runs (or all), with how many of them logged each and its eval-trust badge.
import type Database from 'better-sqlite3';
import type { MetricInfo } from '../../../../shared/domain/run-views';
import type { TrustOf } from './eval-trust';

export function listMetricNames(sqlite: Database.Database, runIds: readonly string[] | undefined, trust: TrustOf): MetricInfo[] {
  const rows = (
    runIds
      ? sqlite
          .prepare(
            `SELECT s.key, count(DISTINCT s.run_pk) AS runCount FROM series s JOIN runs r ON r.pk = s.run_pk
             WHERE s.point_count > 0 AND r.id IN (SELECT value FROM json_each(?)) GROUP BY s.key`,
          )
          .all(JSON.stringify(runIds))
      : sqlite.prepare('SELECT key, count(DISTINCT run_pk) AS runCount FROM series WHERE point_count > 0 GROUP BY key').all()
  ) as { key: string; runCount: number }[];
  return rows.sort((a, b) => b.runCount - a.runCount || a.key.localeCompare(b.key)).map((r) => ({ ...r, trust: trust(r.key) }));
}
