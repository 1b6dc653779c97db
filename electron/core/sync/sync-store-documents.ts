// Applies each kind of small store file: the marker, team.yaml, run.json, status.json,
// ablations, proposals and events.
import { parseAblationFile } from '../store/parse-ablation-file';
import { parseEventFile } from '../store/parse-event-file';
import { parseProposalFile } from '../store/parse-proposal-file';
import { parseRunFile } from '../store/parse-run-file';
import { parseRunStatus } from '../store/parse-run-status';
import { parseStoreMarker, SUPPORTED_FORMAT_VERSION } from '../store/parse-store-marker';
import { parseTeamFile } from '../store/parse-team-file';
import type { IssueList, SyncIssue } from '../store/sync-issue';
import { releaseDuplicateEvents, removeRunEverywhere } from './retract-store-file';
import type { SyncContext } from './sync-context';
import { LOOK_AGAIN, syncDocumentFile } from './sync-document-file';
import type { WalkedFile } from './walk-lab-store';

export class UnsupportedStoreFormatError extends Error {
  constructor(location: string, version: number) {
    super(
      `${location} is a lab store of format version ${version}; this Tessera reads version ${SUPPORTED_FORMAT_VERSION}. ` +
        'Update Tessera to read it. Nothing was changed.',
    );
    this.name = 'UnsupportedStoreFormatError';
  }
}

export function syncStoreMarker(ctx: SyncContext, file: WalkedFile): Promise<void> {
  return syncDocumentFile(ctx, file, (bytes, issues) => {
    const marker = bytes ? parseStoreMarker(bytes, issues) : null;
    if (marker?.version !== null && marker?.version !== undefined && marker.version > SUPPORTED_FORMAT_VERSION) {
      throw new UnsupportedStoreFormatError(ctx.transport.location, marker.version);
    }
    ctx.entities.setStoreMarker(marker);
  });
}

export function syncTeamFile(ctx: SyncContext, file: WalkedFile): Promise<void> {
  return syncDocumentFile(ctx, file, (bytes, issues) => {
    ctx.entities.replaceTeam(bytes ? parseTeamFile(bytes, issues) : null);
    ctx.tally.team = true;
  });
}

export function syncRunFile(ctx: SyncContext, file: WalkedFile): Promise<void> {
  const runId = file.id!;
  return syncDocumentFile(ctx, file, (bytes, issues) => {
    const run = bytes ? parseRunFile(bytes, runId, issues) : null;
    if (!run) {
      removeRunEverywhere(ctx, runId);
      return;
    }
    const result = ctx.entities.upsertRun(run, ctx.now);
    if ('conflict' in result) {
      issues.add('duplicate-id', `A run "${runId}" was already imported from ${result.conflict}: this one is refused.`, 'run ids unique across sources');
      return;
    }
    ctx.runs.set(runId, result.pk);
    if (result.isNew) {
      ctx.tally.newRuns.add(runId);
      ctx.progress.state.runsNew++;
    } else {
      ctx.tally.runChanged(runId);
    }
  });
}

export async function syncRunStatusFile(ctx: SyncContext, file: WalkedFile): Promise<void> {
  const runId = file.id!;
  // A refused run's files are not read; they are read once its run.json is accepted.
  if (!ctx.runs.has(runId)) return;
  await syncDocumentFile(ctx, file, (bytes, issues) => {
    ctx.entities.setRunStatus(ctx.runs.get(runId)!, bytes ? parseRunStatus(bytes, issues) : null, ctx.now);
    ctx.tally.runChanged(runId);
  });
}

export function syncAblationFile(ctx: SyncContext, file: WalkedFile): Promise<void> {
  return syncDocumentFile(ctx, file, (bytes, issues) => {
    const ablation = bytes ? parseAblationFile(bytes, file.id!, issues) : null;
    if (ablation) ctx.entities.upsertAblation(ablation, file.path);
    else ctx.entities.removeAblation(file.path);
    ctx.tally.ablations.add(file.id!);
  });
}

export function syncProposalFile(ctx: SyncContext, file: WalkedFile): Promise<void> {
  return syncDocumentFile(ctx, file, (bytes, issues) => {
    const proposal = bytes ? parseProposalFile(bytes, file.id!, issues) : null;
    if (proposal) ctx.entities.upsertProposal(proposal, file.path);
    else ctx.entities.removeProposal(file.path);
    ctx.tally.proposals.add(file.id!);
  });
}

function duplicateIssue(path: string, id: string, holder: string): SyncIssue {
  return {
    path,
    line: null,
    code: 'duplicate-id',
    message: `Event id "${id}" is also used by ${holder}, which comes first: this file is ignored.`,
    expected: 'each event id once in the store',
  };
}

/** How far ahead of the reader's clock an event's `at` may be (clock skew) before it waits for its time. */
export const MAX_EVENT_CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Events: when two files carry the same id, the one with the smaller path is kept, so the outcome
 * does not depend on which was synced first. The other gets an issue and remembers whom it lost to.
 * An event dated beyond the clock skew (a wrong clock, a typo of 2036) is an issue and is not applied
 * until its time, so it never outranks decisions made now; the file is looked at on every pass.
 */
export function syncEventFile(ctx: SyncContext, file: WalkedFile): Promise<void> {
  return syncDocumentFile(ctx, file, (bytes, issues: IssueList) => {
    const previous = ctx.entities.removeEvent(file.path);
    if (previous !== undefined) releaseDuplicateEvents(ctx, previous);
    const event = bytes ? parseEventFile(bytes, file.id!, issues) : null;
    ctx.tally.events.add(previous ?? file.id!);
    if (!event) return null;
    if (Date.parse(event.at) > Date.parse(ctx.now) + MAX_EVENT_CLOCK_SKEW_MS) {
      issues.add(
        'future-time',
        `The event is dated ${event.at}, after this machine's clock (${ctx.now}): it is not applied before then.`,
        `"at": the time the event was made, at most ${MAX_EVENT_CLOCK_SKEW_MS / 60_000} minutes ahead of the readers' clocks`,
      );
      return LOOK_AGAIN;
    }
    ctx.tally.events.add(event.id);
    const holder = ctx.entities.eventFile(event.id);
    if (holder !== undefined && holder < file.path) {
      issues.issues.push(duplicateIssue(file.path, event.id, holder));
      return JSON.stringify({ duplicateOf: event.id });
    }
    ctx.entities.upsertEvent(event, file.path);
    const loser = holder === undefined ? undefined : ctx.files.known.get(holder);
    if (loser) {
      ctx.files.replaceIssues(loser.path, [duplicateIssue(loser.path, event.id, file.path)]);
      ctx.files.save({ ...loser, stateJson: JSON.stringify({ duplicateOf: event.id }) });
    }
    return null;
  });
}
