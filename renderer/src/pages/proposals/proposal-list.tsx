// All proposals as a table, filtered by area, kind, status and owner (kept in the URL).
import type { ProposalRow } from '../../../../shared/api/proposals-methods';
import { useApiQuery } from '../../api/use-api';
import { navigate, routeHref, updateParams, useRoute } from '../../app/router';
import { ComplexityBadge } from '../../components/complexity-badge';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { DECISION_LABELS, formatChipHours, formatWhen, STATUS_LABELS, STATUS_ORDER, statusBadgeClass, statusText } from '../../components/proposals/proposals-format';

function FilterSelect({ label, param, value, options }: { label: string; param: string; value: string; options: { value: string; label: string }[] }) {
  return (
    <label className="row filter">
      <span className="muted">{label}</span>
      <select className="input" value={value} onChange={(e) => updateParams({ [param]: e.target.value || undefined })}>
        <option value="">All</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StatusCell({ proposal }: { proposal: ProposalRow }) {
  return (
    <span className="row status-cell">
      <span className={statusBadgeClass(proposal.status)}>{statusText(proposal.status)}</span>
      {proposal.conflict && (
        <span className="badge danger" title="Two decisions on it disagree (see the proposal)">
          conflict
        </span>
      )}
      {proposal.pendingDecisions.length > 0 && (
        <span className="badge warn" title="A decision waits in the outbox: the store could not be written yet">
          pending {proposal.pendingDecisions.map((d) => DECISION_LABELS[d].toLowerCase()).join(', ')}
        </span>
      )}
    </span>
  );
}

export function ProposalList() {
  const { params } = useRoute();
  const filters = {
    area: params.get('area') ?? '',
    kind: params.get('kind') ?? '',
    status: params.get('status') ?? '',
    owner: params.get('owner') ?? '',
  };
  const input = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== '')) as Record<string, string>;
  const list = useApiQuery('listProposals', input);
  if (list.error) return <ErrorPanel error={list.error} title="Proposals could not be loaded" />;
  if (!list.data) return <LoadingState what="proposals" />;
  const { proposals, areas, owners } = list.data;
  return (
    <div className="panel">
      <div className="row filters" role="group" aria-label="Filters">
        <FilterSelect label="Area" param="area" value={filters.area} options={areas.map((a) => ({ value: a, label: a }))} />
        <FilterSelect
          label="Kind"
          param="kind"
          value={filters.kind}
          options={[
            { value: 'critical-path', label: 'Critical path' },
            { value: 'exploratory', label: 'Exploratory' },
          ]}
        />
        <FilterSelect label="Status" param="status" value={filters.status} options={STATUS_ORDER.map((s) => ({ value: s, label: STATUS_LABELS[s]! }))} />
        <FilterSelect label="Owner" param="owner" value={filters.owner} options={owners.map((o) => ({ value: o, label: o }))} />
        <span className="muted">{proposals.length} shown</span>
      </div>
      {proposals.length === 0 ? (
        <EmptyState title="No proposals match">
          Proposals are <code>proposals/&lt;id&gt;.md</code> files in the store; change the filters to see more.
        </EmptyState>
      ) : (
        <div className="proposals-table-wrap">
        <table className="data proposals-table">
          <thead>
            <tr>
              <th>Proposal</th>
              <th>Area</th>
              <th>Kind</th>
              <th>Owner</th>
              <th>Status</th>
              <th>Complexity</th>
              <th className="num">Chip-hours / budget</th>
              <th>Last decision</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.id} className="clickable" onClick={() => navigate('proposals', { id: p.id })}>
                <td className="wrap">
                  <a href={routeHref('proposals', { id: p.id })} onClick={(e) => e.stopPropagation()}>
                    {p.title ?? p.id}
                  </a>{' '}
                  <span className="muted">{p.id}</span>
                </td>
                <td>{p.area ?? '–'}</td>
                <td>{p.kind ?? '–'}</td>
                <td>{p.owner ?? '–'}</td>
                <td>
                  <StatusCell proposal={p} />
                </td>
                <td onClick={(e) => e.stopPropagation()}>
                  <ComplexityBadge complexity={p.complexity} />
                </td>
                <td className="num">
                  {formatChipHours(p.chipHoursSpent)} / {formatChipHours(p.chipHoursBudget)}
                </td>
                <td>
                  {p.lastDecision ? (
                    <>
                      {DECISION_LABELS[p.lastDecision.decision]} <span className="muted">{p.lastDecision.author ?? '?'} · {formatWhen(p.lastDecision.at).slice(0, 10)}</span>
                    </>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}
