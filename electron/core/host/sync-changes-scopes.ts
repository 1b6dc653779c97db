// Which views a sync pass affected: the scopes the UI invalidates on "data changed".
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
