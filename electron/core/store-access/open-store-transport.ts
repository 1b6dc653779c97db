// Turns a store URL into the transport the sync engine reads through: a local folder (or mount),
// or SFTP to a host; the format (lab store, TensorBoard, MLflow) picks the engine that reads it.
import os from 'node:os';
import path from 'node:path';
import type { StoreAccessOptions } from '../config/store-access';
import { parseStoreUrl, type StoreUrl } from './store-url';
import { LocalFolderTransport } from './local-folder-transport';
import { SftpTransport, type SftpTransportOptions } from './sftp-transport';
import type { StoreTransport } from './store-transport';

export type { StoreAccessOptions };

/** SFTP behaviour that is not configuration: back-off and a log of reconnections. */
export type SftpBehaviour = Omit<SftpTransportOptions, 'knownHostsFiles' | 'auth'>;

export interface OpenedStore {
  url: StoreUrl;
  transport: StoreTransport;
}

export function openStoreTransport(storeUrl: string, access: StoreAccessOptions = {}, sftp: SftpBehaviour = {}): OpenedStore {
  const url = parseStoreUrl(storeUrl);
  const location = url.location;
  if (location.kind === 'local') return { url, transport: new LocalFolderTransport(path.resolve(location.path)) };
  const transport = new SftpTransport(
    { host: location.host, port: location.port, username: location.username ?? os.userInfo().username, path: location.path },
    {
      ...sftp,
      ...(access.knownHostsFiles ? { knownHostsFiles: access.knownHostsFiles } : {}),
      auth: access.sshKeyFile ? { keyFile: access.sshKeyFile } : {},
    },
  );
  return { url, transport };
}
