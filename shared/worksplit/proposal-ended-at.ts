import { parseInstant } from './calendar';

export interface ProposalDecision {
  id: string;
  at: string;
  decision: 'adopt' | 'drop' | 'park' | 'continue';
}

const ENDING = new Set(['adopt', 'drop', 'park']);

/**
 * When a proposal's work stopped, from its decision events: the time of the latest decision (by
 * `at`, then `id`, as the lab store orders them) when it is adopt, drop or park; undefined when
 * there is none or the latest is continue. One interval per proposal: a park later followed by
 * continue counts as active throughout.
 */
export function proposalEndedAt(decisions: ProposalDecision[]): string | undefined {
  let latest: { ms: number; decision: ProposalDecision } | null = null;
  for (const decision of decisions) {
    const ms = parseInstant(decision.at);
    if (ms === null) continue;
    if (latest === null || ms > latest.ms || (ms === latest.ms && decision.id > latest.decision.id)) latest = { ms, decision };
  }
  return latest && ENDING.has(latest.decision.decision) ? latest.decision.at : undefined;
}
