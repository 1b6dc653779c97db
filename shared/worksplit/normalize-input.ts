// Checks the plain-data input and turns it into day numbers. A bad item is left out with an
// issue naming where it is and what was expected; every good item around it is kept.
import { dayOfInstant, parseDay, parseInstant } from './calendar';
import type { ProposalKind, SplitIssue, SplitPerson, SplitProposal, SplitRun, WorkSplitInput } from './types';

export interface ActiveProposal {
  id: string;
  title: string;
  area: string | null;
  kind: ProposalKind;
  owner: string | null;
  /** Active on the days [firstDay, endDay); empty when endDay ≤ firstDay. */
  firstDay: number;
  endDay: number;
  people: { id: string; share: number }[];
}

export interface TimedRun {
  id: string;
  proposal: string | null;
  owner: string | null;
  chipHours: number;
  /** The chip-hours are spread evenly over [startMs, endMs]; a point when they are equal. */
  startMs: number;
  endMs: number;
}

export interface DayPhase {
  name: string;
  start: string;
  end: string;
  startDay: number;
  /** Exclusive: the day after the phase's last day. */
  endDay: number;
  target: number;
}

export interface NormalizedInput {
  proposals: Map<string, ActiveProposal>;
  runs: TimedRun[];
  people: SplitPerson[];
  phases: DayPhase[];
  issues: SplitIssue[];
}

const TERMINAL_STATUSES = new Set(['adopted', 'dropped', 'inconclusive']);

function quote(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function normalizeProposal(p: SplitProposal, where: string, todayEnd: number, issues: SplitIssue[]): ActiveProposal | null {
  if (!isNonEmptyString(p.id)) {
    issues.push({ where: `${where}.id`, message: `expected a proposal id, got ${quote(p.id)}` });
    return null;
  }
  const at = `${where} (${p.id})`;
  if (p.kind !== 'critical-path' && p.kind !== 'exploratory') {
    issues.push({ where: `${at}.kind`, message: `expected critical-path or exploratory, got ${quote(p.kind)}; left out of the split` });
    return null;
  }
  const firstDay = typeof p.created === 'string' ? parseDay(p.created) : null;
  if (firstDay === null) {
    issues.push({ where: `${at}.created`, message: `expected a date YYYY-MM-DD, got ${quote(p.created)}; left out of the split` });
    return null;
  }
  let endDay = todayEnd;
  if (p.endedAt !== undefined) {
    const endedMs = typeof p.endedAt === 'string' ? parseInstant(p.endedAt) : null;
    if (endedMs === null) {
      issues.push({ where: `${at}.endedAt`, message: `expected an ISO date or time, got ${quote(p.endedAt)}; counted as active until today` });
    } else {
      endDay = Math.min(todayEnd, dayOfInstant(endedMs));
    }
  } else if (p.status !== undefined && TERMINAL_STATUSES.has(p.status)) {
    issues.push({ where: `${at}.status`, message: `status is ${p.status} but no decision date is known; counted as active until today` });
  }
  const people: { id: string; share: number }[] = [];
  (Array.isArray(p.people) ? p.people : []).forEach((person, i) => {
    const share = person?.share;
    if (!isNonEmptyString(person?.id)) {
      issues.push({ where: `${at}.people[${i}].id`, message: `expected a person id, got ${quote(person?.id)}` });
    } else if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 1) {
      issues.push({ where: `${at}.people[${i}].share`, message: `expected a share of time between 0 and 1, got ${quote(share)}` });
    } else {
      people.push({ id: person.id, share });
    }
  });
  return {
    id: p.id,
    title: typeof p.title === 'string' ? p.title : p.id,
    area: isNonEmptyString(p.area) ? p.area : null,
    kind: p.kind,
    owner: isNonEmptyString(p.owner) ? p.owner : null,
    firstDay,
    endDay,
    people,
  };
}

function normalizeRun(r: SplitRun, where: string, issues: SplitIssue[]): TimedRun | null {
  if (!isNonEmptyString(r.id)) {
    issues.push({ where: `${where}.id`, message: `expected a run id, got ${quote(r.id)}` });
    return null;
  }
  const at = `${where} (${r.id})`;
  const startMs = typeof r.createdAt === 'string' ? parseInstant(r.createdAt) : null;
  if (startMs === null) {
    issues.push({ where: `${at}.createdAt`, message: `expected an ISO time, got ${quote(r.createdAt)}; left out of the split` });
    return null;
  }
  let chipHours = 0;
  if (r.chipHours !== undefined && r.chipHours !== null) {
    if (typeof r.chipHours !== 'number' || !Number.isFinite(r.chipHours) || r.chipHours < 0) {
      issues.push({ where: `${at}.chipHours`, message: `expected a number of chip-hours ≥ 0, got ${quote(r.chipHours)}; counted as 0` });
    } else {
      chipHours = r.chipHours;
    }
  }
  let endMs = startMs;
  const endField = r.finishedAt !== undefined ? 'finishedAt' : r.updatedAt !== undefined ? 'updatedAt' : null;
  if (endField !== null) {
    const raw = r[endField];
    const parsed = typeof raw === 'string' ? parseInstant(raw) : null;
    if (parsed === null) {
      issues.push({ where: `${at}.${endField}`, message: `expected an ISO time, got ${quote(raw)}; chip-hours put in the creation week` });
    } else if (parsed < startMs) {
      issues.push({ where: `${at}.${endField}`, message: `${raw} is before createdAt ${r.createdAt}; chip-hours put in the creation week` });
    } else {
      endMs = parsed;
    }
  }
  return {
    id: r.id,
    proposal: isNonEmptyString(r.proposal) ? r.proposal : null,
    owner: isNonEmptyString(r.owner) ? r.owner : null,
    chipHours,
    startMs,
    endMs,
  };
}

export function normalizePhases(input: WorkSplitInput, issues: SplitIssue[]): DayPhase[] {
  const phases: DayPhase[] = [];
  (input.phases ?? []).forEach((ph, i) => {
    const at = `phases[${i}]${isNonEmptyString(ph?.name) ? ` (${ph.name})` : ''}`;
    const startDay = typeof ph?.start === 'string' ? parseDay(ph.start) : null;
    const endDay = typeof ph?.end === 'string' ? parseDay(ph.end) : null;
    const target = ph?.target_exploratory;
    if (!isNonEmptyString(ph?.name)) {
      issues.push({ where: `${at}.name`, message: `expected a phase name, got ${quote(ph?.name)}` });
    } else if (startDay === null) {
      issues.push({ where: `${at}.start`, message: `expected a date YYYY-MM-DD, got ${quote(ph.start)}` });
    } else if (endDay === null || endDay < startDay) {
      issues.push({ where: `${at}.end`, message: `expected a date YYYY-MM-DD on or after start ${ph.start}, got ${quote(ph.end)}` });
    } else if (typeof target !== 'number' || !Number.isFinite(target) || target < 0 || target > 1) {
      issues.push({ where: `${at}.target_exploratory`, message: `expected a share between 0 and 1, got ${quote(target)}` });
    } else {
      phases.push({ name: ph.name, start: ph.start, end: ph.end, startDay, endDay: endDay + 1, target });
    }
  });
  return phases;
}

/** `today` is a day number; nothing after it is active. */
export function normalizeInput(input: WorkSplitInput, today: number): NormalizedInput {
  const issues: SplitIssue[] = [];
  const proposals = new Map<string, ActiveProposal>();
  (input.proposals ?? []).forEach((p, i) => {
    const normalized = normalizeProposal(p, `proposals[${i}]`, today + 1, issues);
    if (normalized === null) return;
    if (proposals.has(normalized.id)) {
      issues.push({ where: `proposals[${i}] (${normalized.id})`, message: 'the same proposal id appears twice; the first one is used' });
      return;
    }
    proposals.set(normalized.id, normalized);
  });
  const runs: TimedRun[] = [];
  (input.runs ?? []).forEach((r, i) => {
    const normalized = normalizeRun(r, `runs[${i}]`, issues);
    if (normalized !== null) runs.push(normalized);
  });
  const people: SplitPerson[] = [];
  const known = new Set<string>();
  (input.people ?? []).forEach((person, i) => {
    if (!isNonEmptyString(person?.id)) {
      issues.push({ where: `people[${i}].id`, message: `expected a person id, got ${quote(person?.id)}` });
    } else if (known.has(person.id)) {
      issues.push({ where: `people[${i}] (${person.id})`, message: 'the same person id appears twice; the first one is used' });
    } else {
      known.add(person.id);
      people.push(person);
    }
  });
  if (known.size > 0) {
    for (const p of proposals.values()) {
      for (const person of p.people) {
        if (!known.has(person.id)) {
          issues.push({ where: `proposal ${p.id}.people (${person.id})`, message: 'not a person in team.yaml; shown under their id' });
        }
      }
    }
  }
  return { proposals, runs, people, phases: normalizePhases(input, issues), issues };
}
