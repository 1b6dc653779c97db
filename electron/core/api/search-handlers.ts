// Handlers for the lab's memory: full-text search and "Tried before?".
import { ApiFailure } from '../../../shared/api/api-result';
import type { CoreDeps } from '../host/core-deps';
import { searchLab } from '../queries/search/search';
import { findTriedBefore } from '../queries/search/tried-before';
import type { HandlerSlice } from './handlers';

export function createSearchHandlers(deps: CoreDeps): HandlerSlice<'search' | 'triedBefore'> {
  const { sqlite } = deps.cache;
  return {
    async search(input) {
      if (input.from && input.to && input.to < input.from) throw new ApiFailure('validation', `to (${input.to}) is before from (${input.from}).`);
      return searchLab(sqlite, input);
    },
    async triedBefore(input) {
      const result = findTriedBefore(sqlite, input.proposalId, input.limit);
      if (!result) throw new ApiFailure('not-found', `There is no proposal "${input.proposalId}" in the cache (proposals/${input.proposalId}.md).`);
      return result;
    },
  };
}
