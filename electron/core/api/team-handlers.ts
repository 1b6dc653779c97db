// Handlers of the Team page: the work split and the balance now, computed over the cache.
import { ApiFailure } from '../../../shared/api/api-result';
import { balanceNow, computeWorkSplit, InvalidSplitOptionsError } from '../../../shared/worksplit';
import type { CoreDeps } from './core-deps';
import { readWorkSplitInput } from '../queries/work-split-input';
import type { HandlerSlice } from './handlers';

type TeamMethod = 'getWorkSplit' | 'getBalanceNow';

/** The current UTC date, YYYY-MM-DD: weeks and phases are UTC days everywhere. */
export function utcToday(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Dates that pass the YYYY-MM-DD pattern but are wrong (2026-02-30, `to` before `from`) are the caller's mistake. */
function asValidation<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof InvalidSplitOptionsError) throw new ApiFailure('validation', error.message);
    throw error;
  }
}

export function createTeamHandlers(deps: CoreDeps): HandlerSlice<TeamMethod> {
  return {
    async getWorkSplit(input) {
      const today = input.today ?? utcToday();
      const options = { by: input.by, measure: input.measure, today, from: input.from, to: input.to };
      return asValidation(() => computeWorkSplit(readWorkSplitInput(deps.cache.sqlite), options));
    },
    async getBalanceNow(input) {
      const today = input.today ?? utcToday();
      return asValidation(() => balanceNow(readWorkSplitInput(deps.cache.sqlite), today, input.measure));
    },
  };
}
