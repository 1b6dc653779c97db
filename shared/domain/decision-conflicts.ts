// Decisions on one proposal: which one sets its status, and which pairs conflict.
//
// The latest decision (by `at`, then id) wins, as format 1 says. Two consecutive decisions on the
// same proposal CONFLICT when their outcomes differ and either
//   - they were made within 24 hours of each other (two leads deciding at once, or in the same
//     meeting, before either saw the other's decision), or
//   - they were made by different people within 14 days (a disagreement that was not talked through).
// A change of outcome by the same person more than a day later, or by anyone more than two weeks
// later, is a revision on new evidence, not a conflict.
import type { DecisionOutcome } from './store-events';

export const CONFLICT_ANYONE_WINDOW_MS = 24 * 3600 * 1000;
export const CONFLICT_DIFFERENT_PEOPLE_WINDOW_MS = 14 * 24 * 3600 * 1000;

export interface DecisionLike {
  id: string;
  at: string;
  author: string | null;
  decision: DecisionOutcome;
}

export interface DecisionConflict {
  earlierId: string;
  laterId: string;
  /** Why the pair counts as a conflict, in words. */
  reason: string;
}

export function compareDecisions(a: { at: string; id: string }, b: { at: string; id: string }): number {
  const ta = Date.parse(a.at);
  const tb = Date.parse(b.at);
  if (ta !== tb) return ta - tb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function latestDecision<T extends DecisionLike>(decisions: readonly T[]): T | null {
  let latest: T | null = null;
  for (const d of decisions) if (latest === null || compareDecisions(d, latest) > 0) latest = d;
  return latest;
}

function hours(ms: number): string {
  return ms < 3600_000 ? `${Math.round(ms / 60_000)} min` : ms < 48 * 3600_000 ? `${(ms / 3600_000).toFixed(1)} h` : `${(ms / 86400_000).toFixed(1)} days`;
}

/** Conflicting consecutive pairs among the decisions of one proposal (in any order). */
export function findDecisionConflicts(decisions: readonly DecisionLike[]): DecisionConflict[] {
  const sorted = [...decisions].sort(compareDecisions);
  const conflicts: DecisionConflict[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const earlier = sorted[i - 1]!;
    const later = sorted[i]!;
    if (earlier.decision === later.decision) continue;
    const gap = Date.parse(later.at) - Date.parse(earlier.at);
    const differentPeople = (earlier.author ?? '') !== (later.author ?? '');
    const who = differentPeople ? `${earlier.author ?? 'someone'} (${earlier.decision}) and ${later.author ?? 'someone'} (${later.decision})` : `${later.author ?? 'someone'}: ${earlier.decision} then ${later.decision}`;
    if (gap <= CONFLICT_ANYONE_WINDOW_MS) {
      conflicts.push({ earlierId: earlier.id, laterId: later.id, reason: `${who}, ${hours(gap)} apart` });
    } else if (differentPeople && gap <= CONFLICT_DIFFERENT_PEOPLE_WINDOW_MS) {
      conflicts.push({ earlierId: earlier.id, laterId: later.id, reason: `${who} disagree, ${hours(gap)} apart` });
    }
  }
  return conflicts;
}
