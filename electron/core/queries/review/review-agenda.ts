// The weekly review's agenda: everything that changed between the last `review` event (or 7 days
// back) and now, each part from the query its page uses, plus the portfolio balance against the
// phase target now and at the last review.
import type Database from 'better-sqlite3';
import type { PendingEventInfo } from '../../../../shared/api/proposals-methods';
import type { ReviewAgenda } from '../../../../shared/api/review-methods';
import { balanceNow } from '../../../../shared/worksplit';
import { listDecisionLog } from '../proposals/decision-log';
import { readWorkSplitInput } from '../work-split-input';
import { ablationChanges } from './ablation-verdicts';
import { awaitingProposals } from './awaiting-proposals';
import { resolveReviewStart } from './review-start';
import { reviewRuns } from './review-runs';
import { scalingChangeRefs } from './scaling-changes';

export interface ReviewAgendaOptions {
  nowMs: number;
  since?: string;
  pending: readonly PendingEventInfo[];
}

export function buildReviewAgenda(sqlite: Database.Database, options: ReviewAgendaOptions): ReviewAgenda {
  const { nowMs, pending } = options;
  const start = resolveReviewStart(sqlite, nowMs, options.since);
  const sinceMs = Date.parse(start.since);
  const decisions = listDecisionLog(sqlite, { from: start.since, limit: 5000 }, pending).decisions.filter(
    (d) => Date.parse(d.at) > sinceMs && Date.parse(d.at) <= nowMs,
  );
  const ablations = ablationChanges(sqlite, sinceMs, nowMs);
  const split = readWorkSplitInput(sqlite);
  const today = new Date(nowMs).toISOString().slice(0, 10);
  return {
    ...start,
    generatedAt: new Date(nowMs).toISOString(),
    runs: reviewRuns(sqlite, sinceMs, nowMs),
    ablations,
    scaling: scalingChangeRefs(sqlite, sinceMs),
    proposals: awaitingProposals(sqlite, sinceMs, nowMs, pending, ablations),
    decisions: decisions.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id.localeCompare(a.id)),
    balance: {
      people: balanceNow(split, today, 'people'),
      compute: balanceNow(split, today, 'compute'),
      peopleAtLastReview: balanceNow(split, start.since.slice(0, 10), 'people'),
    },
  };
}
