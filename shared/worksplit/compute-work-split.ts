import { attributeChipHours, attributePersonWeeks, UNASSIGNED_PERSON, type SplitAtom, type WeekRange } from './attribute-work';
import { dayOfInstant, formatDay, isoWeekLabel, mondayOf, parseDay } from './calendar';
import { normalizeInput, type DayPhase, type NormalizedInput } from './normalize-input';
import { personLoadTable } from './person-load';
import { phaseOfWeek } from './phases';
import { groupAtoms, summarizeAtoms } from './summarize';
import type { PhaseSplit, SplitBucket, WeekInfo, WorkSplit, WorkSplitInput, WorkSplitOptions } from './types';

export class InvalidSplitOptionsError extends Error {
  override name = 'InvalidSplitOptionsError';
}

const NO_AREA = '(none)';

/**
 * The critical-path versus exploratory split of the team's work.
 *
 * - A proposal is active on every UTC day from `created` up to, not including, the day of the
 *   decision that ended it, and at most through `today`. Adopt and drop end it; so does park:
 *   parking sets the status to inconclusive and frees its people for other work, so counting
 *   them on it afterwards would overstate their load and the exploratory share. Continue does not
 *   end it. A proposal with a terminal status but no decision date counts until today, with an issue;
 *   otherwise the status is not read (a `proposed` one counts from `created`, like the others).
 * - Weeks are ISO weeks, Monday to Sunday, UTC. `from` and `to` pick whole weeks: the range runs
 *   from the week holding `from` (default: the earliest proposal or run) to the week holding `to`
 *   (default: today), so a week's numbers never depend on where in it the range starts.
 * - Measure people: a person's person-weeks on a proposal in a week = share × (active days ÷ 7).
 *   Measure compute: a run's chip-hours are spread evenly from createdAt to finishedAt (else its
 *   last updatedAt) and each week gets the part that ran in it; with only createdAt known, all of
 *   it goes to the creation week. Runs with no known proposal have no kind and are reported as
 *   `unclassified` instead of being counted.
 * - Exploratory share = exploratory ÷ (critical-path + exploratory), null when both are 0.
 * - By week: one bucket per week of the range. By area: per proposal area. By person: per person
 *   (compute goes to the run's owner, else the proposal's owner). Every bucket holds its totals
 *   over the range, its week-by-week split, and the proposals behind each.
 * - A week's phase is the phase holding most of its days (see phaseOfWeek); a phase's actual share
 *   pools the weeks assigned to it, so it matches the bands drawn over the weekly chart.
 * - The person table always measures people; see personLoadTable for the flags.
 */
export function computeWorkSplit(input: WorkSplitInput, options: WorkSplitOptions): WorkSplit {
  const today = requireDay(options.today, 'options.today');
  if (!['week', 'area', 'person'].includes(options.by)) {
    throw new InvalidSplitOptionsError(`options.by: expected week, area or person, got ${JSON.stringify(options.by)}`);
  }
  if (!['people', 'compute'].includes(options.measure)) {
    throw new InvalidSplitOptionsError(`options.measure: expected people or compute, got ${JSON.stringify(options.measure)}`);
  }
  const data = normalizeInput(input, today);
  const range = weekRange(data, today, options);
  const weekPhases = Array.from({ length: range.count }, (_, i) => phaseOfWeek(range.firstMonday + i * 7, data.phases));
  const weeks = describeWeeks(range, weekPhases, today);
  const personWeeks = attributePersonWeeks(data.proposals.values(), range);
  const compute = options.measure === 'compute' ? attributeChipHours(data.runs, data.proposals, range) : null;
  const atoms = compute ? compute.atoms : personWeeks;
  return {
    by: options.by,
    measure: options.measure,
    today: options.today,
    from: formatDay(range.firstMonday),
    to: formatDay(range.firstMonday + range.count * 7 - 1),
    weeks,
    buckets: bucketsBy(options.by, atoms, weeks, data),
    phases: phaseSplits(atoms, weeks, weekPhases, data),
    people: personLoadTable(personWeeks, weeks, data.people),
    unclassified: compute ? compute.unclassified : { chipHours: 0, runs: [] },
    issues: data.issues,
  };
}

function requireDay(text: string | undefined, field: string): number {
  const day = typeof text === 'string' ? parseDay(text) : null;
  if (day === null) throw new InvalidSplitOptionsError(`${field}: expected a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return day;
}

function weekRange(data: NormalizedInput, today: number, options: WorkSplitOptions): WeekRange {
  let earliest = today;
  for (const p of data.proposals.values()) earliest = Math.min(earliest, p.firstDay);
  for (const r of data.runs) earliest = Math.min(earliest, dayOfInstant(r.startMs));
  const from = options.from === undefined ? earliest : requireDay(options.from, 'options.from');
  const to = options.to === undefined ? today : requireDay(options.to, 'options.to');
  if (to < from) throw new InvalidSplitOptionsError(`options.to: ${options.to ?? options.today} is before options.from ${formatDay(from)}`);
  const firstMonday = mondayOf(from);
  return { firstMonday, count: (mondayOf(to) - firstMonday) / 7 + 1 };
}

function describeWeeks(range: WeekRange, weekPhases: (DayPhase | null)[], today: number): WeekInfo[] {
  return weekPhases.map((phase, i) => {
    const monday = range.firstMonday + i * 7;
    return {
      week: isoWeekLabel(monday),
      start: formatDay(monday),
      end: formatDay(monday + 6),
      daysElapsed: Math.max(0, Math.min(7, today - monday + 1)),
      phase: phase?.name ?? null,
      target: phase?.target ?? null,
    };
  });
}

function weeklyCells(atoms: SplitAtom[], weeks: WeekInfo[]) {
  const byWeek = groupAtoms(atoms, (a) => a.week);
  return weeks.map((info, i) => ({ week: info.week, ...summarizeAtoms(byWeek.get(i) ?? []) }));
}

function bucketsBy(by: WorkSplitOptions['by'], atoms: SplitAtom[], weeks: WeekInfo[], data: NormalizedInput): SplitBucket[] {
  if (by === 'week') {
    return weeklyCells(atoms, weeks).map((cell, i) => ({
      key: cell.week,
      label: `${cell.week} (${weeks[i]!.start})`,
      ...cell,
      weekly: [cell],
    }));
  }
  const keyOf: (a: SplitAtom) => string = by === 'area' ? (a) => a.proposal.area ?? NO_AREA : (a) => a.person;
  const groups = groupAtoms(atoms, keyOf);
  for (const key of groupKeysWithoutWork(by, data)) if (!groups.has(key)) groups.set(key, []);
  return [...groups.entries()]
    .map(([key, group]) => ({ key, label: groupLabel(by, key, data), ...summarizeAtoms(group), weekly: weeklyCells(group, weeks) }))
    .sort((a, b) => groupOrder(by, a.key, data) - groupOrder(by, b.key, data) || a.key.localeCompare(b.key));
}

/** Team members and their areas appear even when no proposal claims them: an idle area or person is worth seeing. */
function groupKeysWithoutWork(by: 'area' | 'person', data: NormalizedInput): string[] {
  if (by === 'person') return data.people.map((p) => p.id);
  return data.people.flatMap((p) => (p.area ? [p.area] : []));
}

function groupLabel(by: 'area' | 'person', key: string, data: NormalizedInput): string {
  if (by === 'area') return key === NO_AREA ? 'No area' : key;
  if (key === UNASSIGNED_PERSON) return 'Unassigned';
  return data.people.find((p) => p.id === key)?.name || key;
}

/** People in team.yaml order, then other ids; areas alphabetically; the catch-all group last. */
function groupOrder(by: 'area' | 'person', key: string, data: NormalizedInput): number {
  if (key === NO_AREA || key === UNASSIGNED_PERSON) return Number.MAX_SAFE_INTEGER;
  if (by === 'area') return 0;
  const index = data.people.findIndex((p) => p.id === key);
  return index === -1 ? data.people.length : index;
}

function phaseSplits(atoms: SplitAtom[], weeks: WeekInfo[], weekPhases: (DayPhase | null)[], data: NormalizedInput): PhaseSplit[] {
  const splits: PhaseSplit[] = [];
  for (const phase of data.phases) {
    const weekIndexes = weekPhases.flatMap((p, i) => (p === phase ? [i] : []));
    if (weekIndexes.length === 0) continue;
    const inPhase = new Set(weekIndexes);
    const cell = summarizeAtoms(atoms.filter((a) => inPhase.has(a.week)));
    splits.push({
      name: phase.name,
      start: phase.start,
      end: phase.end,
      target: phase.target,
      weeks: weekIndexes.map((i) => weeks[i]!.week),
      ...cell,
      gap: cell.exploratoryShare === null ? null : cell.exploratoryShare - phase.target,
    });
  }
  return splits;
}
