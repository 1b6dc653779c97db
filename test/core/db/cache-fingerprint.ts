// What "the same cache" means across a migration crash: the migrations applied, the schema (every
// table, index, view and trigger as SQLite stores it) and every table's rows, hashed.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { cacheTables, readTable } from './seed-cache-rows';

export interface CacheFingerprint {
  migrations: number;
  schema: unknown[][];
  tables: Record<string, { rows: number; sha256: string }>;
}

export function cacheFingerprint(sqlite: Database.Database): CacheFingerprint {
  const hasJournal = sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name = '__drizzle_migrations'").pluck().get() === 1;
  const migrations = hasJournal ? (sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number) : 0;
  const schema = sqlite.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name <> '__drizzle_migrations' ORDER BY type, name").raw().all() as unknown[][];
  const tables: CacheFingerprint['tables'] = {};
  for (const table of cacheTables(sqlite)) {
    const columns = table.virtual ? ['rowid', ...(sqlite.prepare(`PRAGMA table_info("${table.name}")`).all() as { name: string }[]).map((c) => c.name)] : undefined;
    const { rows } = readTable(sqlite, table.name, columns);
    const hash = createHash('sha256');
    // Buffers serialize by their bytes, so blobs compare by content.
    for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
    tables[table.name] = { rows: rows.length, sha256: hash.digest('hex') };
  }
  return { migrations, schema, tables };
}
