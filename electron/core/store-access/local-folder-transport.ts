// The lab store as a local folder or a network mount. Every access resolves the real path and
// checks that it is still inside the store, so a symbolic link leading elsewhere is refused, and
// every path is checked for '..' first. File-system calls are synchronous on purpose: the sync
// runs in its own worker thread, a no-op sync of 10,000 runs is ~50,000 of them, and a first sync
// ~10,000 small reads, where a thread-pool round trip each would cost more than the call itself.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  isSafeStorePath,
  StoreAccessError,
  TEMP_FILE_PREFIX,
  type StoreEntry,
  type StoreEntryKind,
  type StoreStat,
  type StoreTransport,
  type StoreWatch,
} from './store-transport';

const DEFAULT_CHUNK_BYTES = 1024 * 1024;

function kindOf(stat: fs.Stats | fs.Dirent): StoreEntryKind {
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'dir';
  return 'other';
}

/** `root` names the store in messages about the store itself (path ''), which has no store path to show. */
function ioError(storePath: string, error: unknown, root: string): StoreAccessError {
  const code = (error as NodeJS.ErrnoException).code;
  if (error instanceof StoreAccessError) return error;
  if (storePath === '') {
    if (code === 'ENOENT') return new StoreAccessError('not-found', storePath, `The store folder ${root} does not exist.`);
    if (code === 'ENOTDIR') return new StoreAccessError('invalid-path', storePath, `${root} is a file, not a store folder.`);
    return new StoreAccessError('io', storePath, `The store folder ${root} cannot be read: ${(error as Error).message}`);
  }
  if (code === 'ENOENT') return new StoreAccessError('not-found', storePath, `${storePath} does not exist.`);
  if (code === 'ELOOP') return new StoreAccessError('outside-store', storePath, `${storePath} is a symbolic link loop.`);
  return new StoreAccessError('io', storePath, `${storePath}: ${(error as Error).message}`);
}

/** The entry at `full`; null when it was removed between readdir and lstat (it is simply not there any more). */
function lstatEntry(name: string, full: string | Buffer): StoreEntry | null {
  try {
    const stat = fs.lstatSync(full);
    return { name, kind: kindOf(stat), size: stat.size, mtimeMs: stat.mtimeMs };
  } catch {
    return null;
  }
}

function sortByName(entries: StoreEntry[]): StoreEntry[] {
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

export class LocalFolderTransport implements StoreTransport {
  readonly location: string;
  private readonly root: string;
  private rootReal: string | undefined;

  constructor(root: string) {
    this.root = path.resolve(root);
    this.location = this.root;
  }

  private realRoot(): string {
    try {
      this.rootReal ??= fs.realpathSync.native(this.root);
    } catch (error) {
      throw ioError('', error, this.root);
    }
    return this.rootReal;
  }

  private lexical(storePath: string): string {
    if (!isSafeStorePath(storePath)) {
      throw new StoreAccessError('invalid-path', storePath, `Refusing the path "${storePath}": it could leave the store.`);
    }
    return storePath === '' ? this.root : path.join(this.root, storePath);
  }

  /** The real location of a store path; refuses one that a symbolic link takes outside the store. */
  private real(storePath: string): string {
    const full = this.lexical(storePath);
    let real: string;
    try {
      real = fs.realpathSync.native(full);
    } catch (error) {
      throw ioError(storePath, error, this.root);
    }
    const root = this.realRoot();
    if (real !== root && !real.startsWith(root + path.sep)) {
      throw new StoreAccessError(
        'outside-store',
        storePath,
        `${storePath} is a symbolic link leading outside the store (to ${real}); it is not followed.`,
      );
    }
    return real;
  }

  /** The file on this machine a store path is, for readers that open files themselves (an MLflow SQLite store). */
  localPath(storePath: string): string {
    return this.real(storePath);
  }

  async list(dir: string): Promise<StoreEntry[]> {
    const real = this.real(dir);
    let dirents: fs.Dirent[];
    try {
      dirents = fs.readdirSync(real, { withFileTypes: true });
    } catch (error) {
      throw ioError(dir, error, this.root);
    }
    // A name that is not valid UTF-8 comes back with U+FFFD in it, and no file has that name: such a
    // folder is listed again by bytes, so the entry is stat'ed and listed (to be refused by its name).
    if (dirents.some((dirent) => dirent.name.includes('\ufffd'))) return this.listByBytes(dir, real);
    const entries: StoreEntry[] = [];
    for (const dirent of dirents) {
      // A folder's size and mtime tell the sync nothing; skipping its lstat saves 10,000 calls per pass over 10,000 runs.
      if (dirent.isDirectory()) {
        entries.push({ name: dirent.name, kind: 'dir', size: 0, mtimeMs: 0 });
        continue;
      }
      const entry = lstatEntry(dirent.name, path.join(real, dirent.name));
      if (entry) entries.push(entry);
    }
    return sortByName(entries);
  }

  private listByBytes(dir: string, real: string): StoreEntry[] {
    let dirents: fs.Dirent<Buffer>[];
    try {
      dirents = fs.readdirSync(real, { withFileTypes: true, encoding: 'buffer' });
    } catch (error) {
      throw ioError(dir, error, this.root);
    }
    const prefix = Buffer.from(real + path.sep);
    const entries = dirents.map((dirent) => lstatEntry(dirent.name.toString('utf8'), Buffer.concat([prefix, dirent.name])));
    return sortByName(entries.filter((entry): entry is StoreEntry => entry !== null));
  }

  async stat(storePath: string): Promise<StoreStat | null> {
    let real: string;
    try {
      real = this.real(storePath);
    } catch (error) {
      if (error instanceof StoreAccessError && error.code === 'not-found') return null;
      throw error;
    }
    const stat = fs.statSync(real);
    const kind = kindOf(stat);
    return { kind: kind === 'symlink' ? 'other' : kind, size: stat.size, mtimeMs: stat.mtimeMs };
  }

  async *readRange(storePath: string, start: number, end?: number, chunkBytes = DEFAULT_CHUNK_BYTES): AsyncIterable<Buffer> {
    const fd = this.open(storePath);
    try {
      let position = start;
      for (;;) {
        const want = end === undefined ? chunkBytes : Math.min(chunkBytes, end - position);
        if (want <= 0) return;
        const buffer = Buffer.allocUnsafe(want);
        const bytesRead = fs.readSync(fd, buffer, 0, want, position);
        if (bytesRead === 0) return;
        position += bytesRead;
        yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  async readSmallFile(storePath: string, maxBytes: number): Promise<Buffer> {
    const fd = this.open(storePath);
    try {
      const { size } = fs.fstatSync(fd);
      if (size > maxBytes) {
        throw new StoreAccessError('too-large', storePath, `${storePath} is ${size} bytes, more than the ${maxBytes} allowed.`);
      }
      // The size the file had when opened: bytes appended meanwhile are read by the next pass.
      const buffer = Buffer.allocUnsafe(size);
      let filled = 0;
      while (filled < size) {
        const bytesRead = fs.readSync(fd, buffer, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return filled === size ? buffer : buffer.subarray(0, filled);
    } finally {
      fs.closeSync(fd);
    }
  }

  private open(storePath: string): number {
    const real = this.real(storePath);
    try {
      return fs.openSync(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    } catch (error) {
      throw ioError(storePath, error, this.root);
    }
  }

  async writeNewFile(storePath: string, data: Uint8Array): Promise<void> {
    const target = this.lexical(storePath);
    const dirPath = path.posix.dirname(storePath) === '.' ? '' : path.posix.dirname(storePath);
    const createdFolders = this.makeFolders(dirPath);
    const dirReal = this.real(dirPath);
    const finalPath = path.join(dirReal, path.basename(target));
    const temp = path.join(dirReal, `${TEMP_FILE_PREFIX}${randomBytes(8).toString('hex')}`);
    let placed = false;
    try {
      const handle = await fs.promises.open(temp, 'wx', 0o644);
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
      try {
        // link() fails when the name exists, where rename() would silently replace the file.
        await fs.promises.link(temp, finalPath);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new StoreAccessError('exists', storePath, `${storePath} already exists; files in the store are never replaced.`);
        }
        throw error;
      }
      placed = true;
      const dirHandle = await fs.promises.open(dirReal, 'r');
      try {
        await dirHandle.sync();
      } finally {
        await dirHandle.close();
      }
    } finally {
      // A failed write (a full disk) leaves nothing behind: not the temporary file, not new folders.
      await fs.promises.rm(temp, { force: true });
      if (!placed) {
        for (const folder of createdFolders.reverse()) {
          try {
            fs.rmdirSync(folder);
          } catch {
            break;
          }
        }
      }
    }
  }

  /** Creates the missing folders of `dirPath`, each checked to be inside the store; returns those it created. */
  private makeFolders(dirPath: string): string[] {
    const created: string[] = [];
    let current = '';
    for (const segment of dirPath === '' ? [] : dirPath.split('/')) {
      const parent = current;
      current = current === '' ? segment : `${current}/${segment}`;
      const next = path.join(this.real(parent), segment);
      try {
        fs.mkdirSync(next);
        created.push(next);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
          for (const folder of created.reverse()) fs.rmdirSync(folder);
          throw error;
        }
      }
    }
    return created;
  }

  watch(onChange: () => void): StoreWatch {
    const watcher = fs.watch(this.root, { recursive: true, persistent: false }, () => onChange());
    watcher.on('error', () => {
      // A watch that breaks (the folder removed, inotify limits) leaves polling to notice changes.
      watcher.close();
    });
    return { close: () => watcher.close() };
  }
}
