// Events waiting in the local outbox, as a list: what each is, when it was made, why the last attempt
// failed, and, for events made in another store, which store they will be written to (only there).
import type { PendingEventInfo } from '../../../shared/api/proposals-methods';

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

function storeLabel(store: PendingEventInfo['store']): string {
  if (store === null) return 'a store an older Tessera did not record (it is not written anywhere)';
  return store.name ? `${store.name} (${store.url})` : store.url;
}

export function PendingEventList({ entries, showStore = false }: { entries: PendingEventInfo[]; showStore?: boolean }) {
  return (
    <ul className="pending-events">
      {entries.map((entry) => (
        <li key={entry.event.id}>
          <strong>{entry.event.at.slice(0, 16).replace('T', ' ')} UTC</strong> {describeEvent(entry.event)}
          {showStore && <div className="muted">For {storeLabel(entry.store)}</div>}
          {entry.lastError && <div className="muted">Last attempt: {entry.lastError}</div>}
        </li>
      ))}
    </ul>
  );
}

/** The outbox's events of other stores, with a sentence that says what happens to them. */
export function OtherStoresPending({ entries }: { entries: PendingEventInfo[] }) {
  if (entries.length === 0) return null;
  return (
    <div data-testid="pending-other-stores">
      <p className="muted">
        {entries.length === 1 ? 'One event was' : `${entries.length} events were`} made in another store and {entries.length === 1 ? 'waits' : 'wait'} to be
        written there, never here: open that store to write {entries.length === 1 ? 'it' : 'them'}.
      </p>
      <PendingEventList entries={entries} showStore />
    </div>
  );
}
