// Takes out of the cache what one store file had put there: when the file is removed, refused,
// or turns into another kind of entry. Runs inside the caller's transaction.
import { type SyncContext, runIdOfPath } from './sync-context';
import { runFilePaths } from './store-entity-writer';
import { RunMetricsWriter } from './run-metrics-writer';
import type { SyncFileRow } from './sync-file-rows';

/** Removes a run, its series and points, and the state of all its files. */
export function removeRunEverywhere(ctx: SyncContext, runId: string): void {
  const pk = ctx.runs.get(runId);
  if (pk === undefined) return;
  ctx.entities.removeRun(pk);
  for (const path of runFilePaths(runId)) ctx.files.forget(path);
  ctx.runs.delete(runId);
  ctx.tally.removedRuns.add(runId);
  ctx.tally.newRuns.delete(runId);
  ctx.tally.updatedRuns.delete(runId);
  ctx.tally.issues = true;
}

/** Event files that lost a duplicate-id contest to `eventId` are read again: the winner is gone. */
export function releaseDuplicateEvents(ctx: SyncContext, eventId: string): void {
  for (const row of ctx.files.duplicateEventRows()) {
    if ((JSON.parse(row.stateJson!) as { duplicateOf?: string }).duplicateOf === eventId) ctx.files.forget(row.path);
  }
}

export function retractStoreFile(ctx: SyncContext, row: SyncFileRow): void {
  const fileId = (extension: string) => row.path.slice(row.path.lastIndexOf('/') + 1, -extension.length);
  switch (row.kind) {
    case 'run':
      removeRunEverywhere(ctx, runIdOfPath(row.path));
      break;
    case 'run-status': {
      const runId = runIdOfPath(row.path);
      const pk = ctx.runs.get(runId);
      if (pk === undefined) break;
      ctx.entities.setRunStatus(pk, null, ctx.now);
      ctx.tally.runChanged(runId);
      break;
    }
    case 'run-metrics': {
      const runId = runIdOfPath(row.path);
      const pk = ctx.runs.get(runId);
      if (pk === undefined) break;
      const writer = new RunMetricsWriter(ctx.sqlite, pk);
      writer.clearAll();
      writer.flush({ lastStep: null, lastTokens: null, lastTime: null }, ctx.now);
      ctx.tally.runChanged(runId);
      break;
    }
    case 'ablation':
      ctx.entities.removeAblation(row.path);
      ctx.tally.ablations.add(fileId('.yaml'));
      break;
    case 'proposal':
      ctx.entities.removeProposal(row.path);
      ctx.tally.proposals.add(fileId('.md'));
      break;
    case 'event': {
      const removed = ctx.entities.removeEvent(row.path);
      if (removed !== undefined) {
        releaseDuplicateEvents(ctx, removed);
        ctx.tally.events.add(removed);
      }
      break;
    }
    case 'team':
      ctx.entities.replaceTeam(null);
      ctx.tally.team = true;
      break;
    case 'store-marker':
      ctx.entities.setStoreMarker(null);
      break;
    case 'refused':
    case 'missing':
      break;
  }
}
