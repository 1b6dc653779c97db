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

/** `id` names a "sync now": the worker answers `sync-now-done` with it when the pass that request asked for ends. */
export type SyncWorkerRequest = { type: 'sync-now'; id: number } | { type: 'stop' };

export type SyncWorkerMessage =
  | { type: 'progress'; progress: SyncProgressInfo }
  | { type: 'finished'; progress: SyncProgressInfo; changed: DataScope[]; alerts: number[]; runIds?: string[] }
  | { type: 'failed'; progress: SyncProgressInfo; message: string }
  | { type: 'sync-now-done'; id: number }
  /** Worth a line in the log (an SFTP reconnection). */
  | { type: 'log'; message: string }
  | { type: 'stopped' };
