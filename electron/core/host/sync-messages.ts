// Messages between the core and its sync worker thread.
import type { SyncProgressInfo } from '../../../shared/api/app-methods';
import type { DataScope } from '../../../shared/api/push-events';

export interface SyncWorkerInit {
  dbFile: string;
  storeUrl: string;
  migrationsDir: string;
  nativeBinding?: string;
  watch: boolean;
  pollIntervalMs?: number;
}

export type SyncWorkerRequest = { type: 'sync-now' } | { type: 'stop' };

export type SyncWorkerMessage =
  | { type: 'progress'; progress: SyncProgressInfo }
  | { type: 'finished'; progress: SyncProgressInfo; changed: DataScope[] }
  | { type: 'failed'; progress: SyncProgressInfo; message: string }
  | { type: 'stopped' };
