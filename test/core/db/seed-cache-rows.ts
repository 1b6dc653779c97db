// Rows in every table of a cache at whatever migration it stands, found by reading the schema
// (tables, columns, foreign keys), so the migration tests cover tables a future migration adds
// without being told about them; and a copy of every table's rows to compare after a migration.
import type Database from 'better-sqlite3';

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}

interface ForeignKey {
  table: string;
  from: string;
  to: string;
}

interface TableInfo {
  name: string;
  virtual: boolean;
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Tables a test can read rows of: user tables and virtual tables, not SQLite's, drizzle's or FTS shadow tables. */
export function cacheTables(sqlite: Database.Database): TableInfo[] {
  const rows = sqlite
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '__drizzle_migrations' ORDER BY name")
    .all() as { name: string; sql: string }[];
  const virtual = rows.filter((row) => /^CREATE VIRTUAL TABLE/i.test(row.sql)).map((row) => row.name);
  const isShadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
  return rows.filter((row) => !isShadow(row.name)).map((row) => ({ name: row.name, virtual: virtual.includes(row.name) }));
}

/** Tables that triggers fill from other tables (an index kept current): seeded only through their sources. */
function triggerFilledTables(sqlite: Database.Database): Set<string> {
  const triggers = sqlite.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];
  const filled = new Set<string>();
  for (const sql of triggers) for (const match of sql.matchAll(/INSERT\s+(?:OR\s+\w+\s+)?INTO\s+[`"]?(\w+)/gi)) filled.add(match[1]!);
  return filled;
}

function columnsOf(sqlite: Database.Database, table: string): ColumnInfo[] {
  return sqlite.prepare(`PRAGMA table_info(${quote(table)})`).all() as ColumnInfo[];
}

function foreignKeysOf(sqlite: Database.Database, table: string): ForeignKey[] {
  return sqlite.prepare(`PRAGMA foreign_key_list(${quote(table)})`).all() as ForeignKey[];
}

/** Parents before children, so every foreign key finds its row. */
function inDependencyOrder(sqlite: Database.Database, tables: string[]): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const fk of foreignKeysOf(sqlite, table)) if (tables.includes(fk.table) && fk.table !== table) visit(fk.table);
    ordered.push(table);
  };
  tables.forEach(visit);
  return ordered;
}

/**
 * A value of the column's type that differs in every row, so every key and unique index holds; text
 * has words in it (the search index has something to find), `*_json` columns hold JSON.
 */
function seedValue(table: string, column: ColumnInfo, row: number): unknown {
  const type = column.type.toLowerCase();
  if (type.includes('int')) return row + 1;
  if (type.includes('real') || type.includes('floa') || type.includes('doub') || type === 'numeric') return row + 0.25;
  if (type.includes('blob')) return Buffer.from(Float64Array.of(row, row + 0.5, -row).buffer);
  const words = `${table} ${column.name} seeded row ${row} quokka`;
  if (column.name.endsWith('_json')) return JSON.stringify({ note: words, row, tags: ['seeded', `row-${row}`] });
  return `${words} ${table}-${column.name}-${row}`;
}

/**
 * Inserts `rowsPerTable` rows into every table the schema has (foreign keys pointing at seeded
 * parents); tables that triggers fill get their rows through those triggers. Returns the row counts.
 */
export function seedEveryTable(sqlite: Database.Database, rowsPerTable: number): Record<string, number> {
  const filled = triggerFilledTables(sqlite);
  const tables = cacheTables(sqlite)
    .filter((t) => !t.virtual && !filled.has(t.name))
    .map((t) => t.name);
  const counts: Record<string, number> = {};
  sqlite.transaction(() => {
    for (const table of inDependencyOrder(sqlite, tables)) {
      const columns = columnsOf(sqlite, table);
      // A foreign key column takes the value its parent row has in the referenced column.
      const sources = columns.map((column) => {
        const fk = foreignKeysOf(sqlite, table).find((key) => key.from === column.name);
        return fk ? { table: fk.table, column: columnsOf(sqlite, fk.table).find((c) => c.name === fk.to)! } : { table, column };
      });
      const insert = sqlite.prepare(`INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (let row = 0; row < rowsPerTable; row++) {
        const values = sources.map((source) => seedValue(source.table, source.column, row));
        try {
          insert.run(values);
        } catch (error) {
          throw new Error(`Seeding ${table} row ${row} failed (${(error as Error).message}); give its columns values the schema accepts.`);
        }
      }
      counts[table] = rowsPerTable;
    }
  })();
  return counts;
}

export interface TableRows {
  columns: string[];
  rows: unknown[][];
}

/** Every row of every table (virtual ones with their rowid), in a fixed order. */
export function readEveryTable(sqlite: Database.Database): Record<string, TableRows> {
  const out: Record<string, TableRows> = {};
  for (const table of cacheTables(sqlite)) out[table.name] = readTable(sqlite, table.name, table.virtual ? ['rowid', ...columnsOf(sqlite, table.name).map((c) => c.name)] : undefined);
  return out;
}

/**
 * The rows of `table`, restricted to `columns` when given (all columns otherwise), ordered by its
 * primary key when the columns include it (by all of them otherwise).
 */
export function readTable(sqlite: Database.Database, table: string, columns?: string[]): TableRows {
  const info = columnsOf(sqlite, table);
  const names = columns ?? info.map((c) => c.name);
  const key = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
  const byKey = names.includes('rowid') ? ['rowid'] : key.length > 0 && key.every((k) => names.includes(k)) ? key : names;
  const list = names.map(quote).join(', ');
  const order = byKey.map(quote).join(', ');
  return { columns: names, rows: sqlite.prepare(`SELECT ${list} FROM ${quote(table)} ORDER BY ${order}`).raw().all() as unknown[][] };
}

/**
 * Tables derived from the others (the search index, from search_source): a migration may index them
 * again, so they are checked against their source (derivedTablesStale), not against their old rows.
 */
export const DERIVED_TABLES: ReadonlySet<string> = new Set(['search_index']);

/** Derived tables whose rows are not what their source gives now: one line each; empty when all hold. */
export function derivedTablesStale(sqlite: Database.Database): string[] {
  const hasIndex = sqlite.prepare("SELECT count(*) FROM sqlite_master WHERE name IN ('search_index', 'search_source')").pluck().get() === 2;
  if (!hasIndex) return [];
  const indexed = sqlite.prepare('SELECT rowid, title, body, meta FROM search_index ORDER BY rowid').raw().all();
  const source = sqlite
    .prepare('SELECT d.doc, s.title, s.body, s.meta FROM search_docs AS d JOIN search_source AS s ON s.kind = d.kind AND s.ref = d.ref ORDER BY d.doc')
    .raw()
    .all();
  return JSON.stringify(indexed) === JSON.stringify(source) ? [] : [`search_index: ${indexed.length} rows, search_source gives ${source.length} or other text`];
}

/**
 * What a migration lost or changed of the rows read before it: one line per table whose rows (in the
 * columns it kept) differ, or that it dropped. Empty when every row is as it was. Derived tables are
 * left to derivedTablesStale.
 */
export function rowsNotKept(before: Record<string, TableRows>, sqlite: Database.Database): string[] {
  const problems: string[] = [];
  for (const [table, old] of Object.entries(before)) {
    if (DERIVED_TABLES.has(table)) continue;
    const now = columnsOf(sqlite, table).map((c) => c.name);
    if (now.length === 0) {
      problems.push(`${table}: the table is gone (${old.rows.length} rows)`);
      continue;
    }
    const kept = old.columns.filter((c) => c === 'rowid' || now.includes(c));
    const keptAt = kept.map((c) => old.columns.indexOf(c));
    // Buffers serialize by their bytes, so blobs compare by content.
    const expected = JSON.stringify(old.rows.map((row) => keptAt.map((i) => row[i])));
    const actual = readTable(sqlite, table, kept).rows;
    if (JSON.stringify(actual) !== expected) {
      problems.push(`${table}: ${old.rows.length} rows before, ${actual.length} after, or their values in ${kept.join(', ')} changed`);
    }
  }
  return problems;
}

export interface SchemaShape {
  tables: Record<string, { columns: Record<string, { type: string; notNull: boolean }>; indexes: Record<string, { columns: string[]; unique: boolean }> }>;
}

/** Tables, their columns (type, NOT NULL) and named indexes, as drizzle-kit's snapshots describe them. */
export function schemaShape(sqlite: Database.Database): SchemaShape {
  const shape: SchemaShape = { tables: {} };
  for (const table of cacheTables(sqlite).filter((t) => !t.virtual)) {
    const columns = Object.fromEntries(columnsOf(sqlite, table.name).map((c) => [c.name, { type: c.type.toLowerCase(), notNull: c.notnull === 1 }]));
    const indexList = sqlite.prepare(`PRAGMA index_list(${quote(table.name)})`).all() as { name: string; unique: number; origin: string }[];
    const indexes = Object.fromEntries(
      indexList
        .filter((index) => index.origin === 'c')
        .map((index) => [
          index.name,
          { columns: (sqlite.prepare(`PRAGMA index_info(${quote(index.name)})`).all() as { name: string }[]).map((c) => c.name), unique: index.unique === 1 },
        ]),
    );
    shape.tables[table.name] = { columns, indexes };
  }
  return shape;
}
