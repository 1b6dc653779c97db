// What every handler slice receives: the cache, the configuration, settings, sync and the push channel.
import type { PushEvent } from '../../../shared/api/push-events';
import type { CacheDatabase } from '../db/open-cache-database';
import type { CoreConfig } from '../config/core-config';
import type { StoreAccessOptions } from '../config/store-access';
import type { Settings } from '../config/settings-file';
import type { ComputeClient } from '../scaling/compute-client';
import type { SearchClient } from '../search/search-client';
import type { SyncController } from '../sync/sync-controller';

export interface SettingsAccess {
  get(): Settings;
  update(patch: Partial<Settings>): Settings;
}

export interface CoreDeps {
  cache: CacheDatabase;
  config: CoreConfig;
  settings: SettingsAccess;
  sync: SyncController;
  /** Scaling fits and bootstraps, off the core thread. */
  compute: ComputeClient;
  /** Full-text search and "Tried before?", off the core thread, each within a time budget. */
  search: SearchClient;
  emit(event: PushEvent): void;
  log(message: string): void;
  /** Makes the cache mirror another store from now on: the sync worker starts over with it. */
  switchStore(storeUrl: string, access: StoreAccessOptions, isDemo: boolean): Promise<void>;
}
