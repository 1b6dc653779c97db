// Scaling fits with runs they did not have at the last review. A run enters a fit once it has a
// final loss (finished, complete, finite), so the fit "as of the review" is the same fit without the
// runs whose status changed after it (or that were created after it): those are left out as
// exclusions of that one computation, never recorded as the user's exclusions.
import type Database from 'better-sqlite3';
import type { ScalingChangeRef } from '../../../../shared/api/review-methods';
import type { FitExclusion } from '../fit-exclusions';
import { readScalingData, type ScalingDataQuery } from '../scaling-observations';
import { listScalingScopes } from '../scaling-scopes-list';
import { storeTimeMs } from './review-start';

/** When a run's current state was reached: status.json's updated_at, else run.json's created_at. */
function settledAtMs(row: { stateUpdatedAt: string | null; createdAt: string }): number | null {
  return storeTimeMs(row.stateUpdatedAt) ?? storeTimeMs(row.createdAt);
}

/** Runs of the query's fit (excluded ones too) that reached their final state after `sinceMs`. */
export function runsNewToFit(sqlite: Database.Database, query: ScalingDataQuery, sinceMs: number): string[] {
  const data = readScalingData(sqlite, query);
  const timeOf = sqlite.prepare('SELECT state_updated_at AS stateUpdatedAt, created_at AS createdAt FROM runs WHERE id = ?');
  return data.runs
    .filter((run) => {
      const at = settledAtMs(timeOf.get(run.id) as { stateUpdatedAt: string | null; createdAt: string });
      return at !== null && at > sinceMs;
    })
    .map((run) => run.id);
}

/** The exclusions that turn today's fit into the fit as it stood at the review. */
export function exclusionsAsOf(query: ScalingDataQuery, newRuns: readonly string[], since: string): FitExclusion[] {
  const already = new Set(query.exclusions.map((e) => e.runId));
  const added = newRuns.filter((id) => !already.has(id)).map((runId) => ({ runId, reason: `finished after the review of ${since}`, at: since }));
  return [...query.exclusions, ...added];
}

export function scalingChangeRefs(sqlite: Database.Database, sinceMs: number): ScalingChangeRef[] {
  const refs: ScalingChangeRef[] = [];
  for (const scope of listScalingScopes(sqlite)) {
    // "Every run" mixes every experiment; the groups and ablations it is made of are reported instead.
    if (scope.kind === 'all' || scope.id === null) continue;
    const query: ScalingDataQuery = { scope: scope.kind === 'group' ? { group: scope.id } : { ablation: scope.id }, metric: scope.metric, exclusions: [] };
    const newRuns = runsNewToFit(sqlite, query, sinceMs);
    if (newRuns.length > 0) refs.push({ kind: scope.kind, id: scope.id, title: scope.title, newRuns });
  }
  return refs;
}
