// A proposal's status and complexity as the team's events leave them: the latest decision (by
// `at`, then id) sets the status; the latest complexity event replaces the assessment. Without
// events, the front matter's values stand. Called in the transaction that changed either side.
import type Database from 'better-sqlite3';
import type { Decision } from '../store/parse-event-file';
import type { ProposalStatus } from '../store/parse-proposal-file';

export const DECISION_STATUS: Record<Decision, ProposalStatus> = {
  adopt: 'adopted',
  drop: 'dropped',
  park: 'inconclusive',
  continue: 'active',
};

const statementCache = new WeakMap<Database.Database, (proposalId: string) => void>();

export function proposalOutcomeUpdater(sqlite: Database.Database): (proposalId: string) => void {
  let update = statementCache.get(sqlite);
  if (update) return update;
  const declared = sqlite.prepare('SELECT declared_status AS status, declared_complexity_json AS complexity FROM proposals WHERE id = ?');
  const latest = sqlite.prepare(
    `SELECT json_extract(payload_json, '$.decision') AS decision, json_extract(payload_json, '$.complexity') AS complexity
     FROM events WHERE target = ? AND type = ? ORDER BY at DESC, id DESC LIMIT 1`,
  );
  const write = sqlite.prepare('UPDATE proposals SET status = ?, complexity_json = ? WHERE id = ?');
  update = (proposalId: string) => {
    const row = declared.get(proposalId) as { status: string | null; complexity: string | null } | undefined;
    if (!row) return;
    const decision = latest.get(proposalId, 'decision') as { decision: Decision } | undefined;
    const complexity = latest.get(proposalId, 'complexity') as { complexity: string } | undefined;
    write.run(decision ? DECISION_STATUS[decision.decision] : row.status, complexity ? complexity.complexity : row.complexity, proposalId);
  };
  statementCache.set(sqlite, update);
  return update;
}
