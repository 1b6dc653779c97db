// What the person watches and how they are told: the runs they own, their watches, the quiet period,
// and the browser's permission to show notifications.
import { useState } from 'react';
import { ALERT_RULE_TEXT, ALERT_RULES } from '../../../../shared/alerts/alert-rules';
import { browserNotificationsSupported } from '../../api/alert-notifications';
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { useIdentity } from '../../components/identity/use-identity';
import { ReadOnlyNote, useReadOnly } from '../../components/read-only-note';
import { ErrorPanel } from '../../components/state-views';

const QUIET_CHOICES = [0, 15, 60, 240, 720, 1440];

function quietLabel(minutes: number): string {
  if (minutes === 0) return 'none: every alert';
  return minutes < 60 ? `${minutes} minutes` : `${minutes / 60} hour${minutes === 60 ? '' : 's'}`;
}

function NotificationPermission() {
  const [permission, setPermission] = useState(() => (browserNotificationsSupported() ? Notification.permission : null));
  if (permission === null) return <p className="muted small">This window shows the desktop app’s own notifications.</p>;
  if (permission === 'granted') return <p className="small" data-testid="notifications-on">Desktop notifications are on in this browser.</p>;
  if (permission === 'denied') return <p className="small muted">This browser blocks Tessera’s notifications; allow them in the site settings.</p>;
  return (
    <button className="btn primary" data-testid="enable-notifications" onClick={() => void Notification.requestPermission().then(setPermission)}>
      Turn on desktop notifications
    </button>
  );
}

export function AlertSettingsPanel() {
  const person = useIdentity() ?? undefined;
  const settings = useApiQuery('getAlertSettings', { person });
  const save = useApiMutation('setAlertSettings');
  const unwatch = useApiMutation('unwatch');
  const data = settings.data;
  const readOnly = useReadOnly();
  return (
    <aside className="alert-side">
      <div className="panel">
        <h2>How you are told</h2>
        <NotificationPermission />
        {settings.error && <ErrorPanel error={settings.error} />}
        {save.error && <ErrorPanel error={save.error} />}
        {data && (
          <>
            {readOnly && <ReadOnlyNote>your watches and settings cannot change here</ReadOnlyNote>}
            <label className="row small">
              <input type="checkbox" checked={data.ownRuns} disabled={readOnly || data.person === null || save.isPending} onChange={(e) => save.mutate({ ownRuns: e.target.checked, person })} />
              Runs I own {data.person === null && <span className="muted">(choose who you are first)</span>}
            </label>
            <label className="row small">
              Quiet period
              <select className="input" value={data.quietMinutes} disabled={readOnly || save.isPending} onChange={(e) => save.mutate({ quietMinutes: Number(e.target.value), person })} data-testid="quiet-period">
                {[...new Set([...QUIET_CHOICES, data.quietMinutes])].sort((a, b) => a - b).map((m) => (
                  <option key={m} value={m}>{quietLabel(m)}</option>
                ))}
              </select>
            </label>
            <p className="muted small">After an alert of a run, the same alert of that run (same metric and rule) is listed but not notified again for this long.</p>
            <h3>Watching</h3>
            {data.watches.length === 0 ? (
              <p className="muted small">Nothing yet: use Watch on a run, an ablation or a proposal.</p>
            ) : (
              <ul className="watch-list" data-testid="watch-list">
                {data.watches.map((w) => (
                  <li key={`${w.kind}:${w.target}`}>
                    <span className="badge">{w.kind}</span> <strong>{w.target}</strong> {w.label && <span className="muted">{w.label}</span>}
                    <button className="btn small" disabled={readOnly || unwatch.isPending} onClick={() => unwatch.mutate({ kind: w.kind, target: w.target, person })}>Stop</button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <div className="panel" data-testid="alert-rules">
        <h2>The rules</h2>
        <dl className="alert-rules">
          {ALERT_RULES.map((rule) => (
            <div key={rule}>
              <dt>{ALERT_RULE_TEXT[rule].title}</dt>
              <dd>{ALERT_RULE_TEXT[rule].rule}</dd>
            </div>
          ))}
        </dl>
      </div>
    </aside>
  );
}
