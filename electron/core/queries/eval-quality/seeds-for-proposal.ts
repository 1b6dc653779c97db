// How many seeds per arm an ablation needs to resolve an expected delta on an eval, from the eval's
// noise floor: a proposal's `expected: {metric, delta}`, or a metric and delta given directly.
import type Database from 'better-sqlite3';
import type { EvalQualityReport, SeedsNeededAnswer } from '../../../../shared/api/evals-methods';
import { EVAL_ALPHA, EVAL_POWER } from '../../../../shared/domain/eval-quality';
import { seedsNeeded } from '../../../../shared/stats';
import { findEvalQuality } from '../eval-quality';

export class UnknownProposalError extends Error {
  constructor(readonly proposalId: string) {
    super(`There is no proposal "${proposalId}" in the cache (proposals/${proposalId}.md).`);
    this.name = 'UnknownProposalError';
  }
}

export function seedsNeededForDelta(report: EvalQualityReport, metric: string, delta: number, from: { proposalId: string | null } = { proposalId: null }): SeedsNeededAnswer {
  const base = { metric, delta, source: from.proposalId ? ('proposal' as const) : ('input' as const), proposalId: from.proposalId };
  const quality = findEvalQuality(report, metric);
  if (!quality) return { ...base, noiseFloor: null, seeds: null, mde: null, reason: `${metric} is not an eval metric in the cache, so it has no noise floor` };
  const std = quality.noiseFloor.std;
  if (std === null) return { ...base, noiseFloor: null, seeds: null, mde: null, reason: `${metric} has no noise floor: ${quality.noiseFloor.reason}` };
  const answer = seedsNeeded(std, delta, { alpha: EVAL_ALPHA, power: EVAL_POWER });
  return answer.seeds === null
    ? { ...base, noiseFloor: std, seeds: null, mde: null, reason: answer.reason }
    : { ...base, noiseFloor: std, seeds: answer.seeds, mde: answer.mde, reason: null };
}

/** The seeds a proposal's ablation needs for its `expected.delta` on `expected.metric`. */
export function seedsNeededForProposal(sqlite: Database.Database, report: EvalQualityReport, proposalId: string): SeedsNeededAnswer {
  const row = sqlite.prepare('SELECT expected_json AS expectedJson FROM proposals WHERE id = ?').get(proposalId) as { expectedJson: string | null } | undefined;
  if (!row) throw new UnknownProposalError(proposalId);
  let expected: unknown = null;
  try {
    expected = row.expectedJson === null ? null : JSON.parse(row.expectedJson);
  } catch {
    expected = null;
  }
  const record = expected !== null && typeof expected === 'object' && !Array.isArray(expected) ? (expected as Record<string, unknown>) : {};
  const metric = typeof record.metric === 'string' ? record.metric : null;
  const delta = typeof record.delta === 'number' && Number.isFinite(record.delta) ? record.delta : null;
  if (metric === null || delta === null) {
    const missing = [metric === null ? 'expected.metric' : null, delta === null ? 'expected.delta (a number)' : null].filter(Boolean).join(' and ');
    return { metric, delta, source: 'proposal', proposalId, noiseFloor: null, seeds: null, mde: null, reason: `proposals/${proposalId}.md gives no ${missing}` };
  }
  return seedsNeededForDelta(report, metric, delta, { proposalId });
}
