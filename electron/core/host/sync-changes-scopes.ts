// Which views a sync pass affected: the scopes the UI invalidates on "data changed", and which runs,
// so a chart of other runs need not be fetched again.
import type { DataScope } from '../../../shared/api/push-events';
import type { SyncChanges } from '../sync/sync-summary';

export function scopesOfSyncChanges(changes: SyncChanges): DataScope[] {
  const scopes = new Set<DataScope>();
  if (changes.runs.length > 0 || changes.removedRuns.length > 0) {
    scopes.add('runs');
    scopes.add('metrics');
  }
  if (changes.proposals.length > 0) scopes.add('proposals');
  if (changes.ablations.length > 0) scopes.add('ablations');
  if (changes.events.length > 0) {
    scopes.add('events');
    scopes.add('proposals');
  }
  if (changes.team) scopes.add('team');
  if (changes.issues) scopes.add('issues');
  return [...scopes];
}

/** Past this many, "any run may have changed" says as much and costs less to push to every client. */
const MAX_PUSHED_RUN_IDS = 500;

export function changedRunIds(changes: SyncChanges): { runIds?: string[] } {
  const ids = [...new Set([...changes.runs, ...changes.removedRuns])];
  return ids.length <= MAX_PUSHED_RUN_IDS ? { runIds: ids } : {};
}
