// Opens the SQLite cache: pragmas, schema check, migrations. The caller passes every path,
// so the same code serves the CLI, `serve`, the Electron core worker and the tests.
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import path from 'node:path';
import { convertLegacyPoints, type ConversionProgress } from '../points/convert-legacy-points';
import * as schema from './schema';
import { CacheDatabaseError, classifySqliteError } from './sqlite-errors';

export type CacheDb = BetterSQLite3Database<typeof schema>;

export interface CacheDatabase {
  /** Raw better-sqlite3 handle, for the hot paths (sync inserts, chart queries). */
  sqlite: Database.Database;
  /** Typed drizzle handle over the same connection. */
  db: CacheDb;
  file: string;
  close(): void;
}

export interface OpenCacheDatabaseOptions {
  file: string;
  migrationsDir: string;
  /** A better-sqlite3 build for this runtime's ABI (Electron's differs from Node's). */
  nativeBinding?: string;
  readonly?: boolean;
  /** Apply pending migrations (true for the process that owns the cache). */
  migrate?: boolean;
  /**
   * What to do with a damaged file. 'rebuild' (for the process that owns the cache and syncs it) moves
   * it aside as `<file>.damaged-<time>` and starts an empty cache that the next sync fills from the
   * store; 'refuse' (default) throws and leaves the file untouched.
   */
  onCorrupt?: 'refuse' | 'rebuild';
  /** Told when a damaged cache was moved aside, with where it went. */
  onRebuilt?: (movedTo: string) => void;
  /** Told how converting an older cache's points to chunks goes (after each batch; only when there are any). */
  onUpgradeProgress?: (progress: ConversionProgress) => void;
}

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export function readMigrationJournal(migrationsDir: string): JournalEntry[] {
  const journalFile = path.join(migrationsDir, 'meta', '_journal.json');
  if (!fs.existsSync(journalFile)) {
    throw new CacheDatabaseError('schema', `No migrations found at ${journalFile}.`);
  }
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

/** Refuses a database written by a newer Tessera: it is never altered. */
function assertSchemaNotNewer(sqlite: Database.Database, file: string, entries: JournalEntry[]): void {
  const table = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name='__drizzle_migrations'")
    .get();
  if (!table) return;
  const applied = sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations').all() as { at: number }[];
  const known = new Set(entries.map((e) => e.when));
  const unknown = applied.filter((row) => !known.has(Number(row.at)));
  if (unknown.length > 0) {
    throw new CacheDatabaseError(
      'newer-schema',
      `The cache ${file} was written by a newer version of Tessera (${unknown.length} migration(s) this version does not know). ` +
        'It was left untouched. Update Tessera, or point --db at another file (the cache can always be rebuilt from the store).',
    );
  }
}

/** Moves a damaged cache and its WAL files aside; the store still has everything it held. */
function moveDamagedCacheAside(file: string): string {
  const movedTo = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  return movedTo;
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Refuses a path that holds something other than a SQLite database (a folder, someone's notes): only
 * a file with SQLite's header can be a damaged cache and moved aside; anything else stays untouched.
 * An empty file is fine: SQLite makes it a new database.
 */
function assertMayBeCache(file: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return;
  }
  if (stat.isDirectory()) throw new CacheDatabaseError('not-a-cache', `${file} is a folder, not a cache file. Nothing was changed; give a file name.`);
  if (!stat.isFile() || stat.size === 0) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) {
    throw new CacheDatabaseError('not-a-cache', `${file} is not a database (it lacks SQLite's header), so it is not a Tessera cache. Nothing was changed; point --db at a new file or at a cache.`);
  }
}

/** A SQLite database of another program (tables, but none of ours) is not taken over either. */
function assertOwnDatabase(sqlite: Database.Database, file: string): void {
  const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  if (tables.length > 0 && !tables.includes('__drizzle_migrations')) {
    throw new CacheDatabaseError(
      'not-a-cache',
      `${file} is a SQLite database of another program (tables ${tables.slice(0, 3).join(', ')}${tables.length > 3 ? ', …' : ''}), not a Tessera cache. Nothing was changed; point --db at a new file or at a cache.`,
    );
  }
}

export function openCacheDatabase(options: OpenCacheDatabaseOptions): CacheDatabase {
  assertMayBeCache(options.file);
  if (options.onCorrupt !== 'rebuild' || options.readonly) return openCacheDatabaseOnce(options);
  try {
    return openCacheDatabaseOnce(options);
  } catch (error) {
    if (!(error instanceof CacheDatabaseError) || error.kind !== 'corrupt' || !fs.existsSync(options.file)) throw error;
    const movedTo = moveDamagedCacheAside(options.file);
    options.onRebuilt?.(movedTo);
    return openCacheDatabaseOnce(options);
  }
}

function openCacheDatabaseOnce(options: OpenCacheDatabaseOptions): CacheDatabase {
  const { file, migrationsDir } = options;
  if (!options.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      nativeBinding: options.nativeBinding,
    });
  } catch (error) {
    throw classifySqliteError(error, file);
  }
  try {
    sqlite.pragma('busy_timeout = 5000');
    // Before anything is set on the file (WAL mode is written into it).
    assertOwnDatabase(sqlite, file);
    if (!options.readonly) {
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = NORMAL');
    }
    sqlite.pragma('foreign_keys = ON');
    // Surfaces a corrupt file now, with a clear message, rather than on the first query.
    const check = sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') {
      const first = String(check).split('\n')[0];
      throw new CacheDatabaseError('corrupt', `The cache ${file} is damaged (${first}). The store still holds everything: delete the file, or let the app rebuild it.`);
    }
    const entries = readMigrationJournal(migrationsDir);
    assertSchemaNotNewer(sqlite, file, entries);
    const db = drizzle(sqlite, { schema });
    if (options.migrate ?? !options.readonly) {
      migrate(db, { migrationsFolder: migrationsDir });
      convertLegacyPoints(sqlite, options.onUpgradeProgress);
    }
    return { sqlite, db, file, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error instanceof CacheDatabaseError ? error : classifySqliteError(error, file);
  }
}
