// Where the app's events go: the configured lab store, reached through its store transport. Only a
// lab store (format 1) holds events; a TensorBoard or MLflow source has nowhere to put them.
import { fileURLToPath } from 'node:url';
import { LocalFolderTransport } from '../sync/local-folder-transport';
import type { EventStore } from './event-writer';

export class EventStoreUnsupportedError extends Error {
  constructor(storeUrl: string, what: string) {
    super(`Decisions, comments and assessments are written to a lab store (format 1), and ${storeUrl} is ${what}.`);
    this.name = 'EventStoreUnsupportedError';
  }
}

export function openEventStore(storeUrl: string): EventStore {
  if (/^(tensorboard|mlflow):/i.test(storeUrl)) {
    throw new EventStoreUnsupportedError(storeUrl, `a ${storeUrl.slice(0, storeUrl.indexOf(':'))} source`);
  }
  if (/^sftp:\/\//i.test(storeUrl)) {
    throw new EventStoreUnsupportedError(storeUrl, 'reached over SFTP, which this build cannot write to yet');
  }
  const folder = /^file:\/\//i.test(storeUrl) ? fileURLToPath(storeUrl) : storeUrl;
  return new LocalFolderTransport(folder);
}
