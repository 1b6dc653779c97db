// Finds the stored series behind (run id, metric) pairs, with what the chart query needs to know of each.
import type Database from 'better-sqlite3';
import { readSummaryState, type SummaryState } from '../../series-summary/summary-chunks';
import type { RunAxisFacts } from './run-axis';

export interface SeriesTarget {
  runId: string;
  metric: string;
  run: (RunAxisFacts & { pk: number; id: string }) | null;
  seriesPk: number | null;
  pointCount: number;
  summary: SummaryState | undefined;
}

export function findSeriesTargets(sqlite: Database.Database, runIds: readonly string[], metrics: readonly string[]): SeriesTarget[] {
  const runs = sqlite
    .prepare(
      `SELECT r.pk, r.id, r.params, r.tokens, r.flops FROM json_each(?) AS j JOIN runs AS r ON r.id = j.value`,
    )
    .all(JSON.stringify(runIds)) as (RunAxisFacts & { pk: number; id: string })[];
  const byId = new Map(runs.map((r) => [r.id, r]));
  const seriesOf = sqlite.prepare('SELECT pk, point_count AS pointCount FROM series WHERE run_pk = ? AND key = ?');
  const targets: SeriesTarget[] = [];
  for (const runId of runIds) {
    const run = byId.get(runId) ?? null;
    for (const metric of metrics) {
      const series = run ? (seriesOf.get(run.pk, metric) as { pk: number; pointCount: number } | undefined) : undefined;
      targets.push({
        runId,
        metric,
        run,
        seriesPk: series?.pk ?? null,
        pointCount: series?.pointCount ?? 0,
        summary: series ? readSummaryState(sqlite, series.pk) : undefined,
      });
    }
  }
  return targets;
}
