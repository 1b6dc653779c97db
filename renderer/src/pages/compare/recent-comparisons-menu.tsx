// The recent comparisons, to go back to one: a menu in the Compare page's header, and a list where there
// is nothing to compare yet.
import { routeHref } from '../../app/router';
import type { RecentComparison } from './recent-comparisons';

const hrefOf = (entry: RecentComparison) => `${routeHref('compare')}?${entry.params}`;

function ago(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} d ago`;
}

/** A select of the other recent comparisons; choosing one opens it (Back returns here). */
export function RecentComparisonsMenu({ recent, currentParams }: { recent: RecentComparison[]; currentParams: string }) {
  const others = recent.filter((entry) => entry.params !== currentParams);
  if (others.length === 0) return null;
  const now = Date.now();
  return (
    <select
      className="input recent-comparisons"
      aria-label="Recent comparisons"
      data-testid="recent-comparisons"
      value=""
      onChange={(e) => {
        const entry = others[Number(e.target.value)];
        if (entry) window.location.hash = hrefOf(entry);
      }}
    >
      <option value="">Recent comparisons…</option>
      {others.map((entry, i) => (
        <option key={entry.params} value={String(i)}>
          {entry.label} — {ago(entry.savedAt, now)}
        </option>
      ))}
    </select>
  );
}

export function RecentComparisonsList({ recent }: { recent: RecentComparison[] }) {
  if (recent.length === 0) return null;
  const now = Date.now();
  return (
    <div className="recent-list" data-testid="recent-comparisons-list">
      <h3>Recent comparisons</h3>
      <ul>
        {recent.map((entry) => (
          <li key={entry.params}>
            <a href={hrefOf(entry)}>{entry.label}</a> <span className="muted small">{ago(entry.savedAt, now)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
