// Everything the core needs to know, passed in by whoever starts it (CLI, serve, Electron main).
import type { StoreAccessOptions } from './store-access';

export interface CoreConfig {
  dbFile: string;
  /** A lab store location: a folder path, file://, sftp://, optionally prefixed tensorboard: or mlflow:. */
  storeUrl: string;
  migrationsDir: string;
  settingsFile: string;
  /** Decisions waiting for a writable store survive restarts here. */
  outboxDir: string;
  nativeBinding?: string;
  isDemo: boolean;
  /** Sync the store on start and keep watching it. */
  watch: boolean;
  pollIntervalMs?: number;
  /** SSH key and known_hosts for sftp:// stores, the field mapping of TensorBoard and MLflow sources. */
  storeAccess?: StoreAccessOptions;
  version: string;
}
