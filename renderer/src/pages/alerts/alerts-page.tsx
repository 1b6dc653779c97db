// Alerts: what the detectors found on the runs you watch (or the whole lab), newest first, each with
// the chart at the moment it fired; beside it, what you watch, how you are told, and the rules.
import { useEffect, useState } from 'react';
import { alertBody, alertRuleTitle, alertTitle } from '../../../../shared/alerts/alert-text';
import type { AlertInfo } from '../../../../shared/api/alerts-methods';
import { routeHref, updateParams, useRoute } from '../../app/router';
import { useApiQuery } from '../../api/use-api';
import { useIdentity } from '../../components/identity/use-identity';
import { PageHeader } from '../../components/page-header';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { AlertChart } from './alert-chart';
import { AlertSettingsPanel } from './alert-settings-panel';
import { markAlertsSeen } from './alerts-seen';
import './alerts-page.css';

const SEVERITY_BADGE = { critical: 'danger', warning: 'warn', info: '' } as const;

function AlertItem({ alert, open, onToggle }: { alert: AlertInfo; open: boolean; onToggle(): void }) {
  return (
    <li className={`alert-item severity-${alert.severity}${alert.superseded ? ' superseded' : ''}`} data-testid="alert-item" data-alert-id={alert.id}>
      <div className="row">
        <span className={`badge ${SEVERITY_BADGE[alert.severity]}`}>{alertRuleTitle(alert)}</span>
        <strong className="alert-title">{alertTitle(alert)}</strong>
        <span className="grow" />
        <span className="muted small" title={`found by the sync of ${new Date(alert.firedAt).toLocaleString()}`}>
          {new Date(alert.happenedAt ?? alert.firedAt).toLocaleString()}
        </span>
      </div>
      <div className="row small">
        <span>{alertBody(alert)}</span>
        {!alert.live && <span className="badge" title="Met in the history the first sync read: listed, not notified">history</span>}
        {alert.superseded && <span className="badge">superseded by a restart or a rewrite</span>}
      </div>
      <div className="row small">
        <a href={routeHref('compare', { runs: [alert.runId], metrics: alert.metric ? [alert.metric] : undefined })}>Open {alert.runId} in Compare</a>
        {alert.runName && <span className="muted">{alert.runName}</span>}
        {alert.owner && <span className="muted">owner {alert.owner}</span>}
        {alert.metric && (
          <button className="btn small" aria-expanded={open} onClick={onToggle}>
            {open ? 'Hide chart' : 'Chart when it fired'}
          </button>
        )}
      </div>
      {open && alert.metric && <AlertChart alert={alert} />}
    </li>
  );
}

export function AlertsPage() {
  const route = useRoute();
  const scope = route.params.get('scope') === 'all' ? 'all' : 'mine';
  const focus = Number(route.params.get('id') ?? NaN);
  const identity = useIdentity() ?? undefined;
  const list = useApiQuery('listAlerts', { scope, limit: 300, person: identity });
  const [opened, setOpened] = useState<Set<number>>(new Set());
  const alerts = list.data?.alerts ?? [];
  const firstWithChart = alerts.find((a) => a.metric !== null)?.id;
  const isOpen = (a: AlertInfo) => opened.has(a.id) !== (a.id === (Number.isFinite(focus) ? focus : firstWithChart));
  const toggle = (id: number) => setOpened((s) => new Set(s.has(id) ? [...s].filter((x) => x !== id) : [...s, id]));
  const person = list.data?.person;
  // Looking at the list, and leaving it, count as having seen what it showed.
  useEffect(() => {
    markAlertsSeen();
    return markAlertsSeen;
  }, [list.data]);
  return (
    <div className="page alerts-page">
      <PageHeader
        title="Alerts"
        subtitle={scope === 'all' ? 'every run of the lab' : person ? `of what ${person} watches: the runs you own and your watches` : 'of what you watch (choose who you are to add the runs you own)'}
      >
        <div className="row" role="group" aria-label="Whose alerts">
          <button className="btn" aria-pressed={scope === 'mine'} onClick={() => updateParams({ scope: undefined, id: undefined })}>Mine</button>
          <button className="btn" aria-pressed={scope === 'all'} onClick={() => updateParams({ scope: 'all', id: undefined })}>All runs</button>
        </div>
      </PageHeader>
      <div className="alerts-layout">
        <section>
          {list.isPending ? (
            <LoadingState what="alerts" />
          ) : list.error ? (
            <ErrorPanel error={list.error} />
          ) : alerts.length === 0 ? (
            <EmptyState title="No alerts">
              {scope === 'mine' ? 'Nothing fired on what you watch. Watch runs, groups, ablations or proposals, or look at all runs.' : 'Nothing fired on any run.'}
            </EmptyState>
          ) : (
            <>
              <p className="muted small">{list.data.total > alerts.length ? `The newest ${alerts.length} of ${list.data.total}.` : `${list.data.total} alert${list.data.total === 1 ? '' : 's'}.`}</p>
              <ul className="alert-list" data-testid="alert-list">
                {alerts.map((alert) => (
                  <AlertItem key={alert.id} alert={alert} open={isOpen(alert)} onToggle={() => toggle(alert.id)} />
                ))}
              </ul>
            </>
          )}
        </section>
        <AlertSettingsPanel />
      </div>
    </div>
  );
}
