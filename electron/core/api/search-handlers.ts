// Handlers for the lab's memory: full-text search and "Tried before?". Both run in the search worker
// (search/search-client.ts), within a time budget, so no query of theirs holds up the core's other calls.
import { ApiFailure } from '../../../shared/api/api-result';
import type { SearchResult, TriedBefore } from '../../../shared/api/search-methods';
import type { CoreDeps } from './core-deps';
import type { SearchTask } from '../search/search-messages';
import { SearchTaskError } from '../search/search-client';
import type { HandlerContext, HandlerSlice } from './handlers';

export function createSearchHandlers(deps: Pick<CoreDeps, 'search'>): HandlerSlice<'search' | 'triedBefore'> {
  async function run<T>(task: SearchTask, ctx: HandlerContext): Promise<T> {
    try {
      return await deps.search.run<T>(task, { signal: ctx.signal });
    } catch (error) {
      if (!(error instanceof SearchTaskError)) throw error;
      throw new ApiFailure(error.kind === 'cancelled' ? 'cancelled' : error.kind === 'over-budget' ? 'unavailable' : 'internal', error.message);
    }
  }

  return {
    async search(input, ctx) {
      if (input.from && input.to && input.to < input.from) throw new ApiFailure('validation', `to (${input.to}) is before from (${input.from}).`);
      return run<SearchResult>({ kind: 'search', options: input }, ctx);
    },
    async triedBefore(input, ctx) {
      const result = await run<TriedBefore | null>({ kind: 'tried-before', proposalId: input.proposalId, limit: input.limit }, ctx);
      if (!result) throw new ApiFailure('not-found', `There is no proposal "${input.proposalId}" in the cache (proposals/${input.proposalId}.md).`);
      return result;
    },
  };
}
