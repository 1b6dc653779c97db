// The core's one event writer: proposals, triage and the review write through it, so there is one
// outbox and one retry timer per core. Its outbox is retried as soon as the core starts; an event
// that lands is announced, and events that waited are brought into the cache by a sync.
import type { PushEvent } from '../../../shared/api/push-events';
import type { CoreConfig } from '../config/core-config';
import { STORE_MARKER_FILE } from '../store/parse-store-marker';
import type { CacheDatabase } from '../db/open-cache-database';
import { createEventWriter, type EventStore, type EventWriter } from './event-writer';
import { openEventStore } from './open-event-store';
import { Outbox } from './outbox';
import { storeLocationKey } from './store-identity';

export interface CoreEventWriterDeps {
  cache: Pick<CacheDatabase, 'sqlite'>;
  config: Pick<CoreConfig, 'storeUrl' | 'storeAccess' | 'outboxDir'>;
  sync: { syncNow(): Promise<unknown> };
  emit(event: PushEvent): void;
  log(message: string): void;
}

export function createCoreEventWriter(deps: CoreEventWriterDeps, retryIntervalMs?: number): EventWriter {
  let store: EventStore | null = null;
  const marker = deps.cache.sqlite.prepare(`SELECT head_hash FROM sync_files WHERE path = '${STORE_MARKER_FILE}'`).pluck();
  const storeName = deps.cache.sqlite.prepare("SELECT value FROM cache_state WHERE key = 'store_name'").pluck();
  return createEventWriter({
    store: async () => (store ??= openEventStore(deps.config.storeUrl, deps.config.storeAccess)),
    storeUrl: storeLocationKey(deps.config.storeUrl),
    lastKnownMarker: () => ({ marker: (marker.get() as string | null | undefined) ?? null, name: (storeName.get() as string | undefined) ?? null }),
    outbox: new Outbox(deps.config.outboxDir).open(),
    retryIntervalMs,
    log: deps.log,
    onLanded: () => {
      deps.emit({ type: 'data-changed', scopes: ['events', 'proposals'], at: new Date().toISOString() });
    },
    onFlushed: () => {
      // Events that waited landed on their own (start, timer): bring them into the cache.
      deps.sync.syncNow().catch((error: unknown) => deps.log(`sync after writing pending events failed: ${(error as Error).message}`));
    },
  });
}
