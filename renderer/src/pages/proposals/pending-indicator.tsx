// Events waiting in the local outbox because the store could not be written: how many, what they
// are, why the last attempt failed, and a button to try again now.
import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { formatWhen } from './proposals-format';

function describeEvent(event: Record<string, unknown>): string {
  switch (event.type) {
    case 'decision':
      return `${String(event.decision)} ${String(event.target)}: “${String(event.rationale)}”`;
    case 'comment':
      return `comment on ${String(event.target)}: “${String(event.text)}”`;
    case 'complexity':
      return `complexity of ${String(event.target)}`;
    default:
      return String(event.type);
  }
}

export function PendingIndicator() {
  const pending = useApiQuery('listPendingEvents', {}, { refetchInterval: 15_000 });
  const retry = useApiMutation('retryPendingEvents');
  const [open, setOpen] = useState(false);
  if (!pending.data || (pending.data.count === 0 && pending.data.unreadable.length === 0)) return null;
  const { count, events, unreadable } = pending.data;
  return (
    <div className="pending-indicator">
      <button className="btn pending-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="pending-indicator">
        <span className="badge warn">{count} pending</span> not yet in the store
      </button>
      {open && (
        <div className="pending-panel panel" role="region" aria-label="Pending events">
          <p className="muted">
            The store could not be written. These are kept on this machine and written as soon as it can be (on every sync and
            start, and when you retry).
          </p>
          <ul>
            {events.map((entry) => (
              <li key={entry.event.id}>
                <strong>{formatWhen(entry.event.at)}</strong> {describeEvent(entry.event)}
                {entry.lastError && <div className="muted">Last attempt: {entry.lastError}</div>}
              </li>
            ))}
          </ul>
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
          <div className="row">
            <button className="btn primary" disabled={retry.isPending} onClick={() => retry.mutate({})}>
              {retry.isPending ? 'Trying…' : 'Try again now'}
            </button>
            {retry.data && (
              <span className="muted">
                {retry.data.written} written, {retry.data.pending} still pending
              </span>
            )}
            {retry.error && <span className="badge danger">{retry.error.message}</span>}
          </div>
        </div>
      )}
    </div>
  );
}
