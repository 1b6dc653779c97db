// Events waiting in the local outbox because the store could not be written: how many, what they
// are, why the last attempt failed, and a button to try again now. Events made in other stores are
// listed apart, with their store: they are only ever written there.
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { OtherStoresPending, PendingEventList } from '../../components/pending-events';
import { ReadOnlyNote, useCanWrite } from '../../components/read-only-note';

export function PendingIndicator() {
  const pending = useApiQuery('listPendingEvents', {}, { refetchInterval: 15_000 });
  const retry = useApiMutation('retryPendingEvents');
  const [open, setOpen] = useState(false);
  const canWrite = useCanWrite();
  if (!pending.data) return null;
  const { count, events, otherStores, unreadable } = pending.data;
  if (count === 0 && unreadable.length === 0 && otherStores.length === 0) return null;
  return (
    <div className="pending-indicator">
      <button className="btn pending-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="pending-indicator">
        {count > 0 && <span className="badge warn">{count} pending</span>}
        {count > 0 ? 'not yet in the store' : `${otherStores.length} waiting for another store`}
      </button>
      {open && (
        <div className="pending-panel panel" role="region" aria-label="Pending events">
          {count > 0 && (
            <>
              <p className="muted">
                The store could not be written. These are kept on this machine and written as soon as it can be (on every sync and
                start, and when you retry).
              </p>
              <PendingEventList entries={events} />
            </>
          )}
          <OtherStoresPending entries={otherStores} />
          {unreadable.length > 0 && (
            <div className="error-panel">
              Unreadable outbox files (left in place):
              <ul>
                {unreadable.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            </div>
          )}
          {count > 0 && (
            <div className="row">
              <button className="btn primary" disabled={retry.isPending || !canWrite} onClick={() => retry.mutate({})}>
                {retry.isPending ? 'Trying…' : 'Try again now'}
              </button>
              {!canWrite && <ReadOnlyNote>retrying is off on this server</ReadOnlyNote>}
              {retry.data && (
                <span className="muted">
                  {retry.data.written} written, {retry.data.pending} still pending
                </span>
              )}
              {retry.error && <span className="badge danger">{retry.error.message}</span>}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
