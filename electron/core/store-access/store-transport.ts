// How the sync reaches a lab store: a local folder (or a network mount) today, SFTP later. Paths
// are store-relative and '/'-separated; every implementation refuses a path that could leave the
// store and never follows a symbolic link that leads outside it.

export type StoreEntryKind = 'file' | 'dir' | 'symlink' | 'other';

export interface StoreEntry {
  name: string;
  /** What the entry itself is: a symbolic link is reported as 'symlink', not followed. */
  kind: StoreEntryKind;
  size: number;
  mtimeMs: number;
}

export interface StoreStat {
  /** What the path leads to, after following symbolic links that stay inside the store. */
  kind: Exclude<StoreEntryKind, 'symlink'>;
  size: number;
  mtimeMs: number;
}

export type StoreAccessErrorCode = 'outside-store' | 'invalid-path' | 'not-found' | 'too-large' | 'exists' | 'io';

export class StoreAccessError extends Error {
  constructor(
    readonly code: StoreAccessErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'StoreAccessError';
  }
}

/** Changes noticed by a transport that can watch (fs events); `close` stops watching. */
export interface StoreWatch {
  close(): void;
}

export interface StoreTransport {
  /** Where the store is, for messages (a folder path, an sftp:// URL). */
  readonly location: string;
  /** The entries of a folder ('' is the root), sorted by name. Folders may report size and mtime 0. */
  list(dir: string): Promise<StoreEntry[]>;
  /** Follows links that stay inside the store; throws StoreAccessError('outside-store') otherwise. Null when absent. */
  stat(path: string): Promise<StoreStat | null>;
  /** Bytes [start, end) of a file (to its end when `end` is omitted), as chunks never reused afterwards. */
  readRange(path: string, start: number, end?: number, chunkBytes?: number): AsyncIterable<Buffer>;
  /** A whole small file; throws StoreAccessError('too-large') above `maxBytes`. */
  readSmallFile(path: string, maxBytes: number): Promise<Buffer>;
  /**
   * Writes a new file atomically: to a temporary name in the same folder, then into place. Never
   * replaces an existing file (throws StoreAccessError('exists')); creates missing folders. A write
   * that fails leaves nothing behind and throws the file system's own error (its `code`, such as
   * ENOSPC or EACCES, says why).
   */
  writeNewFile(path: string, data: Uint8Array): Promise<void>;
  /**
   * The file on this machine a store path is (links followed, never outside the store), for readers that
   * must open a file themselves, like SQLite; absent when the store is not on this machine (SFTP).
   */
  localPath?(path: string): string;
  /** Calls `onChange` when something under the store may have changed; absent when the transport cannot watch. */
  watch?(onChange: () => void): StoreWatch;
  close?(): Promise<void>;
}

/** A store path that can be used safely: relative, '/'-separated, no empty, '.' or '..' segments. */
export function isSafeStorePath(path: string): boolean {
  if (path === '') return true;
  if (path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

export function joinStorePath(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** Temporary files of writeNewFile start with this; the sync never treats them as store entries. */
export const TEMP_FILE_PREFIX = '.tessera-tmp-';
