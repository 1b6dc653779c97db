// The events Tessera adds to the lab store (format 1, events/<yyyy>/<mm>/<id>.json): what a user
// drafts, what is written, and the checks both the core and the UI apply before anything is written.
export const DECISION_OUTCOMES = ['adopt', 'drop', 'park', 'continue'] as const;
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number];

export const PROPOSAL_STATUSES = ['proposed', 'active', 'promising', 'inconclusive', 'adopted', 'dropped'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** What the latest decision on a proposal makes its status (format 1). */
export const STATUS_AFTER_DECISION: Record<DecisionOutcome, ProposalStatus> = {
  adopt: 'adopted',
  drop: 'dropped',
  park: 'inconclusive',
  continue: 'active',
};

export const COMPLEXITY_SCORE_KEYS = ['code', 'knobs', 'infra', 'risk'] as const;
export const COMPLEXITY_KEYS = [...COMPLEXITY_SCORE_KEYS, 'usability_tax'] as const;
export type ComplexityKey = (typeof COMPLEXITY_KEYS)[number];

/** A full assessment: four scores from 0 (none) to 5 (severe), and the usability tax as a fraction 0..1. */
export type ComplexityScores = Record<ComplexityKey, number>;

export const COMPLEXITY_LABELS: Record<ComplexityKey, string> = {
  code: 'Code',
  knobs: 'Knobs',
  infra: 'Infra',
  risk: 'Risk',
  usability_tax: 'Usability tax',
};

export const STORE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const MAX_EVENT_TEXT = 20_000;

export type EventDraft =
  | { type: 'decision'; target: string; decision: DecisionOutcome; rationale: string }
  | { type: 'comment'; target: string; text: string }
  | { type: 'complexity'; target: string; complexity: ComplexityScores }
  | { type: 'review'; target?: string; notes?: string };

/** An event exactly as written to the store: id, at, author, type first, then the type's own fields. */
export type StoreEvent = { id: string; at: string; author: string; type: EventDraft['type'] } & Record<string, unknown>;

export interface DraftProblem {
  field: string;
  message: string;
  expected: string;
}

function problem(field: string, message: string, expected: string): DraftProblem {
  return { field, message, expected };
}

function checkTarget(target: unknown, problems: DraftProblem[], what: string): void {
  if (typeof target !== 'string' || !STORE_ID_RE.test(target)) {
    problems.push(problem('target', `"target" is ${JSON.stringify(target) ?? 'missing'}.`, `the id of ${what} (letters, digits, ".", "_", "-")`));
  }
}

function checkText(value: unknown, field: string, required: boolean, problems: DraftProblem[], expected: string): void {
  if (value === undefined && !required) return;
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    problems.push(problem(field, `"${field}" is ${typeof value === 'string' ? 'empty' : 'missing'}.`, expected));
  } else if (value.length > MAX_EVENT_TEXT) {
    problems.push(problem(field, `"${field}" has ${value.length} characters.`, `at most ${MAX_EVENT_TEXT} characters`));
  }
}

export function checkComplexityScores(value: unknown, problems: DraftProblem[] = [], prefix = 'complexity'): DraftProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(problem(prefix, `"${prefix}" is not a mapping.`, 'a mapping {code, knobs, infra, risk, usability_tax}'));
    return problems;
  }
  const record = value as Record<string, unknown>;
  for (const key of COMPLEXITY_SCORE_KEYS) {
    const score = record[key];
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 5) {
      problems.push(problem(`${prefix}.${key}`, `"${key}" is ${JSON.stringify(score) ?? 'missing'}.`, 'a score from 0 (none) to 5 (severe)'));
    }
  }
  const tax = record.usability_tax;
  if (typeof tax !== 'number' || !Number.isFinite(tax) || tax < 0 || tax > 1) {
    problems.push(
      problem(`${prefix}.usability_tax`, `"usability_tax" is ${JSON.stringify(tax) ?? 'missing'}.`, 'a fraction from 0 to 1 (0.05 = 5 % slower for everyone)'),
    );
  }
  const unknown = Object.keys(record).filter((key) => !(COMPLEXITY_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) problems.push(problem(prefix, `Unknown field(s): ${unknown.join(', ')}.`, 'only code, knobs, infra, risk, usability_tax'));
  return problems;
}

/** Every problem of a draft, each naming its field; empty when the draft can be written. */
export function checkEventDraft(draft: EventDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  switch (draft.type) {
    case 'decision':
      checkTarget(draft.target, problems, 'the proposal decided on');
      if (!(DECISION_OUTCOMES as readonly unknown[]).includes(draft.decision)) {
        problems.push(problem('decision', `"decision" is ${JSON.stringify(draft.decision) ?? 'missing'}.`, 'one of "adopt", "drop", "park", "continue"'));
      }
      checkText(draft.rationale, 'rationale', true, problems, 'the reason for the decision (required)');
      break;
    case 'comment':
      checkTarget(draft.target, problems, 'a proposal, ablation or run');
      checkText(draft.text, 'text', true, problems, 'the comment text');
      break;
    case 'complexity':
      checkTarget(draft.target, problems, 'the proposal assessed');
      checkComplexityScores(draft.complexity, problems);
      break;
    case 'review':
      if (draft.target !== undefined) checkTarget(draft.target, problems, 'a proposal');
      checkText(draft.notes, 'notes', false, problems, 'review notes as text');
      break;
    default:
      problems.push(problem('type', `"type" is ${JSON.stringify((draft as { type?: unknown }).type)}.`, 'one of "decision", "comment", "complexity", "review"'));
  }
  return problems;
}

/** The event as it goes into the store, fields in the order of the format's example. */
export function buildStoreEvent(draft: EventDraft, meta: { id: string; at: string; author: string }): StoreEvent {
  const head = { id: meta.id, at: meta.at, author: meta.author, type: draft.type };
  switch (draft.type) {
    case 'decision':
      return { ...head, target: draft.target, decision: draft.decision, rationale: draft.rationale.trim() };
    case 'comment':
      return { ...head, target: draft.target, text: draft.text };
    case 'complexity': {
      const complexity = Object.fromEntries(COMPLEXITY_KEYS.map((key) => [key, draft.complexity[key]]));
      return { ...head, target: draft.target, complexity };
    }
    case 'review':
      return { ...head, ...(draft.target !== undefined ? { target: draft.target } : {}), ...(draft.notes !== undefined ? { notes: draft.notes } : {}) };
  }
}

/** Where an event lives in the store: events/<yyyy>/<mm>/<id>.json, by the UTC month of its `at`. */
export function eventStorePath(event: { id: string; at: string }): string {
  const at = new Date(event.at);
  if (Number.isNaN(at.getTime())) throw new Error(`Event ${event.id}: "at" is ${JSON.stringify(event.at)}, not an ISO time.`);
  if (!STORE_ID_RE.test(event.id)) throw new Error(`Event id ${JSON.stringify(event.id)} cannot name a file.`);
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `events/${at.getUTCFullYear()}/${month}/${event.id}.json`;
}
