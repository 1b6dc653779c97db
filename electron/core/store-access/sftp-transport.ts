// The lab store (or a TensorBoard / MLflow folder) on a host reached over SFTP, typically a
// cluster login node. Every path is checked lexically, then its real path on the host (SFTP
// realpath, asked alongside the request itself to save a round trip) must stay inside the store,
// so a symbolic link leading elsewhere is refused. A lost connection is reopened with exponential
// back-off and the request repeated — reads are repeatable, and a read position only moves once
// bytes arrived — so a drop costs time, never rows. When reconnecting fails, the operation throws
// SshConnectionError and the pass stops with everything it committed kept.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { isSafeStorePath, StoreAccessError, TEMP_FILE_PREFIX, type StoreEntry, type StoreStat, type StoreTransport } from './store-transport';
import { openSftpSession, type SftpSession, type SshConnectOptions, type SshTarget } from './ssh/open-sftp-session';
import { isPermanentSshError, SshConnectionError } from './ssh/ssh-errors';
import { ListingPrefetcher } from './ssh/listing-prefetcher';
import {
  ConnectionLostError,
  sftpClose,
  sftpFstat,
  sftpFsync,
  sftpMkdir,
  sftpOpen,
  sftpReadAt,
  sftpReaddir,
  sftpRealpath,
  sftpRename,
  sftpStat,
  sftpUnlink,
  sftpWrite,
} from './ssh/sftp-calls';

const DEFAULT_CHUNK_BYTES = 1024 * 1024;

export interface SftpStoreTarget extends SshTarget {
  /** The store folder on the host: absolute, or relative to the login folder when it starts with "/~/". */
  path: string;
}

export interface SftpTransportOptions extends SshConnectOptions {
  /** Reconnection attempts after a lost connection before giving up; default 6 (about 16 s of back-off). */
  maxReconnects?: number;
  /** First back-off delay, doubled each attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Bytes per SFTP read request; several are in flight at once. */
  pieceBytes?: number;
  /** Told about every reconnection attempt (for logs). */
  onReconnect?: (attempt: number, reason: string) => void;
}

type StatLike = { isDirectory(): boolean; isFile(): boolean; isSymbolicLink(): boolean; size: number; mtime: number };

function kindOf(attrs: StatLike): StoreEntry['kind'] {
  if (attrs.isSymbolicLink()) return 'symlink';
  if (attrs.isFile()) return 'file';
  if (attrs.isDirectory()) return 'dir';
  return 'other';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Connected {
  session: SftpSession;
  /** The store folder's real path on the host. */
  root: string;
}

export class SftpTransport implements StoreTransport {
  readonly location: string;
  /** Connections opened so far (1 after the first; each reconnection adds one). */
  connections = 0;
  private current: Connected | null = null;
  private opening: Promise<Connected> | null = null;
  private readonly prefetcher: ListingPrefetcher;
  private closed = false;

  constructor(
    private readonly target: SftpStoreTarget,
    private readonly options: SftpTransportOptions = {},
  ) {
    const port = target.port === 22 ? '' : `:${target.port}`;
    this.location = `sftp://${encodeURIComponent(target.username)}@${target.host}${port}${target.path}`;
    this.prefetcher = new ListingPrefetcher((dir) => this.listNow(dir));
  }

  /** The store folder as SFTP names it: "/~/x" means "x" in the login folder. */
  private get rootPath(): string {
    const p = this.target.path;
    if (p === '/~' || p === '~') return '.';
    if (p.startsWith('/~/')) return p.slice(3);
    return p;
  }

  private async connect(): Promise<Connected> {
    if (this.closed) throw new SshConnectionError(`The connection to ${this.location} was closed.`);
    if (this.current && !this.current.session.closed) return this.current;
    this.current = null;
    this.opening ??= this.open().finally(() => {
      this.opening = null;
    });
    const connected = await this.opening;
    this.current = connected;
    return connected;
  }

  private async open(): Promise<Connected> {
    const session = await openSftpSession(this.target, this.options);
    this.connections++;
    try {
      const root = await sftpRealpath(session, this.rootPath, '');
      const stat = await sftpStat(session, root, '');
      if (!stat.isDirectory()) throw new StoreAccessError('invalid-path', '', `${this.location} is a file, not a folder.`);
      return { session, root };
    } catch (error) {
      session.end();
      if (error instanceof StoreAccessError && error.code === 'not-found') {
        throw new StoreAccessError('not-found', '', `The folder ${this.target.path} does not exist on ${this.target.host}.`);
      }
      throw error;
    }
  }

  private drop(connected: Connected): void {
    connected.session.end();
    if (this.current === connected) this.current = null;
  }

  /** Runs `op` on a live connection, reconnecting with back-off while the connection keeps failing. */
  private async withConnection<T>(op: (c: Connected, retry: boolean) => Promise<T>): Promise<T> {
    const max = this.options.maxReconnects ?? 6;
    const base = this.options.backoffMs ?? 250;
    const cap = this.options.maxBackoffMs ?? 8000;
    let lastReason = '';
    for (let attempt = 0; ; attempt++) {
      let connected: Connected | null = null;
      try {
        connected = await this.connect();
        return await op(connected, attempt > 0);
      } catch (error) {
        if (isPermanentSshError(error) || error instanceof StoreAccessError) throw error;
        if (connected && !(error instanceof ConnectionLostError)) throw error;
        if (connected) this.drop(connected);
        lastReason = (error as Error).message;
      }
      if (this.closed || attempt >= max) {
        throw new SshConnectionError(
          `Lost the connection to ${this.location} and could not get it back after ${attempt} reconnection attempt(s): ${lastReason}. ` +
            'Everything read so far is kept; the next sync continues from there.',
        );
      }
      this.options.onReconnect?.(attempt + 1, lastReason);
      await sleep(Math.min(cap, base * 2 ** attempt));
    }
  }

  private remote(root: string, storePath: string): string {
    if (!isSafeStorePath(storePath)) {
      throw new StoreAccessError('invalid-path', storePath, `Refusing the path "${storePath}": it could leave the store.`);
    }
    return storePath === '' ? root : path.posix.join(root, storePath);
  }

  private assertInside(root: string, storePath: string, real: string): void {
    if (real !== root && !real.startsWith(root === '/' ? '/' : `${root}/`)) {
      throw new StoreAccessError(
        'outside-store',
        storePath,
        `${storePath} is a symbolic link leading outside the store (to ${real}); it is not followed.`,
      );
    }
  }

  /** realpath and the request itself in flight together; the result is only used when the path stays inside. */
  private async confined<T>(c: Connected, storePath: string, request: (remote: string) => Promise<T>, onOutside?: (value: T) => void): Promise<T> {
    const remote = this.remote(c.root, storePath);
    const [real, value] = await Promise.allSettled([sftpRealpath(c.session, remote, storePath), request(remote)]);
    if (real.status === 'rejected') {
      if (value.status === 'fulfilled') onOutside?.(value.value);
      throw real.reason;
    }
    try {
      this.assertInside(c.root, storePath, real.value);
    } catch (error) {
      if (value.status === 'fulfilled') onOutside?.(value.value);
      throw error;
    }
    if (value.status === 'rejected') throw value.reason;
    return value.value;
  }

  async list(dir: string): Promise<StoreEntry[]> {
    const entries = await this.prefetcher.take(dir);
    this.prefetcher.ahead(dir, entries);
    return entries;
  }

  private listNow(dir: string): Promise<StoreEntry[]> {
    return this.withConnection(async (c) => {
      const listing = await this.confined(c, dir, (remote) => sftpReaddir(c.session, remote, dir));
      return listing
        .filter((e) => e.filename !== '.' && e.filename !== '..')
        .map((e) => ({ name: e.filename, kind: kindOf(e.attrs), size: e.attrs.size, mtimeMs: e.attrs.mtime * 1000 }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    });
  }

  stat(storePath: string): Promise<StoreStat | null> {
    return this.withConnection(async (c) => {
      let real: string;
      try {
        real = await sftpRealpath(c.session, this.remote(c.root, storePath), storePath);
      } catch (error) {
        if (error instanceof StoreAccessError && error.code === 'not-found') return null;
        throw error;
      }
      this.assertInside(c.root, storePath, real);
      let attrs: StatLike;
      try {
        attrs = await sftpStat(c.session, real, storePath);
      } catch (error) {
        if (error instanceof StoreAccessError && error.code === 'not-found') return null;
        throw error;
      }
      const kind = kindOf(attrs);
      return { kind: kind === 'symlink' ? 'other' : kind, size: attrs.size, mtimeMs: attrs.mtime * 1000 };
    });
  }

  private openForReading(c: Connected, storePath: string): Promise<Buffer> {
    return this.confined(c, storePath, (remote) => sftpOpen(c.session, remote, 'r', storePath), (handle) => {
      sftpClose(c.session, handle, storePath).catch(() => undefined);
    });
  }

  async *readRange(storePath: string, start: number, end?: number, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncIterable<Buffer> {
    const pieceBytes = this.options.pieceBytes ?? 64 * 1024;
    let open: { session: SftpSession; handle: Buffer } | null = null;
    let position = start;
    try {
      for (;;) {
        const want = end === undefined ? chunkBytes : Math.min(chunkBytes, end - position);
        if (want <= 0) return;
        const chunk = await this.withConnection(async (c) => {
          if (!open || open.session !== c.session) open = { session: c.session, handle: await this.openForReading(c, storePath) };
          return sftpReadAt(c.session, open.handle, position, want, pieceBytes, storePath);
        });
        if (chunk.length === 0) return;
        position += chunk.length;
        yield chunk;
      }
    } finally {
      const last = open as { session: SftpSession; handle: Buffer } | null;
      if (last && !last.session.closed) sftpClose(last.session, last.handle, storePath).catch(() => undefined);
    }
  }

  readSmallFile(storePath: string, maxBytes: number): Promise<Buffer> {
    const pieceBytes = this.options.pieceBytes ?? 64 * 1024;
    return this.withConnection(async (c) => {
      const handle = await this.openForReading(c, storePath);
      try {
        const { size } = await sftpFstat(c.session, handle, storePath);
        if (size > maxBytes) {
          throw new StoreAccessError('too-large', storePath, `${storePath} is ${size} bytes, more than the ${maxBytes} allowed.`);
        }
        // Read to the end even if the file grew since the fstat, but never past the cap.
        const parts: Buffer[] = [];
        let filled = 0;
        for (;;) {
          const want = Math.min(Math.max(size - filled, pieceBytes), maxBytes + 1 - filled);
          const part = await sftpReadAt(c.session, handle, filled, want, pieceBytes, storePath);
          parts.push(part);
          filled += part.length;
          if (filled > maxBytes) {
            throw new StoreAccessError('too-large', storePath, `${storePath} is more than the ${maxBytes} bytes allowed.`);
          }
          if (part.length < want) return Buffer.concat(parts, filled);
        }
      } finally {
        if (!c.session.closed) sftpClose(c.session, handle, storePath).catch(() => undefined);
      }
    });
  }

  writeNewFile(storePath: string, data: Uint8Array): Promise<void> {
    const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const dir = path.posix.dirname(storePath) === '.' ? '' : path.posix.dirname(storePath);
    return this.withConnection(async (c, retry) => {
      const target = this.remote(c.root, storePath);
      // A retry after a lost connection: the rename may have happened before the reply was lost.
      if (retry && (await this.holds(c, storePath, bytes))) return;
      const dirReal = await this.makeFolders(c, dir);
      const temp = path.posix.join(dirReal, `${TEMP_FILE_PREFIX}${randomBytes(8).toString('hex')}`);
      const handle = await sftpOpen(c.session, temp, 'wx', storePath);
      try {
        if (bytes.length > 0) await sftpWrite(c.session, handle, bytes, 0, storePath);
        await sftpFsync(c.session, handle, storePath).catch((error: unknown) => {
          if (error instanceof ConnectionLostError) throw error;
        });
      } finally {
        await sftpClose(c.session, handle, storePath).catch(() => undefined);
      }
      try {
        await sftpRename(c.session, temp, path.posix.join(dirReal, path.posix.basename(target)), storePath);
      } catch (error) {
        await sftpUnlink(c.session, temp, storePath).catch(() => undefined);
        if (error instanceof StoreAccessError && (await this.exists(c, storePath))) {
          throw new StoreAccessError('exists', storePath, `${storePath} already exists; files in the store are never replaced.`);
        }
        throw error;
      }
    });
  }

  private async exists(c: Connected, storePath: string): Promise<boolean> {
    try {
      await sftpStat(c.session, this.remote(c.root, storePath), storePath);
      return true;
    } catch (error) {
      if (error instanceof StoreAccessError && error.code === 'not-found') return false;
      throw error;
    }
  }

  private async holds(c: Connected, storePath: string, bytes: Buffer): Promise<boolean> {
    if (!(await this.exists(c, storePath))) return false;
    const handle = await this.openForReading(c, storePath);
    try {
      const content = await sftpReadAt(c.session, handle, 0, bytes.length + 1, 64 * 1024, storePath);
      return content.equals(bytes);
    } finally {
      sftpClose(c.session, handle, storePath).catch(() => undefined);
    }
  }

  /** Creates the missing folders of `dir` one by one, each inside the store; returns the folder's real path. */
  private async makeFolders(c: Connected, dir: string): Promise<string> {
    let real = c.root;
    let current = '';
    for (const segment of dir === '' ? [] : dir.split('/')) {
      current = current === '' ? segment : `${current}/${segment}`;
      if (!isSafeStorePath(current)) this.remote(c.root, current);
      const next = path.posix.join(real, segment);
      await sftpMkdir(c.session, next, current).catch((error: unknown) => {
        // Usually "it exists": the realpath below tells whether there is a folder now.
        if (!(error instanceof StoreAccessError)) throw error;
      });
      real = await sftpRealpath(c.session, next, current);
      this.assertInside(c.root, current, real);
      const stat = await sftpStat(c.session, real, current);
      if (!stat.isDirectory()) throw new StoreAccessError('invalid-path', current, `${current} is a file, not a folder.`);
    }
    return real;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.prefetcher.clear();
    const pending = await this.opening?.catch(() => null);
    pending?.session.end();
    this.current?.session.end();
    this.current = null;
  }
}
