// Turns proposals and runs into atoms: one amount of work, of one proposal, in one week, for one
// person. Every table and chart of the split is a grouping of these atoms.
import { dayOfInstant, dayToMs, mondayOf, overlapDays } from './calendar';
import type { ActiveProposal, TimedRun } from './normalize-input';

export interface WeekRange {
  /** Monday of the first week. */
  firstMonday: number;
  count: number;
}

export interface SplitAtom {
  week: number;
  proposal: ActiveProposal;
  person: string;
  amount: number;
  run?: string;
}

/** Key of compute spent by a run with no owner on a proposal with no owner. */
export const UNASSIGNED_PERSON = '(unassigned)';

/** Person-weeks: share × (active days in the week ÷ 7), for each person of each proposal. */
export function attributePersonWeeks(proposals: Iterable<ActiveProposal>, range: WeekRange): SplitAtom[] {
  const atoms: SplitAtom[] = [];
  for (const proposal of proposals) {
    if (proposal.endDay <= proposal.firstDay) continue;
    const first = Math.max(0, (mondayOf(proposal.firstDay) - range.firstMonday) / 7);
    const last = Math.min(range.count - 1, (mondayOf(proposal.endDay - 1) - range.firstMonday) / 7);
    for (let week = first; week <= last; week++) {
      const monday = range.firstMonday + week * 7;
      const days = overlapDays(monday, monday + 7, proposal.firstDay, proposal.endDay);
      for (const person of proposal.people) {
        const amount = (person.share * days) / 7;
        if (amount > 0) atoms.push({ week, proposal, person: person.id, amount });
      }
    }
  }
  return atoms;
}

/**
 * A run's chip-hours spread evenly over the time from createdAt to finishedAt (or, while it
 * runs, its last updatedAt), so each week gets the part that ran in it. With only createdAt
 * known, all of it goes to the creation week. Weeks outside the range are dropped.
 */
export function spreadChipHours(run: TimedRun, range: WeekRange): { week: number; amount: number }[] {
  const toIndex = (ms: number) => (mondayOf(dayOfInstant(ms)) - range.firstMonday) / 7;
  const inRange = (week: number) => week >= 0 && week < range.count;
  if (run.endMs <= run.startMs) {
    const week = toIndex(run.startMs);
    return inRange(week) ? [{ week, amount: run.chipHours }] : [];
  }
  const parts: { week: number; amount: number }[] = [];
  const duration = run.endMs - run.startMs;
  const last = Math.min(range.count - 1, toIndex(run.endMs));
  for (let week = Math.max(0, toIndex(run.startMs)); week <= last; week++) {
    const weekStart = dayToMs(range.firstMonday + week * 7);
    const overlap = Math.min(run.endMs, dayToMs(range.firstMonday + week * 7 + 7)) - Math.max(run.startMs, weekStart);
    if (overlap > 0) parts.push({ week, amount: (run.chipHours * overlap) / duration });
  }
  return parts;
}

export interface ComputeAttribution {
  atoms: SplitAtom[];
  unclassified: { chipHours: number; runs: string[] };
}

/** Chip-hours per week of runs linked to a proposal; by person they go to the run's owner, else the proposal's. */
export function attributeChipHours(runs: TimedRun[], proposals: Map<string, ActiveProposal>, range: WeekRange): ComputeAttribution {
  const atoms: SplitAtom[] = [];
  const unclassified = { chipHours: 0, runs: [] as string[] };
  for (const run of runs) {
    const parts = spreadChipHours(run, range);
    if (parts.length === 0) continue;
    const proposal = run.proposal === null ? undefined : proposals.get(run.proposal);
    if (proposal === undefined) {
      unclassified.runs.push(run.id);
      for (const part of parts) unclassified.chipHours += part.amount;
      continue;
    }
    const person = run.owner ?? proposal.owner ?? UNASSIGNED_PERSON;
    for (const part of parts) atoms.push({ week: part.week, proposal, person, amount: part.amount, run: run.id });
  }
  return { atoms, unclassified };
}
