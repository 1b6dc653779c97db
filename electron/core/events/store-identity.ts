// Which store an event waiting in the outbox belongs to. One outbox serves every store a person opens
// (one $TESSERA_HOME), so each entry records the store it was made for: its location, and the hash of
// its tessera-store.json, which tells apart a different lab found at the same location later (a mount
// swapped, a folder replaced). An entry is delivered only to that store; elsewhere it waits, shown
// as belonging to another store.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseBoundedJson } from '../store/bounded-json';
import { STORE_MARKER_FILE } from '../store/parse-store-marker';
import { parseStoreUrl } from '../store-access/store-url';
import type { StoreTransport } from '../store-access/store-transport';

export interface StoreIdentity {
  /** The store's location, normalised: an absolute folder, or sftp://user@host:port/path. */
  url: string;
  /** SHA-1 of tessera-store.json as read when the event was made; null when it could not be known. */
  marker: string | null;
  /** The store's name from its marker, for people. */
  name: string | null;
}

/** The location part of a store identity: the same store written two ways ("lab/", "./lab") is one. */
export function storeLocationKey(storeUrl: string): string {
  const { location } = parseStoreUrl(storeUrl);
  if (location.kind === 'local') return path.resolve(location.path);
  const folder = path.posix.normalize(location.path).replace(/\/+$/, '');
  return `sftp://${location.username ? `${location.username}@` : ''}${location.host}:${location.port}${folder}`;
}

/** The same digest the sync keeps for the marker in sync_files.head_hash. */
export function markerHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

function markerName(bytes: Uint8Array): string | null {
  try {
    const json = parseBoundedJson(Buffer.from(bytes).toString('utf8')) as { name?: unknown };
    return typeof json?.name === 'string' ? json.name : null;
  } catch {
    return null;
  }
}

/** The identity of the store as it is now; throws (as the transport does) when its marker cannot be read. */
export async function readStoreIdentity(store: Pick<StoreTransport, 'readSmallFile'>, url: string): Promise<StoreIdentity> {
  const bytes = await store.readSmallFile(STORE_MARKER_FILE, 64 * 1024);
  return { url, marker: markerHash(bytes), name: markerName(bytes) };
}

/**
 * Whether an event made for `made` may go to `store`: the same location, and the same marker when both
 * are known (an event made while the store could not be read, before any sync, has none to compare).
 */
export function isSameStore(made: StoreIdentity | null, store: StoreIdentity): boolean {
  if (made === null || made.url !== store.url) return false;
  return made.marker === null || store.marker === null || made.marker === store.marker;
}
