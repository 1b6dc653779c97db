// The Sync page: the cache's counts, "Sync now" and what it did, and the sync issues — everything the
// last syncs refused or could not read, where, and what was expected.
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { PageHeader } from '../../components/page-header';
import { OtherStoresPending, PendingEventList } from '../../components/pending-events';
import { ReadOnlyNote } from '../../components/read-only-note';
import { useLastSyncNow } from '../../components/sync/sync-outcome';
import '../../components/sync/sync.css';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { TeamServerPanel } from './team-server-panel';

export function SyncPage() {
  const counts = useApiQuery('getCacheCounts', {});
  const issues = useApiQuery('listSyncIssues', { limit: 1000, offset: 0 });
  const info = useApiQuery('getAppInfo', {});
  const syncNow = useApiMutation('syncNow');
  const pending = useApiQuery('listPendingEvents', {}, { refetchInterval: 15_000 });
  const outcome = useLastSyncNow();
  return (
    <div className="page">
      <PageHeader title="Sync" subtitle={info.data ? info.data.storeUrl : undefined}>
        {info.data?.canWrite === false && <ReadOnlyNote>syncing on request is off on this server</ReadOnlyNote>}
        <button className="btn primary" disabled={syncNow.isPending || info.data?.canWrite !== true} onClick={() => syncNow.mutate({})}>
          {syncNow.isPending ? 'Syncing…' : 'Sync now'}
        </button>
      </PageHeader>
      {outcome && (
        <p className={`sync-outcome${outcome.status === 'error' ? ' failed' : ''}`} role="status" data-testid="sync-outcome">
          {outcome.text}
        </p>
      )}
      <TeamServerPanel />
      <div className="panel">
        <h2>Cache</h2>
        {counts.isPending ? (
          <LoadingState what="counts" />
        ) : counts.error ? (
          <ErrorPanel error={counts.error} />
        ) : (
          <div className="row" data-testid="cache-counts">
            <span><strong>{counts.data.runs.toLocaleString()}</strong> runs</span>
            <span><strong>{counts.data.points.toLocaleString()}</strong> points</span>
            <span><strong>{counts.data.ablations}</strong> ablations</span>
            <span><strong>{counts.data.proposals}</strong> proposals</span>
            <span><strong>{counts.data.events}</strong> events</span>
            <span className="muted">last sync {info.data?.lastSyncAt ? new Date(info.data.lastSyncAt).toLocaleString() : 'never'}</span>
          </div>
        )}
      </div>
      {pending.data && pending.data.count + pending.data.otherStores.length > 0 && (
        <div className="panel" data-testid="outbox-panel">
          <h2>Waiting in the outbox <span className="badge warn">{pending.data.count + pending.data.otherStores.length}</span></h2>
          {pending.data.count > 0 && (
            <>
              <p className="muted">Not yet written to this store, which could not be written; tried again on every sync.</p>
              <PendingEventList entries={pending.data.events} />
            </>
          )}
          <OtherStoresPending entries={pending.data.otherStores} />
        </div>
      )}
      <div className="panel">
        <h2>Sync issues {issues.data ? <span className="badge">{issues.data.total}</span> : null}</h2>
        {issues.isPending ? (
          <LoadingState what="sync issues" />
        ) : issues.error ? (
          <ErrorPanel error={issues.error} />
        ) : issues.data.total === 0 ? (
          <EmptyState title="No sync issues">Every file of the store was read without a problem.</EmptyState>
        ) : (
          <table className="data" data-testid="sync-issues">
            <thead>
              <tr>
                <th>File</th>
                <th className="num">Line</th>
                <th>Problem</th>
                <th>Expected</th>
              </tr>
            </thead>
            <tbody>
              {issues.data.issues.map((issue, index) => (
                <tr key={index}>
                  <td><code>{issue.path}</code></td>
                  <td className="num">{issue.line ?? ''}</td>
                  <td style={{ whiteSpace: 'normal' }}>{issue.message}</td>
                  <td style={{ whiteSpace: 'normal' }} className="muted">{issue.expected ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
