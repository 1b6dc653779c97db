// ~/.ssh/known_hosts as OpenSSH reads it (sshd(8), SSH_KNOWN_HOSTS FILE FORMAT):
//   [@revoked|@cert-authority] hostpatterns keytype base64-key [comment]
// Host patterns are comma-separated, may use * and ?, may be negated with !, name a port as
// [host]:port, or be hashed as |1|base64(salt)|base64(HMAC-SHA1(salt, host)). A host key is
// trusted only when a matching line holds exactly that key; nothing is ever accepted silently.
import { createHash, createHmac } from 'node:crypto';

export interface KnownHostEntry {
  file: string;
  /** 1-based line number, for messages that say where to look. */
  line: number;
  marker: 'revoked' | 'cert-authority' | null;
  patterns: string;
  keyType: string;
  /** The public key blob (the base64 field decoded). */
  key: Buffer;
}

export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/[ \t]+/);
    let marker: KnownHostEntry['marker'] = null;
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') {
      marker = fields[0] === '@revoked' ? 'revoked' : 'cert-authority';
      fields.shift();
    }
    const [patterns, keyType, base64] = fields;
    if (!patterns || !keyType || !base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return;
    const key = Buffer.from(base64, 'base64');
    // The blob starts with its own type name; a line whose blob disagrees with its type is not a key.
    if (keyTypeOfBlob(key) !== keyType) return;
    entries.push({ file, line: index + 1, marker, patterns, keyType, key });
  });
  return entries;
}

/** The name known_hosts uses for a host: "host" on port 22, "[host]:port" otherwise. */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/** The key type written at the start of an SSH public key blob ("ssh-ed25519", "ssh-rsa" …). */
export function keyTypeOfBlob(blob: Buffer): string | null {
  if (blob.length < 4) return null;
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || 4 + length > blob.length) return null;
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** OpenSSH's fingerprint: "SHA256:" and the unpadded base64 of the blob's SHA-256. */
export function hostKeyFingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

function wildcardMatch(pattern: string, text: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(text);
}

function hashedMatch(pattern: string, name: string): boolean {
  const parts = pattern.split('|');
  if (parts.length !== 4 || parts[1] !== '1') return false;
  const salt = Buffer.from(parts[2]!, 'base64');
  const digest = createHmac('sha1', salt).update(name).digest('base64');
  return digest === parts[3];
}

/** Whether a line's host patterns name this host: some pattern matches and no negated one does. */
export function hostPatternsMatch(patterns: string, name: string): boolean {
  if (patterns.startsWith('|')) return hashedMatch(patterns, name);
  let matched = false;
  for (const pattern of patterns.split(',')) {
    if (pattern.startsWith('!')) {
      if (wildcardMatch(pattern.slice(1), name)) return false;
    } else if (wildcardMatch(pattern, name)) matched = true;
  }
  return matched;
}

export type HostKeyVerdict =
  | { kind: 'trusted'; entry: KnownHostEntry }
  | { kind: 'revoked'; entry: KnownHostEntry }
  /** Other keys of the same type are known for this host: the key changed. */
  | { kind: 'changed'; known: KnownHostEntry[] }
  /** No key of this type is known for this host (`otherTypes` lists entries of other types). */
  | { kind: 'unknown'; otherTypes: KnownHostEntry[] };

export function checkHostKey(entries: readonly KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const name = knownHostName(host, port);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && hostPatternsMatch(e.patterns, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { kind: 'revoked', entry: revoked };
  const plain = forHost.filter((e) => e.marker === null);
  const exact = plain.find((e) => e.key.equals(key));
  if (exact) return { kind: 'trusted', entry: exact };
  const type = keyTypeOfBlob(key);
  const sameType = plain.filter((e) => e.keyType === type);
  if (sameType.length > 0) return { kind: 'changed', known: sameType };
  return { kind: 'unknown', otherTypes: plain };
}

/** Host key algorithms to offer first, so a server with several keys presents one we know. */
export function knownKeyAlgorithms(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const name = knownHostName(host, port);
  const types = new Set(entries.filter((e) => e.marker === null && hostPatternsMatch(e.patterns, name)).map((e) => e.keyType));
  const algorithms: string[] = [];
  for (const type of types) {
    if (type === 'ssh-rsa') algorithms.push('rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa');
    else algorithms.push(type);
  }
  return algorithms;
}

/** One known_hosts line trusting `key` for the host. */
export function knownHostLine(host: string, port: number, key: Buffer): string {
  return `${knownHostName(host, port)} ${keyTypeOfBlob(key)} ${key.toString('base64')}`;
}
