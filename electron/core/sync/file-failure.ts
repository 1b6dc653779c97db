// One store file must never stop a pass: whatever a reader throws while reading a file (a shape no
// check foresaw, a parser's own bug, a RangeError from a pathological value) becomes an issue on that
// file, and the pass goes on with the next one. Only what is about the pass as a whole still ends it:
// a stop request, the cache failing (full disk, read-only, damaged), the connection to the store
// lost, a store of a newer format, another sync writing meanwhile.
import type { SyncIssue } from '../store/sync-issue';

/** Errors that end a pass on purpose; their classes register here so this file imports none of them. */
const passErrorNames = new Set([
  'AbortError',
  'UnsupportedStoreFormatError',
  'ConcurrentSyncError',
  'CacheDatabaseError',
  'NotALabStoreError',
  // The SFTP link went down or the host cannot be trusted: no other file can be read either.
  'SshConnectionError',
  'ConnectionLostError',
  'SshAuthError',
  'HostKeyUnknownError',
  'HostKeyChangedError',
  'HostKeyRevokedError',
]);

/** Whether `error`, thrown while one file was read, is about the pass rather than the file. */
export function endsThePass(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  if (!(error instanceof Error)) return false;
  if (passErrorNames.has(error.name)) return true;
  // better-sqlite3's SqliteError: the cache, not the file, failed.
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** The issue that stands for a file whose reading failed. */
export function fileFailureIssue(path: string, error: unknown): SyncIssue {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    path,
    line: null,
    code: 'read-error',
    message: `Reading this file failed (${what.length > 300 ? `${what.slice(0, 299)}…` : what}); the rest of the store was synced. It is read again on the next sync.`,
    expected: null,
  };
}
