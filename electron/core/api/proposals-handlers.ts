// Handlers for proposals, triage and the decision log. Writes go to the store as new event files;
// one the store refuses waits in the local outbox (retried on start, after every write, on a timer
// while any waits, and on retryPendingEvents) and is shown as pending meanwhile.
import { ApiFailure } from '../../../shared/api/api-result';
import type { PendingEventInfo, WriteEventResult } from '../../../shared/api/proposals-methods';
import { DEFAULT_COST_WEIGHTS } from '../../../shared/domain/complexity-cost';
import { DEFAULT_REGION_THRESHOLDS } from '../../../shared/domain/gain-vs-cost';
import type { EventDraft } from '../../../shared/domain/store-events';
import { EventDraftError, MissingIdentityError, type EventWriter } from '../events/event-writer';
import type { PendingEvent } from '../events/outbox';
import type { CoreDeps } from './core-deps';
import { listDecisionLog, listNotPursued } from '../queries/proposals/decision-log';
import { queryGainVsCost } from '../queries/proposals/gain-vs-cost-query';
import { getProposalDetail } from '../queries/proposals/proposal-detail';
import { listProposalRows } from '../queries/proposals/proposal-rows';
import { isInCache, listPeople, listProposalAreas, listProposalOwners } from '../queries/proposals/triage-choices';
import type { HandlerSlice } from './handlers';

type ProposalsMethod =
  | 'listIdentityChoices'
  | 'listProposals'
  | 'getProposal'
  | 'decide'
  | 'comment'
  | 'setComplexity'
  | 'listDecisions'
  | 'listNotPursued'
  | 'getGainVsCost'
  | 'listPendingEvents'
  | 'retryPendingEvents';

/** What the proposals handlers use of the core. */
export type ProposalsDeps = Pick<CoreDeps, 'cache' | 'config' | 'settings' | 'sync' | 'emit' | 'log'>;

/** `writer` is the core's one event writer (create-handlers.ts), shared with the review's handlers. */
export function createProposalsHandlers(deps: ProposalsDeps, writer: EventWriter): HandlerSlice<ProposalsMethod> {
  const { sqlite } = deps.cache;
  const exists = (kind: 'proposals' | 'ablations' | 'runs' | 'events', id: string) => isInCache(sqlite, kind, id);
  const pending = (): PendingEventInfo[] => writer.pending();

  /** Written events are synced into the cache before the call returns, so every view shows them. */
  async function syncUntilCached(eventIds: string[]): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      await deps.sync.syncNow();
      if (eventIds.every((id) => exists('events', id))) return;
    }
  }

  /** `author` comes with the call: each window says who it is, there is no one identity of the server. */
  async function write(draft: EventDraft, author: string): Promise<WriteEventResult> {
    let outcome;
    try {
      outcome = await writer.write(draft, author);
    } catch (error) {
      if (error instanceof MissingIdentityError || error instanceof EventDraftError) throw new ApiFailure('validation', error.message);
      throw new ApiFailure('unavailable', (error as Error).message);
    }
    deps.emit({ type: 'data-changed', scopes: ['events', 'proposals'], at: new Date().toISOString() });
    if (outcome.state === 'written') {
      // Older events that waited in the outbox go along with this one.
      // The event is in the store whatever happens next; a failed sync only delays the views.
      const flushed = await writer.flush().catch(() => ({ written: [] as string[] }));
      await syncUntilCached([outcome.event.id, ...flushed.written]).catch((error: unknown) =>
        deps.log(`sync after writing ${outcome.event.id} failed: ${(error as Error).message}`),
      );
    }
    return outcome;
  }

  function requireProposal(id: string): void {
    if (!exists('proposals', id)) throw new ApiFailure('not-found', `There is no proposal "${id}" in the cache (proposals/${id}.md).`);
  }

  writer.flushInBackground();

  return {
    async listIdentityChoices() {
      return { people: listPeople(sqlite) };
    },
    async listProposals(input) {
      const proposals = listProposalRows(sqlite, input, pending());
      return { proposals, areas: listProposalAreas(sqlite), owners: listProposalOwners(sqlite) };
    },
    async getProposal(input) {
      const detail = getProposalDetail(sqlite, input.id, pending());
      if (!detail) throw new ApiFailure('not-found', `There is no proposal "${input.id}" in the cache (proposals/${input.id}.md).`);
      return detail;
    },
    async decide(input) {
      requireProposal(input.proposalId);
      return write({ type: 'decision', target: input.proposalId, decision: input.decision, rationale: input.rationale }, input.author);
    },
    async comment(input) {
      if (!exists('proposals', input.target) && !exists('ablations', input.target) && !exists('runs', input.target)) {
        throw new ApiFailure('not-found', `There is no proposal, ablation or run "${input.target}" to comment on.`);
      }
      return write({ type: 'comment', target: input.target, text: input.text }, input.author);
    },
    async setComplexity(input) {
      requireProposal(input.proposalId);
      return write({ type: 'complexity', target: input.proposalId, complexity: input.complexity }, input.author);
    },
    async listDecisions(input) {
      return listDecisionLog(sqlite, input, pending());
    },
    async listNotPursued() {
      return { items: listNotPursued(sqlite, pending()) };
    },
    async getGainVsCost(input) {
      return queryGainVsCost(sqlite, input.weights ?? DEFAULT_COST_WEIGHTS, {
        minGain: input.minGain ?? DEFAULT_REGION_THRESHOLDS.minGain,
        maxCost: input.maxCost ?? DEFAULT_REGION_THRESHOLDS.maxCost,
      });
    },
    async listPendingEvents() {
      const listing = writer.listing();
      const info = (entry: PendingEvent): PendingEventInfo => ({ ...entry, store: entry.store && { url: entry.store.url, name: entry.store.name } });
      return { count: listing.own.length, events: listing.own.map(info), otherStores: listing.elsewhere.map(info), unreadable: listing.unreadable };
    },
    async retryPendingEvents() {
      const result = await writer.flush().catch((error: unknown) => {
        throw new ApiFailure('unavailable', `The outbox ${deps.config.outboxDir} could not be read: ${(error as Error).message}`);
      });
      if (result.written.length > 0) await syncUntilCached(result.written);
      return { written: result.written.length, pending: result.pending, lastError: result.lastError };
    },
  };
}
