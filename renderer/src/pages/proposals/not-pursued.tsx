// "What we decided not to do": dropped and parked directions with the reason, who decided, and the
// evidence they had, so the same idea is not re-run blind.
import { useApiQuery } from '../../api/use-api';
import { routeHref } from '../../app/router';
import { ComplexityBadge } from '../../components/complexity-badge';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { GainLine } from './proposal-evidence';
import { DECISION_LABELS, formatChipHours, formatMetricDelta, formatWhen, statusBadgeClass, statusText } from '../../components/proposals/proposals-format';

export function NotPursued() {
  const list = useApiQuery('listNotPursued', {});
  if (list.error) return <ErrorPanel error={list.error} title="Could not load what we decided not to do" />;
  if (!list.data) return <LoadingState what="dropped and parked directions" />;
  if (list.data.items.length === 0) return <EmptyState title="Nothing dropped or parked yet" />;
  return (
    <div className="not-pursued" data-testid="not-pursued">
      <p className="muted">
        Parked (inconclusive) is not failed: a negative result often means the way to make the idea work was not found yet. Read the reason and the
        evidence before running it again.
      </p>
      {list.data.items.map(({ proposal, decision, evidence, chipHoursSpent }) => (
        <article key={proposal.id} className="panel not-pursued-item">
          <header className="row">
            <a href={routeHref('proposals', { id: proposal.id })}>
              <strong>{proposal.title ?? proposal.id}</strong>
            </a>
            <span className="muted">{proposal.id}</span>
            <span className={statusBadgeClass(proposal.status)}>{statusText(proposal.status)}</span>
            <ComplexityBadge complexity={proposal.complexity} />
            <span className="muted">
              {proposal.area ?? '–'} · {proposal.kind ?? '–'} · {formatChipHours(chipHoursSpent)} chip-hours spent
            </span>
          </header>
          {decision ? (
            <blockquote className="rationale">
              {decision.rationale}
              <footer className="muted">
                {DECISION_LABELS[decision.decision]} by {decision.author ?? 'someone'}, {formatWhen(decision.at)}
              </footer>
            </blockquote>
          ) : (
            <p className="muted">Marked dropped in its front matter; no decision event gives a reason.</p>
          )}
          <div>
            Evidence:{' '}
            {evidence ? (
              <>
                <GainLine gain={evidence} /> <span className="muted">{formatMetricDelta(evidence)}, {evidence.variant} in {evidence.ablationId}</span>
              </>
            ) : (
              <span className="muted">nothing measured</span>
            )}
          </div>
        </article>
      ))}
    </div>
  );
}
