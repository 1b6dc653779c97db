// The decision log (who decided what, when and why; decisions still in the outbox shown as pending)
// and "what we decided not to do": dropped and parked directions with their reasons and evidence.
import type Database from 'better-sqlite3';
import type { DecisionLogRow, NotPursuedRow, PendingEventInfo } from '../../../../shared/api/proposals-methods';
import { findDecisionConflicts, latestDecision } from '../../../../shared/domain/decision-conflicts';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { bestGain, measureAllAblationGains } from './ablation-gain';
import { decisionsByProposal, listProposalRows } from './proposal-rows';

export interface DecisionLogFilters {
  author?: string;
  decision?: DecisionOutcome;
  proposalId?: string;
  from?: string;
  to?: string;
  limit: number;
}

/** A bare date as `to` means the whole of that day. */
function upperBound(to: string): number {
  const time = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(to) ? `${to}T23:59:59.999Z` : to);
  return time;
}

export function listDecisionLog(
  sqlite: Database.Database,
  filters: DecisionLogFilters,
  pending: readonly PendingEventInfo[],
): { decisions: DecisionLogRow[]; authors: string[] } {
  const titles = new Map(
    (sqlite.prepare('SELECT id, title FROM proposals').all() as { id: string; title: string | null }[]).map((p) => [p.id, p.title]),
  );
  const rows: DecisionLogRow[] = [];
  for (const [proposalId, decisions] of decisionsByProposal(sqlite)) {
    const conflicted = new Set(findDecisionConflicts(decisions).flatMap((c) => [c.earlierId, c.laterId]));
    const current = latestDecision(decisions)?.id;
    for (const decision of decisions) {
      rows.push({ ...decision, proposalId, proposalTitle: titles.get(proposalId) ?? null, pending: false, conflict: conflicted.has(decision.id), current: decision.id === current });
    }
  }
  for (const { event } of pending) {
    if (event.type !== 'decision' || typeof event.target !== 'string') continue;
    rows.push({
      id: event.id,
      at: event.at,
      author: event.author,
      decision: event.decision as DecisionOutcome,
      rationale: String(event.rationale ?? ''),
      proposalId: event.target,
      proposalTitle: titles.get(event.target) ?? null,
      pending: true,
      conflict: false,
      current: false,
    });
  }
  const authors = [...new Set(rows.map((r) => r.author).filter((a): a is string => a !== null))].sort();
  const from = filters.from ? Date.parse(filters.from) : -Infinity;
  const to = filters.to ? upperBound(filters.to) : Infinity;
  const kept = rows.filter((row) => {
    const at = Date.parse(row.at);
    return (
      (!filters.author || row.author === filters.author) &&
      (!filters.decision || row.decision === filters.decision) &&
      (!filters.proposalId || row.proposalId === filters.proposalId) &&
      at >= from &&
      at <= to
    );
  });
  kept.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
  return { decisions: kept.slice(0, filters.limit), authors };
}

/** Dropped directions (by decision or front matter) and parked ones (latest decision "park"). */
export function listNotPursued(sqlite: Database.Database, pending: readonly PendingEventInfo[]): NotPursuedRow[] {
  const decisions = decisionsByProposal(sqlite);
  const allGains = measureAllAblationGains(sqlite);
  const ablationsOf = sqlite.prepare(
    'SELECT a.id FROM ablations a WHERE a.proposal = ? OR a.id IN (SELECT r.ablation FROM runs r WHERE r.proposal = ? AND r.ablation IS NOT NULL)',
  );
  const items: NotPursuedRow[] = [];
  for (const proposal of listProposalRows(sqlite, {}, pending)) {
    const latest = latestDecision(decisions.get(proposal.id) ?? []);
    const parked = latest?.decision === 'park';
    if (proposal.status !== 'dropped' && !parked) continue;
    const gains = (ablationsOf.all(proposal.id, proposal.id) as { id: string }[]).flatMap((a) => allGains.get(a.id) ?? []);
    items.push({
      proposal,
      decision: latest && (latest.decision === 'drop' || latest.decision === 'park') ? latest : null,
      evidence: bestGain(gains),
      chipHoursSpent: proposal.chipHoursSpent,
    });
  }
  return items.sort((a, b) => (b.decision?.at ?? '').localeCompare(a.decision?.at ?? '') || a.proposal.id.localeCompare(b.proposal.id));
}
