// Handlers of the Evals page and the triage board's evidence warnings, over the cached eval-quality report.
import { ApiFailure } from '../../../shared/api/api-result';
import type { CoreDeps } from './core-deps';
import { readEvalQuality } from '../queries/eval-quality';
import { allDecisionEvidenceWarnings, decisionEvidenceWarnings } from '../queries/eval-quality/decision-evidence';
import { seedsNeededForDelta, seedsNeededForProposal, UnknownProposalError } from '../queries/eval-quality/seeds-for-proposal';
import type { HandlerSlice } from './handlers';

type EvalsMethod = 'getEvalQuality' | 'seedsNeededFor' | 'decisionEvidenceWarnings' | 'listDecisionEvidenceWarnings';

function asNotFound<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof UnknownProposalError) throw new ApiFailure('not-found', error.message);
    throw error;
  }
}

export function createEvalsHandlers(deps: CoreDeps): HandlerSlice<EvalsMethod> {
  const sqlite = () => deps.cache.sqlite;
  return {
    async getEvalQuality() {
      return readEvalQuality(sqlite());
    },
    async seedsNeededFor(input) {
      const report = readEvalQuality(sqlite());
      if ('proposalId' in input) return asNotFound(() => seedsNeededForProposal(sqlite(), report, input.proposalId));
      return seedsNeededForDelta(report, input.metric, input.delta);
    },
    async decisionEvidenceWarnings(input) {
      return asNotFound(() => decisionEvidenceWarnings(sqlite(), readEvalQuality(sqlite()), input.proposalId));
    },
    async listDecisionEvidenceWarnings() {
      return { proposals: allDecisionEvidenceWarnings(sqlite(), readEvalQuality(sqlite())) };
    },
  };
}
