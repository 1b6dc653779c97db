// Says when a decision on a proposal rests on weak evidence: an eval whose small-scale results predict
// large-scale ones poorly, or public benchmarks alone (which may be contaminated). On a triage card it
// is a compact badge with the reason on hover; on the proposal it lists the reasons, links to the Evals
// page and tells the seeds an ablation needs for the proposal's expected delta.
import type { EvidenceWarning, EvidenceWarningCode } from '../../../shared/api/evals-methods';
import { useApiQuery } from '../api/use-api';
import { routeHref } from '../app/router';
import './eval-evidence-warning.css';

const SHORT: Record<EvidenceWarningCode, string> = {
  'poor-proxy': 'poor-proxy eval',
  'public-only': 'public benchmarks only',
  'unproven-proxy': 'proxy unproven',
};

function badgeClass(warning: EvidenceWarning): string {
  if (warning.severity === 'note') return 'badge';
  return warning.code === 'poor-proxy' ? 'badge danger' : 'badge warn';
}

/** The card form: one badge per warning; notes are left to the proposal page. */
function CardWarnings({ proposalId }: { proposalId: string }) {
  const all = useApiQuery('listDecisionEvidenceWarnings', {});
  const warnings = all.data?.proposals.find((p) => p.proposalId === proposalId)?.warnings.filter((w) => w.severity === 'warning') ?? [];
  if (warnings.length === 0) return null;
  return (
    <div className="eval-evidence-badges" data-testid="eval-evidence-warning">
      {warnings.map((w) => (
        <span key={w.code} className={badgeClass(w)} title={w.message} aria-label={w.message} data-code={w.code}>
          ⚠ {SHORT[w.code]}
        </span>
      ))}
    </div>
  );
}

function SeedsLine({ proposalId }: { proposalId: string }) {
  const seeds = useApiQuery('seedsNeededFor', { proposalId });
  const s = seeds.data;
  if (!s || s.metric === null || s.delta === null) return null;
  return (
    <p className="eval-evidence-seeds" data-testid="seeds-needed">
      {s.seeds === null
        ? `Seeds to resolve the expected Δ ${s.delta} on ${s.metric}: ${s.reason}.`
        : `Seeds to resolve the expected Δ ${s.delta} on ${s.metric}: ${s.seeds} per arm (noise σ ${Number(s.noiseFloor!.toPrecision(3))}, detectable effect ${Number(s.mde!.toPrecision(3))}).`}
    </p>
  );
}

/** The proposal-page form: every warning and note in full, and the seeds needed. */
function DetailWarnings({ proposalId }: { proposalId: string }) {
  const found = useApiQuery('decisionEvidenceWarnings', { proposalId });
  const warnings = found.data?.warnings ?? [];
  return (
    <div className="eval-evidence-detail" data-testid="eval-evidence-warning">
      {warnings.length > 0 && (
        <ul className="eval-evidence-list">
          {warnings.map((w) => (
            <li key={w.code} className={w.severity} data-code={w.code}>
              <span className={badgeClass(w)}>{w.severity === 'warning' ? `⚠ ${SHORT[w.code]}` : SHORT[w.code]}</span> {w.message}{' '}
              <a href={routeHref('evals', { metric: w.metrics[0] })}>See the eval</a>
            </li>
          ))}
        </ul>
      )}
      <SeedsLine proposalId={proposalId} />
    </div>
  );
}

export function EvalEvidenceWarning({ proposalId, variant = 'card' }: { proposalId: string; variant?: 'card' | 'detail' }) {
  return variant === 'card' ? <CardWarnings proposalId={proposalId} /> : <DetailWarnings proposalId={proposalId} />;
}
