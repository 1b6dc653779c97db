// The work split: critical-path versus exploratory work by week, area and person, against phase targets.
export { computeWorkSplit, InvalidSplitOptionsError } from './compute-work-split';
export { balanceNow, BALANCE_WINDOW_WEEKS, TREND_STEADY_BELOW } from './balance-now';
export { OVER_COMMITTED_ABOVE, UNASSIGNED_BELOW } from './person-load';
export { proposalEndedAt, type ProposalDecision } from './proposal-ended-at';
export type * from './types';
