// Writes the app's events (decisions, comments, complexity assessments, reviews) into the lab store,
// format 1: a ULID id, the time, the author; one new file per event through the transport's atomic
// write (temporary name, then rename, never overwriting). An event the store refuses waits in the
// outbox and is retried on every sync, on start, and on a timer while any is pending. Each event is
// tied to the store it was made for (store-identity.ts) and is only ever written there.
import { ulid } from 'ulid';
import {
  buildStoreEvent,
  checkEventDraft,
  eventStorePath,
  type EventDraft,
  type StoreEvent,
} from '../../../shared/domain/store-events';
import { StoreAccessError, type StoreTransport } from '../store-access/store-transport';
import type { Outbox, PendingEvent } from './outbox';
import { isSameStore, readStoreIdentity, type StoreIdentity } from './store-identity';

/** The part of a store transport the writer needs. */
export type EventStore = Pick<StoreTransport, 'location' | 'writeNewFile' | 'readSmallFile'>;

export class EventDraftError extends Error {
  constructor(readonly problems: { field: string; message: string; expected: string }[]) {
    super(problems.map((p) => `${p.field}: ${p.message} Expected ${p.expected}.`).join(' '));
    this.name = 'EventDraftError';
  }
}

export class MissingIdentityError extends Error {
  constructor(what: string) {
    super(
      `Cannot write this ${what}: Tessera does not know who you are. Choose your name in "Who am I" ` +
        '(the API call\'s `author`); every event in the store carries its author.',
    );
    this.name = 'MissingIdentityError';
  }
}

export type WriteOutcome =
  | { state: 'written'; event: StoreEvent; path: string }
  | { state: 'pending'; event: StoreEvent; path: string; reason: string };

export interface FlushResult {
  written: string[];
  pending: number;
  lastError: string | null;
}

export interface EventWriterOptions {
  /** Opens (or returns the open) store; a failure to open counts as "cannot write now". */
  store: () => Promise<EventStore>;
  /** The open store's location key (storeLocationKey) and what the cache last read of its marker. */
  storeUrl: string;
  lastKnownMarker?: () => { marker: string | null; name: string | null };
  outbox: Outbox;
  now?: () => Date;
  newId?: (time: number) => string;
  /** Called after events landed in the store, so the caller can sync them into the cache. */
  onLanded?: (written: string[]) => void;
  /** Called when a flush nobody waits for (start, timer) wrote events. */
  onFlushed?: (written: string[]) => void;
  /** Retry interval while events are pending; 0 turns the timer off. */
  retryIntervalMs?: number;
  log?: (message: string) => void;
}

/** The outbox seen from one store: its own events, and those waiting for other stores. */
export interface PendingListing {
  own: PendingEvent[];
  elsewhere: PendingEvent[];
  /** Outbox files that could not be read, each with why. */
  unreadable: string[];
}

export interface EventWriter {
  write(draft: EventDraft, author: string | null): Promise<WriteOutcome>;
  /** Tries to write every pending event; concurrent calls share one attempt. Rejects when the outbox cannot be read. */
  flush(): Promise<FlushResult>;
  /** The same, for callers that do not wait: failures are logged and retried. */
  flushInBackground(): void;
  /** This store's pending events only: the views of its proposals show these. */
  pending(): PendingEvent[];
  listing(): PendingListing;
  close(): void;
}

export function serializeStoreEvent(event: StoreEvent): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(event, null, 2)}\n`);
}

function describeStoreError(error: unknown, location: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason = error instanceof Error ? error.message : String(error);
  const hint =
    code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
      ? ' (the store is read-only for you)'
      : code === 'ENOSPC' || code === 'EDQUOT'
        ? ' (the store is full)'
        : '';
  return `The store ${location} cannot be written now${hint}: ${reason}`;
}

function describeStore(store: StoreIdentity | null): string {
  if (store === null) return 'a store an older Tessera did not record';
  return store.name ? `"${store.name}" at ${store.url}` : store.url;
}

export function createEventWriter(options: EventWriterOptions): EventWriter {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? ((time: number) => ulid(time));
  const log = options.log ?? (() => {});
  const retryIntervalMs = options.retryIntervalMs ?? 30_000;
  let running: Promise<FlushResult> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  /**
   * Writes one entry. A file already at its path is this very event when its bytes are the same (an
   * earlier attempt got it in place but stopped before clearing the outbox); otherwise the id
   * collided, and the event takes a fresh id rather than ever replacing another file.
   */
  async function deliver(entry: PendingEvent): Promise<{ ok: true; entry: PendingEvent } | { ok: false; reason: string; otherStore?: true }> {
    let location = 'store';
    let current = entry;
    try {
      const store = await options.store();
      location = store.location;
      // Checked against the store as it is now, right before writing: never into another lab.
      const live = await readStoreIdentity(store, options.storeUrl);
      if (!isSameStore(entry.store, live)) {
        return { ok: false, otherStore: true, reason: `${location} is not the store this event was made for (${describeStore(entry.store)}); it is not written there.` };
      }
      for (let attempt = 0; ; attempt++) {
        const bytes = serializeStoreEvent(current.event);
        try {
          await store.writeNewFile(current.path, bytes);
          return { ok: true, entry: current };
        } catch (error) {
          if (!(error instanceof StoreAccessError && error.code === 'exists') || attempt >= 3) throw error;
          const existing = await store.readSmallFile(current.path, 1 << 20);
          if (Buffer.from(bytes).equals(existing)) return { ok: true, entry: current };
          const event = { ...current.event, id: newId(Date.parse(current.event.at)) };
          current = { ...current, event, path: eventStorePath(event) };
        }
      }
    } catch (error) {
      return { ok: false, reason: describeStoreError(error, location) };
    }
  }

  /** The store an event is made for: as read now, or as the cache last knew it when it cannot be read. */
  async function currentIdentity(): Promise<StoreIdentity> {
    try {
      return await readStoreIdentity(await options.store(), options.storeUrl);
    } catch {
      return knownIdentity();
    }
  }

  function schedule(): void {
    if (closed || retryIntervalMs <= 0 || timer) return;
    timer = setTimeout(() => {
      timer = null;
      flushInBackground();
    }, retryIntervalMs);
    timer.unref();
  }

  /** The open store as the cache last knew it: which outbox entries are its own. */
  function knownIdentity(): StoreIdentity {
    return { url: options.storeUrl, ...(options.lastKnownMarker?.() ?? { marker: null, name: null }) };
  }

  function listing(): PendingListing {
    const { pending, unreadable } = options.outbox.list();
    const own = knownIdentity();
    const mine = (entry: PendingEvent) => isSameStore(entry.store, own);
    return { own: pending.filter(mine), elsewhere: pending.filter((entry) => !mine(entry)), unreadable: unreadable.map((bad) => bad.message) };
  }

  async function flushOnce(): Promise<FlushResult> {
    const { own: pending, unreadable } = listing();
    for (const bad of unreadable) log(`outbox: ${bad}`);
    const written: string[] = [];
    let lastError: string | null = null;
    for (const entry of pending) {
      const result = await deliver(entry);
      if (result.ok) {
        options.outbox.remove(entry.event.id);
        written.push(result.entry.event.id);
        continue;
      }
      lastError = result.reason;
      if (options.outbox.has(entry.event.id)) options.outbox.put({ ...entry, attempts: entry.attempts + 1, lastAttemptAt: now().toISOString(), lastError: result.reason });
      // The store refuses writes as a whole, so the rest waits for the next attempt; an event that
      // turned out to be another store's says so and the others go on.
      if (!result.otherStore) break;
    }
    const left = pending.length - written.length;
    if (left > 0) schedule();
    if (written.length > 0) options.onLanded?.(written);
    return { written, pending: left, lastError };
  }

  function flush(): Promise<FlushResult> {
    if (!running) {
      running = flushOnce().finally(() => {
        running = null;
      });
    }
    return running;
  }

  /** A flush nobody waits for (start, timer): a failure to read the outbox is logged and retried later. */
  function flushInBackground(): void {
    flush().then(
      (result) => {
        if (result.written.length > 0) options.onFlushed?.(result.written);
      },
      (error: unknown) => {
        log(`The outbox ${options.outbox.dir} could not be processed: ${(error as Error).message}`);
        schedule();
      },
    );
  }

  return {
    async write(draft, author) {
      const problems = checkEventDraft(draft);
      if (problems.length > 0) throw new EventDraftError(problems);
      if (!author) throw new MissingIdentityError(draft.type);
      const time = now();
      const event = buildStoreEvent(draft, { id: newId(time.getTime()), at: time.toISOString(), author });
      const store = await currentIdentity();
      const entry: PendingEvent = { event, store, path: eventStorePath(event), queuedAt: event.at, attempts: 0, lastAttemptAt: null, lastError: null };
      let outboxError: string | null = null;
      try {
        options.outbox.put(entry);
      } catch (error) {
        outboxError = (error as Error).message;
      }
      // Waits for a flush in progress so this event cannot be written twice at once.
      if (running) await running.catch(() => undefined);
      const result = await deliver(entry);
      if (result.ok) {
        if (outboxError === null) options.outbox.remove(event.id);
        options.onLanded?.([result.entry.event.id]);
        return { state: 'written', event: result.entry.event, path: result.entry.path };
      }
      if (outboxError !== null) {
        throw new Error(`${result.reason}. It could not be kept in the local outbox either (${outboxError}): nothing was saved.`);
      }
      try {
        options.outbox.put({ ...entry, attempts: 1, lastAttemptAt: now().toISOString(), lastError: result.reason });
      } catch (error) {
        log(`outbox: could not record the failed attempt of ${event.id}: ${(error as Error).message}`);
      }
      schedule();
      return { state: 'pending', event, path: entry.path, reason: result.reason };
    },
    flush,
    flushInBackground,
    pending: () => listing().own,
    listing,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}
