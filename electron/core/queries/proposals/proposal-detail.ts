// One proposal in full: front matter and body, people, linked ablations with their measured gains,
// linked runs and the chip-hours they spent, the complexity assessment's history, comments,
// decisions with their conflicts, and what of it still waits in the outbox.
import type Database from 'better-sqlite3';
import type { CommentRow, ComplexityHistoryEntry, PendingEventInfo, ProposalDetail } from '../../../../shared/api/proposals-methods';
import { readComplexityScores } from '../../../../shared/domain/complexity-cost';
import { findDecisionConflicts } from '../../../../shared/domain/decision-conflicts';
import { bestGain, measureAblationGain } from './ablation-gain';
import { decisionsByProposal, LINKED_RUNS_SQL, listProposalRows, parseJsonOrNull } from './proposal-rows';

interface DetailDbRow {
  body: string;
  frontMatterJson: string;
  peopleJson: string;
  expectedJson: string | null;
  computeBudgetJson: string | null;
  declaredComplexityJson: string | null;
  file: string;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function complexityHistory(sqlite: Database.Database, id: string, declaredJson: string | null): ComplexityHistoryEntry[] {
  const history: ComplexityHistoryEntry[] = [];
  const declared = readComplexityScores(parseJsonOrNull(declaredJson));
  if (declared) history.push({ eventId: null, at: null, author: null, complexity: declared, source: 'front-matter' });
  const events = sqlite
    .prepare("SELECT id, at, author, payload_json AS payload FROM events WHERE type = 'complexity' AND target = ? ORDER BY at, id")
    .all(id) as { id: string; at: string; author: string | null; payload: string }[];
  for (const event of events) {
    const complexity = readComplexityScores(asRecord(parseJsonOrNull(event.payload))?.complexity);
    if (complexity) history.push({ eventId: event.id, at: event.at, author: event.author, complexity, source: 'event' });
  }
  return history;
}

export function listComments(sqlite: Database.Database, target: string): CommentRow[] {
  const rows = sqlite
    .prepare("SELECT id, at, author, target, payload_json AS payload FROM events WHERE type = 'comment' AND target = ? ORDER BY at, id")
    .all(target) as { id: string; at: string; author: string | null; target: string; payload: string }[];
  return rows.map((row) => {
    const text = asRecord(parseJsonOrNull(row.payload))?.text;
    return { id: row.id, at: row.at, author: row.author, target: row.target, text: typeof text === 'string' ? text : '' };
  });
}

export function getProposalDetail(sqlite: Database.Database, id: string, pending: readonly PendingEventInfo[]): ProposalDetail | null {
  const [row] = listProposalRows(sqlite, {}, pending, id);
  if (!row) return null;
  const detail = sqlite
    .prepare(
      `SELECT body, front_matter_json AS frontMatterJson, people_json AS peopleJson, expected_json AS expectedJson,
              compute_budget_json AS computeBudgetJson, declared_complexity_json AS declaredComplexityJson, file
       FROM proposals WHERE id = ?`,
    )
    .get(id) as DetailDbRow;
  const names = new Map(
    (sqlite.prepare('SELECT id, name FROM people').all() as { id: string; name: string | null }[]).map((p) => [p.id, p.name]),
  );
  const people = ((parseJsonOrNull(detail.peopleJson) as { id: string; share: number | null }[] | null) ?? []).map((person) => ({
    id: person.id,
    share: person.share ?? null,
    name: names.get(person.id) ?? null,
  }));
  const ablationRows = sqlite
    .prepare(
      `SELECT a.id, a.title, a.metric, a.baseline, a.compare_at AS compareAt,
              (SELECT count(*) FROM runs r WHERE r.ablation = a.id) AS runCount
       FROM ablations a
       WHERE a.proposal = ? OR a.id IN (SELECT r.ablation FROM runs r WHERE r.proposal = ? AND r.ablation IS NOT NULL)
       ORDER BY a.id`,
    )
    .all(id, id) as { id: string; title: string | null; metric: string | null; baseline: string | null; compareAt: string; runCount: number }[];
  const gains = ablationRows.map((ablation) => measureAblationGain(sqlite, ablation.id));
  const runs = sqlite
    .prepare(
      `SELECT r.id, r.name, r.ablation, r.variant, r.seed, r.params, r.state, r.chip_hours AS chipHours
       FROM runs r, (SELECT ? AS id) p WHERE ${LINKED_RUNS_SQL} ORDER BY r.ablation, r.params, r.variant, r.seed, r.id`,
    )
    .all(id) as ProposalDetail['runs'];
  const decisions = decisionsByProposal(sqlite).get(id) ?? [];
  const comments = listComments(sqlite, id);
  return {
    ...row,
    body: detail.body,
    frontMatter: asRecord(parseJsonOrNull(detail.frontMatterJson)) ?? {},
    people,
    expected: asRecord(parseJsonOrNull(detail.expectedJson)),
    computeBudget: asRecord(parseJsonOrNull(detail.computeBudgetJson)),
    file: detail.file,
    ablations: ablationRows.map((ablation, i) => ({ ...ablation, gain: gains[i]!.gain, gainNote: gains[i]!.note })),
    runs,
    runsWithoutChipHours: runs.filter((run) => run.chipHours === null).length,
    evidence: bestGain(gains),
    complexityHistory: complexityHistory(sqlite, id, detail.declaredComplexityJson),
    comments,
    decisions,
    conflicts: findDecisionConflicts(decisions),
    pending: pending.filter((entry) => entry.event.target === id),
  };
}
