// The local outbox: events that could not be written to the store yet (read-only mount, SFTP without
// write permission, network gone), one JSON file per event in config.outboxDir. Nothing a user typed
// is lost: every event is put here before the store is tried, and leaves only once it is in the store.
// The outbox is shared by every store opened from this data folder: each entry names its own store.
import fs from 'node:fs';
import path from 'node:path';
import { checkEventDraft, eventStorePath, type EventDraft, type StoreEvent } from '../../../shared/domain/store-events';
import { parseBoundedJson } from '../store/bounded-json';
import { LOCAL_TEMP_PREFIX, removeStaleTempFiles, writeLocalFileAtomic } from './atomic-local-file';
import type { StoreIdentity } from './store-identity';

export interface PendingEvent {
  event: StoreEvent;
  /** The store it was made for; null for entries of a Tessera that did not record it (never delivered). */
  store: StoreIdentity | null;
  /** Where it goes in the store. */
  path: string;
  queuedAt: string;
  attempts: number;
  lastAttemptAt: string | null;
  lastError: string | null;
}

export interface OutboxListing {
  pending: PendingEvent[];
  /** Outbox files that could not be read, each with why; they are left in place for a person to look at. */
  unreadable: { file: string; message: string }[];
}

/** Version 2 added `store`; version 1 entries are still read, as belonging to an unknown store. */
const ENTRY_VERSION = 2;

function fileOf(dir: string, id: string): string {
  return path.join(dir, `${id}.json`);
}

function readStore(value: unknown): StoreIdentity {
  const store = value as Partial<StoreIdentity> | null;
  if (!store || typeof store !== 'object' || typeof store.url !== 'string' || !(typeof store.marker === 'string' || store.marker === null)) {
    throw new Error('"store" is not a store identity with url and marker');
  }
  return { url: store.url, marker: store.marker, name: typeof store.name === 'string' ? store.name : null };
}

function readEntry(file: string): PendingEvent {
  const json = parseBoundedJson(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (json.version !== 1 && json.version !== ENTRY_VERSION) throw new Error(`"version" is ${JSON.stringify(json.version)}, expected ${ENTRY_VERSION}`);
  const event = json.event as StoreEvent | undefined;
  if (!event || typeof event !== 'object' || typeof event.id !== 'string' || typeof event.at !== 'string' || typeof event.author !== 'string') {
    throw new Error('"event" is not an event with id, at and author');
  }
  const problems = checkEventDraft(event as unknown as EventDraft);
  if (problems.length > 0) throw new Error(`event field ${problems[0]!.field}: ${problems[0]!.message} Expected ${problems[0]!.expected}`);
  if (path.basename(file) !== `${event.id}.json`) throw new Error(`the file name does not match the event id ${event.id}`);
  return {
    event,
    store: json.version === 1 ? null : readStore(json.store),
    path: eventStorePath(event),
    queuedAt: typeof json.queuedAt === 'string' ? json.queuedAt : event.at,
    attempts: typeof json.attempts === 'number' ? json.attempts : 0,
    lastAttemptAt: typeof json.lastAttemptAt === 'string' ? json.lastAttemptAt : null,
    lastError: typeof json.lastError === 'string' ? json.lastError : null,
  };
}

export class Outbox {
  constructor(readonly dir: string) {}

  /** Clears temporary files that an interrupted write left behind. */
  open(): this {
    removeStaleTempFiles(this.dir);
    return this;
  }

  put(entry: PendingEvent): void {
    writeLocalFileAtomic(fileOf(this.dir, entry.event.id), `${JSON.stringify({ version: ENTRY_VERSION, ...entry }, null, 2)}\n`);
  }

  remove(id: string): void {
    fs.rmSync(fileOf(this.dir, id), { force: true });
  }

  has(id: string): boolean {
    return fs.existsSync(fileOf(this.dir, id));
  }

  /** Pending events oldest first (ULIDs sort by time). */
  list(): OutboxListing {
    if (!fs.existsSync(this.dir)) return { pending: [], unreadable: [] };
    const names = fs
      .readdirSync(this.dir)
      .filter((name) => name.endsWith('.json') && !name.startsWith(LOCAL_TEMP_PREFIX))
      .sort();
    const listing: OutboxListing = { pending: [], unreadable: [] };
    for (const name of names) {
      const file = path.join(this.dir, name);
      try {
        listing.pending.push(readEntry(file));
      } catch (error) {
        listing.unreadable.push({ file, message: `${file}: ${(error as Error).message}` });
      }
    }
    return listing;
  }
}
