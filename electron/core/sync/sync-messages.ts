// Messages between the core and its sync worker thread.
import type { SyncProgressInfo } from '../../../shared/api/app-methods';
import type { DataScope } from '../../../shared/api/push-events';
import type { StoreAccessOptions } from '../config/store-access';

export interface SyncWorkerInit {
  dbFile: string;
  storeUrl: string;
  migrationsDir: string;
  nativeBinding?: string;
  watch: boolean;
  pollIntervalMs?: number;
  storeAccess?: StoreAccessOptions;
}

export type SyncWorkerRequest = { type: 'sync-now' } | { type: 'stop' };

export type SyncWorkerMessage =
  | { type: 'progress'; progress: SyncProgressInfo }
  | { type: 'finished'; progress: SyncProgressInfo; changed: DataScope[]; alerts: number[]; runIds?: string[] }
  | { type: 'failed'; progress: SyncProgressInfo; message: string }
  /** Worth a line in the log (an SFTP reconnection). */
  | { type: 'log'; message: string }
  | { type: 'stopped' };
