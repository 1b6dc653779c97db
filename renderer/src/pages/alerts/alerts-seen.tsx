// When this browser last showed the person their alerts: the nav counts what fired since.
import { useApiQuery } from '../../api/use-api';
import { useIdentity } from '../../components/identity/use-identity';

const KEY = 'tessera.alertsSeenAt';

export function markAlertsSeen(): void {
  window.localStorage.setItem(KEY, new Date().toISOString());
}

/** Never opened: what fired in the day before the app was. Fixed once, so the query's key stays put. */
const DAY_BEFORE_START = new Date(Date.now() - 86_400_000).toISOString();

function seenAt(): string {
  return window.localStorage.getItem(KEY) ?? DAY_BEFORE_START;
}

/** The badge beside "Alerts" in the navigation: live alerts of what you watch since you last looked. */
export function AlertsNavBadge() {
  const since = seenAt();
  const person = useIdentity() ?? undefined;
  const list = useApiQuery('listAlerts', { scope: 'mine', since, limit: 100, person });
  const unseen = list.data?.alerts.filter((a) => a.live).length ?? 0;
  if (unseen === 0) return null;
  return (
    <span className="badge danger" title="Alerts on what you watch since you last looked" data-testid="alerts-unseen">
      {unseen >= 100 ? '99+' : unseen}
    </span>
  );
}
