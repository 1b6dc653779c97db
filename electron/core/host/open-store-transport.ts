// Turns a store URL into the transport the sync engine reads through.
import path from 'node:path';
import { parseStoreUrl, type StoreUrl } from '../sources/store-url';
import { LocalFolderTransport } from '../sync/local-folder-transport';
import type { StoreTransport } from '../sync/store-transport';

export interface OpenedStore {
  url: StoreUrl;
  transport: StoreTransport;
}

export function openStoreTransport(storeUrl: string): OpenedStore {
  const url = parseStoreUrl(storeUrl);
  if (url.format !== 'labstore') {
    throw new Error(`${url.format} stores are not supported by this build yet ("${storeUrl}").`);
  }
  if (url.location.kind !== 'local') {
    throw new Error(`SFTP stores are not supported by this build yet ("${storeUrl}").`);
  }
  return { url, transport: new LocalFolderTransport(path.resolve(url.location.path)) };
}
