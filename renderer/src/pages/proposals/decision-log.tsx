// Who decided what, when and why: every decision in the store (and those still pending in the
// outbox), newest first, filtered by person, outcome, proposal and dates (kept in the URL).
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { useApiQuery } from '../../api/use-api';
import { routeHref, updateParams, useRoute } from '../../app/router';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { DECISION_LABELS, decisionBadgeClass, formatWhen } from '../../components/proposals/proposals-format';

export function DecisionLog() {
  const { params } = useRoute();
  const filters = {
    author: params.get('who') ?? '',
    decision: params.get('what') ?? '',
    proposalId: params.get('proposal') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const input = {
    ...(filters.author ? { author: filters.author } : {}),
    ...(filters.decision ? { decision: filters.decision as DecisionOutcome } : {}),
    ...(filters.proposalId ? { proposalId: filters.proposalId } : {}),
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
  };
  const log = useApiQuery('listDecisions', input);
  const proposals = useApiQuery('listProposals', {});
  return (
    <div className="panel">
      <div className="row filters" role="group" aria-label="Filters">
        <label className="row filter">
          <span className="muted">Who</span>
          <select className="input" value={filters.author} onChange={(e) => updateParams({ who: e.target.value || undefined })}>
            <option value="">Anyone</option>
            {(log.data?.authors ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="row filter">
          <span className="muted">What</span>
          <select className="input" value={filters.decision} onChange={(e) => updateParams({ what: e.target.value || undefined })}>
            <option value="">Any decision</option>
            {(Object.keys(DECISION_LABELS) as DecisionOutcome[]).map((d) => (
              <option key={d} value={d}>
                {DECISION_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="row filter">
          <span className="muted">Proposal</span>
          <select className="input proposal-filter" value={filters.proposalId} onChange={(e) => updateParams({ proposal: e.target.value || undefined })}>
            <option value="">Any</option>
            {(proposals.data?.proposals ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.id} {p.title ?? ''}
              </option>
            ))}
          </select>
        </label>
        <label className="row filter">
          <span className="muted">From</span>
          <input className="input" type="date" value={filters.from} onChange={(e) => updateParams({ from: e.target.value || undefined })} />
        </label>
        <label className="row filter">
          <span className="muted">To</span>
          <input className="input" type="date" value={filters.to} onChange={(e) => updateParams({ to: e.target.value || undefined })} />
        </label>
      </div>
      {log.error ? (
        <ErrorPanel error={log.error} title="The decision log could not be loaded" />
      ) : !log.data ? (
        <LoadingState what="decisions" />
      ) : log.data.decisions.length === 0 ? (
        <EmptyState title="No decisions match">Decisions made on the triage board or a proposal's page appear here for the whole team.</EmptyState>
      ) : (
        <table className="data decision-log" data-testid="decision-log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>Proposal</th>
              <th>Decision</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {log.data.decisions.map((d) => (
              <tr
                key={d.id}
                data-decision-id={d.id}
                className={!d.current && !d.pending ? 'superseded' : undefined}
                title={!d.current && !d.pending ? 'A later decision on this proposal replaced this one' : undefined}
              >
                <td>{formatWhen(d.at)}</td>
                <td>{d.author ?? '–'}</td>
                <td className="wrap">
                  <a href={routeHref('proposals', { id: d.proposalId })}>{d.proposalTitle ?? d.proposalId}</a> <span className="muted">{d.proposalId}</span>
                </td>
                <td>
                  <span className="row status-cell">
                    <span className={decisionBadgeClass(d.decision)}>{DECISION_LABELS[d.decision]}</span>
                    {d.pending && <span className="badge warn" title="In the local outbox, not yet in the store">pending</span>}
                    {d.conflict && <span className="badge danger" title="Part of a conflicting pair of decisions">conflict</span>}
                  </span>
                </td>
                <td className="wrap rationale">{d.rationale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
