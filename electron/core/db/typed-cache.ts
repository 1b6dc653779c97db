// The typed (drizzle) face of a cache connection, for queries that are handed the raw better-sqlite3
// handle: one drizzle handle per connection, made on first use.
import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { CacheDb } from './open-cache-database';
import * as schema from './schema';

const handles = new WeakMap<Database.Database, CacheDb>();

export function typedCache(sqlite: Database.Database): CacheDb {
  let db = handles.get(sqlite);
  if (!db) handles.set(sqlite, (db = drizzle(sqlite, { schema })));
  return db;
}

/** A row of the runs table as drizzle derives it from the schema: the one run-row type of the core. */
export type RunRecord = typeof schema.runs.$inferSelect;
