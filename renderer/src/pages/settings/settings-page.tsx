// Settings: the sources Tessera syncs from — which one the cache mirrors and how its sync is doing,
// the saved sources (add, edit, remove, use), each source's field mapping with a live preview, and
// SSH for SFTP sources. Everything here is also in the settings file beside the cache.
import { useState } from 'react';
import type { SavedSource } from '../../../../shared/api/sources-methods';
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { PageHeader } from '../../components/page-header';
import { ReadOnlyNote } from '../../components/read-only-note';
import { EmptyState, ErrorPanel, LoadingState } from '../../components/state-views';
import { FORMAT_SHORT } from './source-url';
import { SourceFormPanel } from './source-form';
import { SshPanel } from './ssh-panel';
import './settings-page.css';

function mappingText(mapping: SavedSource['fieldMapping']): string {
  const entries = Object.entries(mapping).filter(([, v]) => v);
  return entries.length === 0 ? '—' : entries.map(([k, v]) => `${k}=${v}`).join(', ');
}

export function SettingsPage() {
  const settings = useApiQuery('getSourceSettings', {});
  const info = useApiQuery('getAppInfo', {});
  const use = useApiMutation('useSource');
  const remove = useApiMutation('removeSource');
  const syncNow = useApiMutation('syncNow');
  const [editing, setEditing] = useState<SavedSource | 'new' | null>(null);
  const canWrite = info.data?.canWrite !== false;
  // On a team server a writer's token syncs, but the sources and keys stay with the server's admins.
  const setupLocked = info.data?.setupLockedReason ?? null;
  const canChangeSetup = canWrite && setupLocked === null;
  if (settings.isPending) return <div className="page"><PageHeader title="Settings" /><LoadingState what="settings" /></div>;
  if (settings.error) return <div className="page"><PageHeader title="Settings" /><ErrorPanel error={settings.error} /></div>;
  const s = settings.data;
  const sync = s.sync;
  return (
    <div className="page settings-page">
      <PageHeader title="Settings" subtitle="Sources, field mapping, SSH">
        {setupLocked !== null && <ReadOnlyNote reason={setupLocked}>the team server's admins set these up</ReadOnlyNote>}
      </PageHeader>
      <div className="panel" data-testid="active-source">
        <h2>The cache mirrors</h2>
        <div className="active-source">
          <span className="badge">{FORMAT_SHORT[s.active.format]}</span>
          <strong>{s.active.name}</strong>
          <code className="source-url">{s.active.url}</code>
        </div>
        <div className="row sync-state">
          <span>{sync.running ? `Syncing: ${sync.filesDone.toLocaleString()} of ${sync.filesTotal.toLocaleString()} files` : s.lastSyncAt ? `Last sync ${new Date(s.lastSyncAt).toLocaleString()}` : 'Not synced yet'}</span>
          {sync.lastError && <span className="warn-text">Last sync failed: {sync.lastError}</span>}
          <a href="#/sync" className={s.issues > 0 ? 'warn-text' : 'muted'}>{s.issues === 0 ? 'no sync issues' : `${s.issues.toLocaleString()} sync issue${s.issues === 1 ? '' : 's'}`}</a>
          <button className="btn" disabled={!canWrite || syncNow.isPending} onClick={() => syncNow.mutate({})}>{syncNow.isPending ? 'Syncing…' : 'Sync now'}</button>
        </div>
        {canChangeSetup && s.active.savedId === null && !s.active.isDemo && <p className="muted">Given on the command line; save it below to keep it with its mapping.</p>}
      </div>

      <div className="panel" data-testid="sources">
        <div className="row panel-title">
          <h2>Sources</h2>
          <button className="btn primary" disabled={!canChangeSetup} onClick={() => setEditing('new')}>Add a source</button>
        </div>
        {use.error && <ErrorPanel error={use.error} title="Not switched" />}
        {remove.error && <ErrorPanel error={remove.error} title="Not removed" />}
        {s.sources.length === 0 ? (
          <EmptyState title="No saved sources">Add the lab store your jobs write, a TensorBoard log directory, an MLflow folder or W&B run folders, here or over SFTP.</EmptyState>
        ) : (
          <table className="data sources-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Kind</th>
                <th>URL</th>
                <th>Field mapping</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {s.sources.map((source) => (
                <tr key={source.id} className={source.active ? 'active' : undefined}>
                  <td><strong>{source.name}</strong>{source.active && <span className="badge in-use">in use</span>}</td>
                  <td>{FORMAT_SHORT[source.format]}{source.location === 'sftp' ? ' · SFTP' : ''}</td>
                  <td><code className="source-url">{source.url}</code></td>
                  <td className="mapping-cell">{mappingText(source.fieldMapping)}</td>
                  <td className="actions">
                    {!source.active && <button className="btn" disabled={!canChangeSetup || use.isPending} onClick={() => use.mutate({ id: source.id })}>Use</button>}
                    <button className="btn" disabled={!canChangeSetup} onClick={() => setEditing(source)}>Edit</button>
                    {!source.active && <button className="btn danger" disabled={!canChangeSetup || remove.isPending} onClick={() => remove.mutate({ id: source.id })}>Remove</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>

      {editing !== null && <SourceFormPanel key={editing === 'new' ? 'new' : editing.id} editing={editing === 'new' ? null : editing} settings={s} onDone={() => setEditing(null)} />}
      <SshPanel settings={s} canChange={canChangeSetup} />
    </div>
  );
}
