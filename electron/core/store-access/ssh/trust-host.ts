// Trusting a host's key on purpose: the key the host presents is added to known_hosts only when
// its fingerprint equals the one the user confirms (read from the cluster's documentation or its
// admins), never because it was merely seen. A known key that changed is never replaced here.
import fs from 'node:fs';
import path from 'node:path';
import { checkHostKey, hostKeyFingerprint, knownHostLine, knownHostName } from './known-hosts';
import { fetchHostKey, readKnownHosts } from './open-sftp-session';

export type TrustHostOutcome =
  | { kind: 'already-trusted'; fingerprint: string; where: string }
  /** No fingerprint given: nothing written, the fingerprint to confirm is shown. */
  | { kind: 'needs-confirmation'; fingerprint: string; keyType: string }
  | { kind: 'mismatch'; fingerprint: string; given: string }
  | { kind: 'changed'; fingerprint: string; known: string[] }
  | { kind: 'revoked'; fingerprint: string; where: string }
  | { kind: 'trusted'; fingerprint: string; file: string; line: string };

export interface TrustHostOptions {
  host: string;
  port: number;
  /** "SHA256:…" as ssh-keygen -l prints it. */
  fingerprint?: string;
  /** Where to add the line; the other files are only read. */
  knownHostsFiles: string[];
  readyTimeoutMs?: number;
}

function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  let prefix = '';
  try {
    const text = fs.readFileSync(file, 'utf8');
    if (text.length > 0 && !text.endsWith('\n')) prefix = '\n';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.appendFileSync(file, `${prefix}${line}\n`, { mode: 0o600 });
}

export async function trustHost(options: TrustHostOptions): Promise<TrustHostOutcome> {
  const { host, port } = options;
  const key = await fetchHostKey(host, port, { knownHostsFiles: options.knownHostsFiles, readyTimeoutMs: options.readyTimeoutMs });
  const fingerprint = hostKeyFingerprint(key);
  const verdict = checkHostKey(readKnownHosts(options.knownHostsFiles), host, port, key);
  if (verdict.kind === 'trusted') return { kind: 'already-trusted', fingerprint, where: `${verdict.entry.file}:${verdict.entry.line}` };
  if (verdict.kind === 'revoked') return { kind: 'revoked', fingerprint, where: `${verdict.entry.file}:${verdict.entry.line}` };
  if (verdict.kind === 'changed') return { kind: 'changed', fingerprint, known: verdict.known.map((e) => `${e.file}:${e.line} (${hostKeyFingerprint(e.key)})`) };
  if (options.fingerprint === undefined) return { kind: 'needs-confirmation', fingerprint, keyType: knownHostLine(host, port, key).split(' ')[1]! };
  const given = options.fingerprint.trim().replace(/=+$/, '');
  if (given !== fingerprint) return { kind: 'mismatch', fingerprint, given };
  const file = options.knownHostsFiles[0]!;
  const line = knownHostLine(host, port, key);
  appendLine(file, line);
  return { kind: 'trusted', fingerprint, file, line };
}

export { knownHostName };
