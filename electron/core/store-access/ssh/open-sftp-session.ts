// One SSH connection with its SFTP channel. The host key is checked against known_hosts before
// any credential is sent; an unknown, changed or revoked key ends the attempt with a message that
// shows the fingerprint and how to trust it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, type Algorithms, type SFTPWrapper, type ServerHostKeyAlgorithm } from 'ssh2';
import { checkHostKey, knownKeyAlgorithms, parseKnownHosts, type KnownHostEntry } from './known-hosts';
import { describeAuthPlan, planSshAuth, type SshAuthOptions } from './ssh-auth';
import { HostKeyChangedError, HostKeyRevokedError, HostKeyUnknownError, SshAuthError, SshConnectionError } from './ssh-errors';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
}

export interface SshConnectOptions {
  /** known_hosts files to trust; default ~/.ssh/known_hosts and /etc/ssh/ssh_known_hosts. The first is named in messages. */
  knownHostsFiles?: string[];
  auth?: Omit<SshAuthOptions, 'username'>;
  readyTimeoutMs?: number;
  /** Keep-alive period; a connection silent for 3 periods counts as lost. */
  keepaliveIntervalMs?: number;
}

export interface SftpSession {
  client: Client;
  sftp: SFTPWrapper;
  /** Set once the connection is gone; every later call on it fails. */
  closed: boolean;
  /** Calls `listener` once when the connection goes (at once if it is gone); returns an unsubscribe. */
  onClosed(listener: () => void): () => void;
  end(): void;
}

export function defaultKnownHostsFiles(): string[] {
  return [path.join(os.homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

export function readKnownHosts(files: readonly string[]): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw new Error(`Cannot read ${file}: ${(error as Error).message}`);
    }
    entries.push(...parseKnownHosts(text, file));
  }
  return entries;
}

const SUPPORTED_HOST_KEY_ALGORITHMS: readonly string[] = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];

/** Offers the key types known_hosts holds for the host first, as OpenSSH does. */
function hostKeyAlgorithms(known: readonly KnownHostEntry[], host: string, port: number): { algorithms?: Algorithms } {
  const preferred = knownKeyAlgorithms(known, host, port).filter((a) => SUPPORTED_HOST_KEY_ALGORITHMS.includes(a)) as ServerHostKeyAlgorithm[];
  return preferred.length > 0 ? { algorithms: { serverHostKey: { prepend: preferred, append: [], remove: [] } } } : {};
}

export function openSftpSession(target: SshTarget, options: SshConnectOptions = {}): Promise<SftpSession> {
  const files = options.knownHostsFiles ?? defaultKnownHostsFiles();
  const known = readKnownHosts(files);
  const plan = planSshAuth({ ...options.auth, username: target.username });
  const where = `${target.username}@${target.host}:${target.port}`;
  if (plan.methods.length === 0) {
    return Promise.reject(
      new SshAuthError(
        `No SSH identity to offer ${where}: ${describeAuthPlan(plan)}. Start ssh-agent and add your key (ssh-add), ` +
          'or configure a key file (the sshKeyFile setting, or --ssh-key FILE).',
      ),
    );
  }

  return new Promise((resolve, reject) => {
    const client = new Client();
    let refusal: Error | null = null;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      client.end();
      reject(error);
    };
    client.on('error', (error: Error & { level?: string }) => {
      if (refusal) return fail(refusal);
      if (error.level === 'client-authentication') {
        return fail(new SshAuthError(`${where} accepted none of the identities: ${describeAuthPlan(plan)}. Check that the public key is in ~/.ssh/authorized_keys on the host.`));
      }
      // A name that does not resolve will not resolve on a retry either.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTFOUND') return fail(new SshConnectionError(`Could not connect to ${where}: the host name ${target.host} does not resolve.`));
      fail(new Error(`Could not connect to ${where}: ${error.message}`));
    });
    client.on('close', () => fail(refusal ?? new Error(`The connection to ${where} closed during the handshake.`)));
    client.on('ready', () => {
      client.sftp((error, sftp) => {
        if (error) return fail(new Error(`${where} refused the SFTP subsystem: ${error.message}`));
        settled = true;
        const listeners = new Set<() => void>();
        const session: SftpSession = {
          client,
          sftp,
          closed: false,
          onClosed(listener) {
            if (session.closed) listener();
            else listeners.add(listener);
            return () => listeners.delete(listener);
          },
          end: () => client.end(),
        };
        const lost = () => {
          if (session.closed) return;
          session.closed = true;
          for (const listener of listeners) listener();
          listeners.clear();
        };
        client.on('close', lost);
        client.on('end', lost);
        client.on('error', lost);
        sftp.on('close', lost);
        resolve(session);
      });
    });
    client.connect({
      host: target.host,
      port: target.port,
      username: target.username,
      readyTimeout: options.readyTimeoutMs ?? 20_000,
      keepaliveInterval: options.keepaliveIntervalMs ?? 15_000,
      keepaliveCountMax: 3,
      ...hostKeyAlgorithms(known, target.host, target.port),
      authHandler: plan.methods,
      hostVerifier: (key: Buffer): boolean => {
        const verdict = checkHostKey(known, target.host, target.port, key);
        const endpoint = { host: target.host, port: target.port };
        if (verdict.kind === 'trusted') return true;
        if (verdict.kind === 'revoked') refusal = new HostKeyRevokedError(endpoint, key, verdict.entry);
        else if (verdict.kind === 'changed') refusal = new HostKeyChangedError(endpoint, key, verdict.known);
        else refusal = new HostKeyUnknownError(endpoint, key, files[0] ?? '~/.ssh/known_hosts', verdict.otherTypes);
        return false;
      },
    });
  });
}

/** Connects only far enough to see the host's key (for trust-host), then hangs up. */
export function fetchHostKey(host: string, port: number, options: { readyTimeoutMs?: number; knownHostsFiles?: string[] } = {}): Promise<Buffer> {
  const known = readKnownHosts(options.knownHostsFiles ?? defaultKnownHostsFiles());
  return new Promise((resolve, reject) => {
    const client = new Client();
    let key: Buffer | null = null;
    const done = () => (key ? resolve(key) : reject(new Error(`${host}:${port} did not present a host key.`)));
    client.on('error', (error: Error) => (key ? done() : reject(new Error(`Could not reach ${host}:${port}: ${error.message}`))));
    client.on('close', done);
    client.connect({
      host,
      port,
      username: 'tessera-host-key-check',
      readyTimeout: options.readyTimeoutMs ?? 20_000,
      ...hostKeyAlgorithms(known, host, port),
      authHandler: [],
      hostVerifier: (presented: Buffer): boolean => {
        key = Buffer.from(presented);
        return false;
      },
    });
  });
}
