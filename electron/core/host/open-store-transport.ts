// Turns a store URL into the transport the sync engine reads through: a local folder (or mount),
// or SFTP to a host; the format (lab store, TensorBoard, MLflow) picks the engine that reads it.
import os from 'node:os';
import path from 'node:path';
import { parseStoreUrl, type StoreUrl } from '../sources/store-url';
import type { FieldMapping } from '../sources/field-mapping';
import { LocalFolderTransport } from '../sync/local-folder-transport';
import { SftpTransport, type SftpTransportOptions } from '../sync/sftp-transport';
import type { StoreTransport } from '../sync/store-transport';

/** How to reach and read a store, beside its URL: from Settings or CLI flags. */
export interface StoreAccessOptions {
  /** Private key file for sftp:// stores (default: ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa). */
  sshKeyFile?: string;
  /** known_hosts files to trust (default ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts). */
  knownHostsFiles?: string[];
  /** TensorBoard and MLflow sources: which param or tag gives params, tokens, flops, group, ablation, variant, seed. */
  fieldMapping?: FieldMapping;
  /** Extra SFTP settings (back-off, logging of reconnections). */
  sftp?: Omit<SftpTransportOptions, 'knownHostsFiles' | 'auth'>;
}

export interface OpenedStore {
  url: StoreUrl;
  transport: StoreTransport;
}

export function openStoreTransport(storeUrl: string, options: StoreAccessOptions = {}): OpenedStore {
  const url = parseStoreUrl(storeUrl);
  const location = url.location;
  if (location.kind === 'local') return { url, transport: new LocalFolderTransport(path.resolve(location.path)) };
  const transport = new SftpTransport(
    { host: location.host, port: location.port, username: location.username ?? os.userInfo().username, path: location.path },
    {
      ...options.sftp,
      knownHostsFiles: options.knownHostsFiles,
      auth: options.sshKeyFile ? { keyFile: options.sshKeyFile } : {},
    },
  );
  return { url, transport };
}
