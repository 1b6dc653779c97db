// Proposals with new evidence awaiting a decision: still open (proposed, active or promising) and with
// linked runs (their own, or their ablations') that finished since the review, or an ablation whose
// verdict is new or changed since then (runs still training move a verdict too). A proposal decided
// since the review stays on the agenda with that decision, so deciding in the meeting does not make
// its slide vanish.
import type Database from 'better-sqlite3';
import type { PendingEventInfo } from '../../../../shared/api/proposals-methods';
import type { AblationChange, AwaitingProposal } from '../../../../shared/api/review-methods';
import { bestGain, measureAblationGain } from '../proposals/ablation-gain';
import { decisionsByProposal, LINKED_RUNS_SQL, listProposalRows } from '../proposals/proposal-rows';
import { storeTimeMs } from './review-start';

export const OPEN_STATUSES = ['proposed', 'active', 'promising'] as const;

interface LinkedRunRow {
  id: string;
  name: string | null;
  group: string | null;
  ablation: string | null;
  variant: string | null;
  params: number | null;
  stateUpdatedAt: string | null;
}

export function awaitingProposals(
  sqlite: Database.Database,
  sinceMs: number,
  nowMs: number,
  pending: readonly PendingEventInfo[],
  changedAblations: readonly Pick<AblationChange, 'id' | 'proposal'>[] = [],
): AwaitingProposal[] {
  const finishedRuns = sqlite.prepare(
    `SELECT r.id, r.name, r.group_name AS "group", r.ablation, r.variant, r.params, r.state_updated_at AS stateUpdatedAt
     FROM runs r, proposals p WHERE p.id = ? AND (${LINKED_RUNS_SQL}) AND r.state = 'finished' ORDER BY r.id`,
  );
  const ablationsOf = sqlite.prepare('SELECT id FROM ablations WHERE proposal = ? ORDER BY id').pluck();
  const decisions = decisionsByProposal(sqlite);
  const out: AwaitingProposal[] = [];
  for (const row of listProposalRows(sqlite, {}, pending)) {
    const decidedSince = (decisions.get(row.id) ?? []).filter((d) => Date.parse(d.at) > sinceMs && Date.parse(d.at) <= nowMs).at(-1) ?? null;
    const open = (OPEN_STATUSES as readonly (string | null)[]).includes(row.status);
    if (!open && !decidedSince) continue;
    const newRuns = (finishedRuns.all(row.id) as LinkedRunRow[])
      .map((r) => ({ run: r, at: storeTimeMs(r.stateUpdatedAt) }))
      .filter(({ at }) => at !== null && at > sinceMs && at <= nowMs)
      .map(({ run }) => ({ id: run.id, name: run.name, group: run.group, ablation: run.ablation, variant: run.variant, params: run.params, finishedAt: run.stateUpdatedAt }));
    const changed = changedAblations.filter((a) => a.proposal === row.id).map((a) => a.id);
    if (newRuns.length === 0 && changed.length === 0) continue;
    const gains = (ablationsOf.all(row.id) as string[]).map((id) => measureAblationGain(sqlite, id));
    out.push({
      id: row.id,
      title: row.title,
      status: row.status,
      kind: row.kind,
      area: row.area,
      owner: row.owner,
      complexity: row.complexity,
      cost: row.cost,
      chipHoursSpent: row.chipHoursSpent,
      chipHoursBudget: row.chipHoursBudget,
      changedAblations: changed,
      newRuns,
      evidence: bestGain(gains),
      evidenceNotes: gains.filter((g) => g.gain === null).map((g) => `${g.ablationId}: ${g.note ?? 'no measurement'}`),
      lastDecision: row.lastDecision,
      decidedSince,
      pendingDecisions: row.pendingDecisions,
    });
  }
  // By id only: a decision taken in the meeting must not move the slides around.
  return out;
}
