// Plain-data inputs and outputs of the work split. The SQLite side, the CLI and the Team page
// all speak these shapes, so they are deliberately free of database or UI concerns.

export type ProposalKind = 'critical-path' | 'exploratory';
export type SplitBy = 'week' | 'area' | 'person';
export type SplitMeasure = 'people' | 'compute';

export interface SplitProposal {
  id: string;
  title: string;
  area?: string;
  kind: ProposalKind;
  owner?: string;
  /** YYYY-MM-DD: the first active day. */
  created: string;
  people: { id: string; share: number }[];
  /** Date or ISO time of the adopt, drop or park decision that ended it (its UTC day is not active). */
  endedAt?: string;
  status?: string;
}

export interface SplitRun {
  id: string;
  proposal?: string;
  /** Who launched it (run.json `owner`); by-person compute falls back to the proposal's owner. */
  owner?: string;
  chipHours?: number;
  createdAt: string;
  finishedAt?: string;
  updatedAt?: string;
}

export interface SplitPerson {
  id: string;
  name: string;
  area?: string;
}

export interface SplitPhase {
  name: string;
  /** YYYY-MM-DD, first day of the phase. */
  start: string;
  /** YYYY-MM-DD, last day of the phase (inclusive, as in team.yaml). */
  end: string;
  target_exploratory: number;
}

export interface WorkSplitInput {
  proposals: SplitProposal[];
  runs?: SplitRun[];
  people?: SplitPerson[];
  phases?: SplitPhase[];
}

export interface WorkSplitOptions {
  by: SplitBy;
  measure: SplitMeasure;
  /** YYYY-MM-DD (UTC): nothing after this day is active. */
  today: string;
  /** YYYY-MM-DD: the range starts with the ISO week holding this day (default: the earliest data). */
  from?: string;
  /** YYYY-MM-DD: the range ends with the ISO week holding this day (default: today). */
  to?: string;
}

/** One proposal's part of a bucket: the drill-down behind a bar, band or table cell. */
export interface Contribution {
  proposal: string;
  title: string;
  kind: ProposalKind;
  /** Person-weeks (measure people) or chip-hours (measure compute). */
  amount: number;
  /** Measure compute: the runs that spent it. */
  runs?: string[];
}

export interface SplitAmounts {
  criticalPath: number;
  exploratory: number;
  total: number;
  /** exploratory ÷ total; null when nothing was spent. */
  exploratoryShare: number | null;
}

export interface SplitCell extends SplitAmounts {
  /** Largest contribution first. */
  proposals: Contribution[];
}

export interface WeekInfo {
  /** ISO week label, e.g. 2026-W40. */
  week: string;
  /** Monday and Sunday, YYYY-MM-DD. */
  start: string;
  end: string;
  /** Days of the week up to and including today (7 for past weeks, 0 for future ones). */
  daysElapsed: number;
  phase: string | null;
  target: number | null;
}

export interface WeeklyCell extends SplitCell {
  week: string;
}

export interface SplitBucket extends SplitCell {
  /** The week label, the area, or the person id. */
  key: string;
  label: string;
  /** The bucket's split week by week (one entry when grouping by week). */
  weekly: WeeklyCell[];
}

export interface PhaseSplit extends SplitCell {
  name: string;
  start: string;
  end: string;
  target: number;
  /** The weeks of the range assigned to this phase. */
  weeks: string[];
  /** exploratoryShare − target; null when nothing was spent. */
  gap: number | null;
}

export type LoadFlag = 'over' | 'under' | null;

export interface PersonWeekLoad {
  week: string;
  /** Sum of the person's shares over their active proposals, prorated by active days. */
  load: number;
  flag: LoadFlag;
  proposals: Contribution[];
}

export interface PersonLoadRow {
  person: string;
  name: string;
  area: string | null;
  weeks: PersonWeekLoad[];
}

export interface SplitIssue {
  /** Where the bad or doubtful value is, e.g. `proposals[3] (p-017).people[1].share`. */
  where: string;
  message: string;
}

export interface WorkSplit {
  by: SplitBy;
  measure: SplitMeasure;
  today: string;
  /** Monday of the first week and Sunday of the last week of the range. */
  from: string;
  to: string;
  weeks: WeekInfo[];
  buckets: SplitBucket[];
  phases: PhaseSplit[];
  people: PersonLoadRow[];
  /** Measure compute: chip-hours of runs linked to no known proposal, which have no kind. */
  unclassified: { chipHours: number; runs: string[] };
  issues: SplitIssue[];
}

export type TrendLabel = 'rising' | 'falling' | 'steady' | 'unknown';

export interface BalanceNow {
  today: string;
  measure: SplitMeasure;
  phase: { name: string; start: string; end: string; target: number } | null;
  /** The current ISO week and the three before it. */
  window: { from: string; to: string; weeks: string[] };
  exploratory: number;
  total: number;
  /** Pooled over the window: exploratory ÷ total; null when nothing was spent. */
  actual: number | null;
  /** actual − target. */
  gap: number | null;
  trend: { label: TrendLabel; slopePerWeek: number | null; weeks: { week: string; share: number }[] };
  sentence: string;
  issues: SplitIssue[];
}
