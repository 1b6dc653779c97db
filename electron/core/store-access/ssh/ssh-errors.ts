// Why an SSH connection was refused or lost, in words that say what to do next.
import { hostKeyFingerprint, keyTypeOfBlob, knownHostName, type KnownHostEntry } from './known-hosts';

export interface SshEndpoint {
  host: string;
  port: number;
}

function keyLabel(key: Buffer): string {
  const type = keyTypeOfBlob(key) ?? 'unknown';
  const short = type.replace(/^ssh-/, '').replace(/^ecdsa-sha2-.*/, 'ecdsa').toUpperCase();
  return `${short} key ${hostKeyFingerprint(key)}`;
}

function scanCommand({ host, port }: SshEndpoint, knownHostsFile: string): string {
  return `ssh-keyscan ${port === 22 ? '' : `-p ${port} `}${host} >> ${knownHostsFile}`;
}

function trustCommand({ host, port }: SshEndpoint, key: Buffer): string {
  return `tessera trust-host ${host}${port === 22 ? '' : `:${port}`} --fingerprint ${hostKeyFingerprint(key)}`;
}

/** The host presented a key no known_hosts line vouches for: refused, never accepted silently. */
export class HostKeyUnknownError extends Error {
  readonly fingerprint: string;
  constructor(endpoint: SshEndpoint, key: Buffer, knownHostsFile: string, otherTypes: KnownHostEntry[]) {
    const others = otherTypes.length > 0 ? ` (${knownHostsFile} knows only ${[...new Set(otherTypes.map((e) => e.keyType))].join(', ')} keys for it)` : '';
    super(
      `The host ${knownHostName(endpoint.host, endpoint.port)} is not in ${knownHostsFile}${others}: it presented the ${keyLabel(key)}. ` +
        'Tessera does not connect to hosts it cannot verify. Compare this fingerprint with the one your cluster publishes ' +
        `(or ask its admins), then trust it with \`${trustCommand(endpoint, key)}\` (or with OpenSSH: \`${scanCommand(endpoint, knownHostsFile)}\`).`,
    );
    this.name = 'HostKeyUnknownError';
    this.fingerprint = hostKeyFingerprint(key);
  }
}

/** The host presented a different key than the one known for it: possibly an attack, refused. */
export class HostKeyChangedError extends Error {
  readonly fingerprint: string;
  constructor(endpoint: SshEndpoint, key: Buffer, known: KnownHostEntry[]) {
    const where = known.map((e) => `${e.file}:${e.line} (${hostKeyFingerprint(e.key)})`).join(', ');
    const name = knownHostName(endpoint.host, endpoint.port);
    super(
      `The host key of ${name} has CHANGED: it presented the ${keyLabel(key)}, but ${where} holds another. ` +
        'Someone may be intercepting the connection, or the host was reinstalled. Tessera refuses to connect. ' +
        `If your cluster's admins confirm the new key, remove the old one with \`ssh-keygen -R '${name}'${known[0] ? ` -f ${known[0].file}` : ''}\`, ` +
        `then trust the new one with \`${trustCommand(endpoint, key)}\`.`,
    );
    this.name = 'HostKeyChangedError';
    this.fingerprint = hostKeyFingerprint(key);
  }
}

export class HostKeyRevokedError extends Error {
  constructor(endpoint: SshEndpoint, key: Buffer, entry: KnownHostEntry) {
    super(`The host ${knownHostName(endpoint.host, endpoint.port)} presented the ${keyLabel(key)}, which ${entry.file}:${entry.line} marks as revoked. Tessera refuses to connect.`);
    this.name = 'HostKeyRevokedError';
  }
}

/** No key or agent identity was accepted. */
export class SshAuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshAuthError';
  }
}

/**
 * The connection could not be made or was lost, and reconnecting with back-off did not help.
 * Not a problem of any one file: the sync pass stops, keeping everything it committed.
 */
export class SshConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SshConnectionError';
  }
}

/** Errors a retry cannot fix: the host key, the credentials, or a connection already given up on. */
export function isPermanentSshError(error: unknown): boolean {
  return (
    error instanceof SshConnectionError ||
    error instanceof HostKeyUnknownError ||
    error instanceof HostKeyChangedError ||
    error instanceof HostKeyRevokedError ||
    error instanceof SshAuthError
  );
}
