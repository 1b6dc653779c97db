// Warnings for the triage board: a decision on a proposal rests on the deciding metrics of its linked
// ablations (those naming it, and those its runs belong to). It is flagged when one of them predicts
// large-scale results poorly, when all of them are public benchmarks (which may be contaminated), and,
// as a note, when a metric's predictivity is not established.
import type Database from 'better-sqlite3';
import type { EvalQualityReport, EvidenceWarning, ProposalEvidenceWarnings } from '../../../../shared/api/evals-methods';
import { findEvalQuality } from '../eval-quality';
import { UnknownProposalError } from './seeds-for-proposal';

const LINKED_METRICS_SQL = `SELECT DISTINCT a.metric AS metric FROM ablations a
  WHERE a.metric IS NOT NULL
    AND (a.proposal = @id OR a.id IN (SELECT r.ablation FROM runs r WHERE r.proposal = @id AND r.ablation IS NOT NULL))
  ORDER BY a.metric`;

const list = (metrics: string[]) => metrics.join(', ');

export function warningsForMetrics(proposalId: string, metrics: string[], report: EvalQualityReport): ProposalEvidenceWarnings {
  const warnings: EvidenceWarning[] = [];
  const evals = metrics.map((metric) => ({ metric, quality: findEvalQuality(report, metric) }));
  const poor = evals.filter((e) => e.quality?.predictivity.verdict === 'poor');
  if (poor.length > 0) {
    const why = poor.map((e) => `${e.metric}: ${e.quality!.predictivity.verdictReason}`).join('; ');
    warnings.push({
      code: 'poor-proxy',
      severity: 'warning',
      metrics: poor.map((e) => e.metric),
      message: `Rests on ${poor.length === 1 ? 'an eval' : 'evals'} whose small-scale deltas predict large-scale ones poorly (${why}).`,
    });
  }
  if (evals.length > 0 && evals.every((e) => e.quality?.kind === 'public')) {
    warnings.push({
      code: 'public-only',
      severity: 'warning',
      metrics,
      message: `Rests on public benchmarks alone (${list(metrics)}), which may be contaminated; no internal held-out eval backs it.`,
    });
  }
  const unproven = evals.filter((e) => e.quality && (e.quality.predictivity.verdict === 'unclear' || e.quality.predictivity.verdict === 'insufficient'));
  if (unproven.length > 0) {
    warnings.push({
      code: 'unproven-proxy',
      severity: 'note',
      metrics: unproven.map((e) => e.metric),
      message: `Whether ${list(unproven.map((e) => e.metric))} predicts large-scale results is not established (${unproven.map((e) => e.quality!.predictivity.verdictReason).join('; ')}).`,
    });
  }
  return { proposalId, metrics, warnings };
}

export function decisionEvidenceWarnings(sqlite: Database.Database, report: EvalQualityReport, proposalId: string): ProposalEvidenceWarnings {
  if (!sqlite.prepare('SELECT 1 FROM proposals WHERE id = ?').get(proposalId)) throw new UnknownProposalError(proposalId);
  const metrics = (sqlite.prepare(LINKED_METRICS_SQL).all({ id: proposalId }) as { metric: string }[]).map((r) => r.metric);
  return warningsForMetrics(proposalId, metrics, report);
}

/** Every proposal's warnings, in id order. */
export function allDecisionEvidenceWarnings(sqlite: Database.Database, report: EvalQualityReport): ProposalEvidenceWarnings[] {
  const ids = (sqlite.prepare('SELECT id FROM proposals ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  const statement = sqlite.prepare(LINKED_METRICS_SQL);
  return ids.map((id) => warningsForMetrics(id, (statement.all({ id }) as { metric: string }[]).map((r) => r.metric), report));
}
