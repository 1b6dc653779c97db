// SFTP requests as promises. A request on a connection that goes away rejects with
// ConnectionLostError (never hangs); an SFTP status reply becomes a StoreAccessError for the path.
import type { FileEntryWithStats, Stats } from 'ssh2';
import { StoreAccessError } from '../store-transport';
import type { SftpSession } from './open-sftp-session';

/** SFTP status codes (draft-ietf-secsh-filexfer-02). */
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;
const NO_CONNECTION = 6;
const CONNECTION_LOST = 7;
const OP_UNSUPPORTED = 8;

export class ConnectionLostError extends Error {
  constructor(cause: string) {
    super(`the connection was lost (${cause})`);
    this.name = 'ConnectionLostError';
  }
}

type SftpError = Error & { code?: unknown };

/** A reply about the file (no such file, permission denied, failure) versus the connection failing. */
function translate(error: SftpError, storePath: string, session: SftpSession): Error {
  const code = error.code;
  if (session.closed || typeof code !== 'number' || code === NO_CONNECTION || code === CONNECTION_LOST) {
    return new ConnectionLostError(error.message);
  }
  if (code === NO_SUCH_FILE) return new StoreAccessError('not-found', storePath, `${storePath || '(the store folder)'} does not exist.`);
  if (code === PERMISSION_DENIED) return new StoreAccessError('io', storePath, `${storePath || '(the store folder)'}: permission denied on the host.`);
  if (code === OP_UNSUPPORTED) return new StoreAccessError('io', storePath, `${storePath}: the SFTP server does not support this operation.`);
  return new StoreAccessError('io', storePath, `${storePath || '(the store folder)'}: ${error.message}`);
}

/** Runs one SFTP request; `storePath` names the file in errors. */
export function sftpCall<T>(
  session: SftpSession,
  storePath: string,
  request: (done: (error: SftpError | undefined | null, value?: T) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (session.closed) return reject(new ConnectionLostError('closed'));
    let settled = false;
    const unsubscribe = session.onClosed(() => {
      if (settled) return;
      settled = true;
      reject(new ConnectionLostError('closed while waiting for a reply'));
    });
    try {
      request((error, value) => {
        if (settled) return;
        settled = true;
        unsubscribe();
        if (error) reject(translate(error, storePath, session));
        else resolve(value as T);
      });
    } catch (error) {
      settled = true;
      unsubscribe();
      reject(new ConnectionLostError((error as Error).message));
    }
  });
}

export const sftpRealpath = (s: SftpSession, remote: string, storePath: string) =>
  sftpCall<string>(s, storePath, (done) => s.sftp.realpath(remote, done));

export const sftpReaddir = (s: SftpSession, remote: string, storePath: string) =>
  sftpCall<FileEntryWithStats[]>(s, storePath, (done) => s.sftp.readdir(remote, done));

export const sftpStat = (s: SftpSession, remote: string, storePath: string) =>
  sftpCall<Stats>(s, storePath, (done) => s.sftp.stat(remote, done));

export const sftpOpen = (s: SftpSession, remote: string, flags: 'r' | 'wx', storePath: string) =>
  sftpCall<Buffer>(s, storePath, (done) => s.sftp.open(remote, flags, flags === 'wx' ? { mode: 0o644 } : {}, done));

export const sftpFstat = (s: SftpSession, handle: Buffer, storePath: string) =>
  sftpCall<Stats>(s, storePath, (done) => s.sftp.fstat(handle, done));

export const sftpRead = (s: SftpSession, handle: Buffer, into: Buffer, offset: number, length: number, position: number, storePath: string) =>
  sftpCall<number>(s, storePath, (done) => s.sftp.read(handle, into, offset, length, position, (error, bytesRead) => done(error, bytesRead)));

export const sftpWrite = (s: SftpSession, handle: Buffer, data: Buffer, position: number, storePath: string) =>
  sftpCall<void>(s, storePath, (done) => s.sftp.write(handle, data, 0, data.length, position, done));

export const sftpFsync = (s: SftpSession, handle: Buffer, storePath: string) =>
  sftpCall<void>(s, storePath, (done) => s.sftp.ext_openssh_fsync(handle, (error) => done(error)));

export const sftpClose = (s: SftpSession, handle: Buffer, storePath: string) =>
  sftpCall<void>(s, storePath, (done) => s.sftp.close(handle, done));

export const sftpMkdir = (s: SftpSession, remote: string, storePath: string) =>
  sftpCall<void>(s, storePath, (done) => s.sftp.mkdir(remote, { mode: 0o755 }, done));

/** OpenSSH renames regular files with link() + unlink(), so this fails when the target exists. */
export const sftpRename = (s: SftpSession, from: string, to: string, storePath: string) =>
  sftpCall<void>(s, storePath, (done) => s.sftp.rename(from, to, done));

export const sftpUnlink = (s: SftpSession, remote: string, storePath: string) =>
  sftpCall<void>(s, storePath, (done) => s.sftp.unlink(remote, done));

/**
 * Reads up to `length` bytes at `position` with requests of `pieceBytes` in flight together;
 * stops at the first short piece (the end of the file). Returns the bytes read.
 */
export async function sftpReadAt(s: SftpSession, handle: Buffer, position: number, length: number, pieceBytes: number, storePath: string): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  const pieces: Array<Promise<number>> = [];
  for (let offset = 0; offset < length; offset += pieceBytes) {
    pieces.push(sftpRead(s, handle, buffer, offset, Math.min(pieceBytes, length - offset), position + offset, storePath));
  }
  const counts = await Promise.all(pieces);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const want = Math.min(pieceBytes, length - i * pieceBytes);
    total += counts[i]!;
    if (counts[i]! < want) break;
  }
  return buffer.subarray(0, total);
}
