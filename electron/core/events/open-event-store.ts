// Where the app's events go: the configured lab store, through the same transport the sync reads it
// with (a local folder or mount, or SFTP). Only a lab store (format 1) holds events; a TensorBoard,
// MLflow or W&B source has nowhere to put them.
import type { StoreAccessOptions } from '../config/store-access';
import { openStoreTransport } from '../store-access/open-store-transport';
import { parseStoreUrl, type StoreFormat } from '../store-access/store-url';
import type { EventStore } from './event-writer';

export class EventStoreUnsupportedError extends Error {
  constructor(storeUrl: string, format: Exclude<StoreFormat, 'labstore'>) {
    const what = { tensorboard: 'a TensorBoard log directory', mlflow: 'an MLflow store', wandb: 'a folder of W&B runs' }[format];
    super(`Decisions, comments and assessments are written to a lab store (format 1), and ${storeUrl} is ${what}.`);
    this.name = 'EventStoreUnsupportedError';
  }
}

/** `access`: the SSH key and known_hosts an sftp:// store is reached with (as for the sync). */
export function openEventStore(storeUrl: string, access?: StoreAccessOptions): EventStore {
  const { format } = parseStoreUrl(storeUrl);
  if (format !== 'labstore') throw new EventStoreUnsupportedError(storeUrl, format);
  return openStoreTransport(storeUrl, access).transport;
}
