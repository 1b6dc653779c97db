// Reads the work split's input from the SQLite cache: proposals with their people and the
// decision that ended them, the chip-hours of runs, the team and its phases.
import type Database from 'better-sqlite3';
import { proposalEndedAt, type ProposalDecision } from '../../../shared/worksplit';
import type { ProposalKind, SplitPerson, SplitPhase, SplitProposal, SplitRun, WorkSplitInput } from '../../../shared/worksplit';

interface ProposalRow {
  id: string;
  title: string | null;
  owner: string | null;
  area: string | null;
  kind: string | null;
  status: string | null;
  created: string | null;
  peopleJson: string;
}

interface DecisionRow {
  id: string;
  target: string;
  at: string;
  payloadJson: string;
}

interface RunRow {
  id: string;
  proposal: string | null;
  owner: string | null;
  chipHours: number | null;
  createdAt: string;
  state: string | null;
  stateUpdatedAt: string | null;
}

const FINAL_STATES = new Set(['finished', 'failed', 'killed']);
const DECISIONS = new Set(['adopt', 'drop', 'park', 'continue']);

/**
 * The store allows times with any zone or none (read as UTC); the split wants UTC instants.
 * A text that is no time at all is passed on as it is, so the split names it in an issue.
 */
function utcInstant(text: string): string {
  const plain = text.replace(' ', 'T');
  const zoned = plain.length > 10 && !/(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(plain) ? `${plain}Z` : plain;
  const ms = Date.parse(zoned);
  return Number.isFinite(ms) && /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(ms).toISOString() : text;
}

/** `created` may be written as a date or a time; the split counts whole UTC days from it. */
function createdDay(text: string | null): string | undefined {
  if (text === null) return undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const instant = utcInstant(text);
  return instant === text ? text : instant.slice(0, 10);
}

function parsePeople(json: string): { id: string; share: number }[] {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.map((entry: { id?: unknown; share?: unknown } | null) => ({
    id: typeof entry?.id === 'string' ? entry.id : '',
    // A missing share is NaN, which the split reports as "expected a share of time between 0 and 1".
    share: typeof entry?.share === 'number' ? entry.share : Number.NaN,
  }));
}

function decisionsByProposal(sqlite: Database.Database): Map<string, ProposalDecision[]> {
  const rows = sqlite
    .prepare(
      `SELECT id, target, at, payload_json AS payloadJson FROM events
       WHERE type = 'decision' AND target IS NOT NULL`,
    )
    .all() as DecisionRow[];
  const byProposal = new Map<string, ProposalDecision[]>();
  for (const row of rows) {
    let decision: unknown;
    try {
      decision = (JSON.parse(row.payloadJson) as { decision?: unknown }).decision;
    } catch {
      continue;
    }
    if (typeof decision !== 'string' || !DECISIONS.has(decision)) continue;
    const list = byProposal.get(row.target) ?? [];
    list.push({ id: row.id, at: utcInstant(row.at), decision: decision as ProposalDecision['decision'] });
    byProposal.set(row.target, list);
  }
  return byProposal;
}

function readProposals(sqlite: Database.Database): SplitProposal[] {
  const decisions = decisionsByProposal(sqlite);
  const rows = sqlite
    .prepare(
      `SELECT id, title, owner, area, kind, status, created, people_json AS peopleJson
       FROM proposals ORDER BY id`,
    )
    .all() as ProposalRow[];
  // Fields are passed as stored: computeWorkSplit checks each one and leaves out, with an issue
  // naming the proposal and the field, a proposal whose kind or created date is missing or wrong.
  return rows.map((row) => {
    const endedAt = proposalEndedAt(decisions.get(row.id) ?? []);
    return {
      id: row.id,
      title: row.title ?? row.id,
      kind: row.kind as ProposalKind,
      created: createdDay(row.created) as string,
      people: parsePeople(row.peopleJson),
      ...(row.area !== null && { area: row.area }),
      ...(row.owner !== null && { owner: row.owner }),
      ...(row.status !== null && { status: row.status }),
      ...(endedAt !== undefined && { endedAt }),
    };
  });
}

function readRuns(sqlite: Database.Database): SplitRun[] {
  const rows = sqlite
    .prepare(
      `SELECT id, proposal, owner, chip_hours AS chipHours, created_at AS createdAt,
              state, state_updated_at AS stateUpdatedAt
       FROM runs ORDER BY id`,
    )
    .all() as RunRow[];
  return rows.map((row) => {
    const run: SplitRun = { id: row.id, createdAt: utcInstant(row.createdAt) };
    if (row.proposal !== null) run.proposal = row.proposal;
    if (row.owner !== null) run.owner = row.owner;
    if (row.chipHours !== null) run.chipHours = row.chipHours;
    // A run that ended spent its chip-hours up to its last status; a running one up to now, as far as we know.
    if (row.stateUpdatedAt !== null) {
      if (row.state !== null && FINAL_STATES.has(row.state)) run.finishedAt = utcInstant(row.stateUpdatedAt);
      else run.updatedAt = utcInstant(row.stateUpdatedAt);
    }
    return run;
  });
}

function readPeople(sqlite: Database.Database): SplitPerson[] {
  const rows = sqlite.prepare('SELECT id, name, area FROM people ORDER BY rowid').all() as {
    id: string;
    name: string | null;
    area: string | null;
  }[];
  return rows.map((row) => ({ id: row.id, name: row.name ?? row.id, ...(row.area !== null && { area: row.area }) }));
}

function readPhases(sqlite: Database.Database): SplitPhase[] {
  const rows = sqlite
    .prepare('SELECT name, start, "end" AS end, target_exploratory AS target FROM phases ORDER BY ord, name')
    .all() as { name: string; start: string; end: string; target: number | null }[];
  // A missing target is NaN, which the split reports as "expected a share between 0 and 1".
  return rows.map((row) => ({ name: row.name, start: row.start, end: row.end, target_exploratory: row.target ?? Number.NaN }));
}

/** Everything the work split needs, as the lab store's sync left it in the cache. */
export function readWorkSplitInput(sqlite: Database.Database): WorkSplitInput {
  return {
    proposals: readProposals(sqlite),
    runs: readRuns(sqlite),
    people: readPeople(sqlite),
    phases: readPhases(sqlite),
  };
}
