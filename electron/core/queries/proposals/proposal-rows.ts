// Proposals as rows: status after the latest decision, complexity after the latest assessment, the
// decision history per proposal with its conflicts, and the chip-hours their linked runs spent.
import type Database from 'better-sqlite3';
import type { DecisionRef, ProposalRow } from '../../../../shared/api/proposals-methods';
import { complexityCost, readComplexityScores } from '../../../../shared/domain/complexity-cost';
import { compareDecisions, findDecisionConflicts, latestDecision } from '../../../../shared/domain/decision-conflicts';
import { DECISION_OUTCOMES, type DecisionOutcome, type StoreEvent } from '../../../../shared/domain/store-events';

export interface ProposalFilters {
  area?: string;
  kind?: string;
  status?: string;
  owner?: string;
}

interface ProposalDbRow {
  id: string;
  title: string | null;
  owner: string | null;
  area: string | null;
  kind: string | null;
  status: string | null;
  declaredStatus: string | null;
  created: string | null;
  complexityJson: string | null;
  computeBudgetJson: string | null;
  spent: number;
}

export function parseJsonOrNull(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Every decision in the cache, per proposal, oldest first. */
export function decisionsByProposal(sqlite: Database.Database): Map<string, DecisionRef[]> {
  const rows = sqlite
    .prepare("SELECT id, at, author, target, payload_json AS payload FROM events WHERE type = 'decision' AND target IS NOT NULL")
    .all() as { id: string; at: string; author: string | null; target: string; payload: string }[];
  const map = new Map<string, DecisionRef[]>();
  for (const row of rows) {
    const payload = parseJsonOrNull(row.payload) as { decision?: unknown; rationale?: unknown } | null;
    const decision = payload?.decision;
    if (!(DECISION_OUTCOMES as readonly unknown[]).includes(decision)) continue;
    const list = map.get(row.target) ?? [];
    list.push({
      id: row.id,
      at: row.at,
      author: row.author,
      decision: decision as DecisionOutcome,
      rationale: typeof payload?.rationale === 'string' ? payload.rationale : '',
    });
    map.set(row.target, list);
  }
  for (const list of map.values()) list.sort(compareDecisions);
  return map;
}

export function budgetChipHours(computeBudgetJson: string | null): number | null {
  const budget = parseJsonOrNull(computeBudgetJson) as { chip_hours?: unknown } | null;
  return typeof budget?.chip_hours === 'number' && Number.isFinite(budget.chip_hours) ? budget.chip_hours : null;
}

/** The runs of a proposal: those naming it, and those of the ablations that name it. */
export const LINKED_RUNS_SQL = `r.proposal = p.id OR r.ablation IN (SELECT a.id FROM ablations a WHERE a.proposal = p.id)`;

/** Decision outcomes waiting in the outbox, per proposal, in the order they were made. */
export function pendingDecisionsByProposal(pending: readonly { event: StoreEvent }[]): Map<string, DecisionOutcome[]> {
  const map = new Map<string, DecisionOutcome[]>();
  for (const { event } of pending) {
    if (event.type !== 'decision' || typeof event.target !== 'string') continue;
    map.set(event.target, [...(map.get(event.target) ?? []), event.decision as DecisionOutcome]);
  }
  return map;
}

export function listProposalRows(
  sqlite: Database.Database,
  filters: ProposalFilters,
  pending: readonly { event: StoreEvent }[],
  onlyId?: string,
): ProposalRow[] {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    args.push(value);
  };
  if (onlyId !== undefined) add('p.id = ?', onlyId);
  if (filters.area) add('p.area = ?', filters.area);
  if (filters.kind) add('p.kind = ?', filters.kind);
  if (filters.status) add('p.status = ?', filters.status);
  if (filters.owner) add('p.owner = ?', filters.owner);
  const rows = sqlite
    .prepare(
      `SELECT p.id, p.title, p.owner, p.area, p.kind, p.status, p.declared_status AS declaredStatus, p.created,
              p.complexity_json AS complexityJson, p.compute_budget_json AS computeBudgetJson,
              (SELECT coalesce(sum(r.chip_hours), 0) FROM runs r WHERE ${LINKED_RUNS_SQL}) AS spent
       FROM proposals p ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY p.id`,
    )
    .all(...args) as ProposalDbRow[];
  const decisions = decisionsByProposal(sqlite);
  const pendingDecisions = pendingDecisionsByProposal(pending);
  return rows.map((row) => {
    const history = decisions.get(row.id) ?? [];
    const complexity = readComplexityScores(parseJsonOrNull(row.complexityJson));
    return {
      id: row.id,
      title: row.title,
      owner: row.owner,
      area: row.area,
      kind: row.kind,
      status: row.status,
      declaredStatus: row.declaredStatus,
      created: row.created,
      complexity,
      cost: complexity ? complexityCost(complexity).total : null,
      lastDecision: latestDecision(history),
      conflict: findDecisionConflicts(history).length > 0,
      pendingDecisions: pendingDecisions.get(row.id) ?? [],
      chipHoursSpent: row.spent,
      chipHoursBudget: budgetChipHours(row.computeBudgetJson),
    };
  });
}
