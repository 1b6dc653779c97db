// The frame around every page: navigation, the store it shows, sync progress (and the first sync's
// banner over every page), page memory and the theme switch.
import { useRef } from 'react';
import { useApiQuery } from '../api/use-api';
import { useAlertNotifications } from '../api/alert-notifications';
import { useLiveUpdates } from '../api/live-updates';
import { CommandPalette } from '../components/command-palette/command-palette';
import { AlertsNavBadge } from '../pages/alerts/alerts-seen';
import { PageErrorBoundary } from '../components/error-boundary';
import { SignedInAs } from '../components/signed-in-as';
import { FirstSyncBanner } from '../components/sync/first-sync-banner';
import { SyncStatus } from '../components/sync/sync-status';
import { useTheme, type ThemeName } from '../theme/use-theme';
import { pageHref, returnToPage, usePageMemory } from './page-memory';
import { PAGES } from './pages';
import { routeHref, useRoute } from './router';

const THEMES: { id: ThemeName; label: string }[] = [
  { id: 'light', label: 'Light' },
  { id: 'dark', label: 'Dark' },
  { id: 'contrast', label: 'Contrast' },
];

export function AppShell() {
  const route = useRoute();
  useLiveUpdates();
  const [theme, setTheme] = useTheme();
  const info = useApiQuery('getAppInfo', {});
  const counts = useApiQuery('getCacheCounts', {});
  useAlertNotifications();
  const page = PAGES.find((entry) => entry.id === route.page);
  const Page = page?.component;
  const main = useRef<HTMLElement>(null);
  usePageMemory(main, route);
  return (
    <div className="app">
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">Tessera</div>
        <div className="store-label" data-testid="store-label">
          {info.data ? (
            <>
              {info.data.isDemo ? <span className="badge demo">Demo lab</span> : <span>{info.data.storeName}</span>}
              {!info.data.canWrite && (
                <span className="badge" style={{ marginLeft: 4 }} title={info.data.readOnlyReason ?? undefined}>
                  read-only
                </span>
              )}
            </>
          ) : info.error ? (
            <span className="badge danger">core unreachable</span>
          ) : (
            '…'
          )}
        </div>
        <SignedInAs />
        {PAGES.map((entry) => (
          <a
            key={entry.id}
            className="nav-link"
            href={pageHref(entry.id, routeHref(entry.id))}
            onClick={(event) => returnToPage(event.currentTarget.getAttribute('href') ?? '')}
            aria-current={entry.id === route.page ? 'page' : undefined}
          >
            {entry.title}
            {entry.id === 'sync' && counts.data && counts.data.issues > 0 && <span className="badge warn">{counts.data.issues}</span>}
            {entry.id === 'alerts' && route.page !== 'alerts' && <AlertsNavBadge />}
          </a>
        ))}
        <div className="sidebar-footer">
          <SyncStatus />
          <div className="theme-switch" role="group" aria-label="Theme">
            {THEMES.map((entry) => (
              <button key={entry.id} className="btn" aria-pressed={theme === entry.id} onClick={() => setTheme(entry.id)}>
                {entry.label}
              </button>
            ))}
          </div>
        </div>
      </nav>
      <main className="main" ref={main}>
        <FirstSyncBanner />
        <PageErrorBoundary resetKey={route.page}>
          {Page ? (
            <Page />
          ) : (
            <div className="page">
              <div className="error-panel">There is no page "{route.page}". Pick one on the left.</div>
            </div>
          )}
        </PageErrorBoundary>
      </main>
      <CommandPalette />
    </div>
  );
}
