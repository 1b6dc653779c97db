// The common case in one call: sync a lab store that is a local folder (or a mounted one).
import type { CacheDatabase } from '../db/open-cache-database';
import { LocalFolderTransport } from '../store-access/local-folder-transport';
import { syncLabStore, type SyncLabStoreOptions } from './sync-lab-store';
import type { SyncSummary } from './sync-summary';

export function syncFolder(
  db: CacheDatabase,
  dir: string,
  options: Omit<SyncLabStoreOptions, 'db' | 'transport'> = {},
): Promise<SyncSummary> {
  return syncLabStore({ ...options, db, transport: new LocalFolderTransport(dir) });
}
