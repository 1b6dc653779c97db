// Every migration in migrations/ (read from the journal, so a new one is covered the day it lands):
// a cache at the migration before it, with rows in every table, migrates forward keeping every row
// it held, consistent (integrity and foreign keys), with the tables and indexes drizzle-kit's
// snapshot of that migration describes.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { migrationTags, migrationsDir, migrationsUpTo, TABLES_CONVERTED_ON_OPEN } from './migration-steps';
import { cacheTables, derivedTablesStale, readEveryTable, rowsNotKept, schemaShape, seedEveryTable, type SchemaShape } from './seed-cache-rows';
import { seriesPointRows, type PointRow } from '../../helpers/cache-points';

const ROWS_PER_TABLE = 5;
const made: string[] = [];

function tempDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-every-migration-'));
  made.push(dir);
  return path.join(dir, 'cache.sqlite');
}

function stepsUpTo(count: number): string {
  const dir = migrationsUpTo(count);
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

interface SnapshotTable {
  columns: Record<string, { name: string; type: string; notNull: boolean }>;
  indexes: Record<string, { name: string; columns: string[]; isUnique: boolean }>;
}

/** The shape drizzle-kit recorded for the schema as of migration `tag`. */
function snapshotShape(tag: string): SchemaShape {
  const file = path.join(migrationsDir, 'meta', `${tag.slice(0, 4)}_snapshot.json`);
  const snapshot = JSON.parse(fs.readFileSync(file, 'utf8')) as { tables: Record<string, SnapshotTable> };
  const tables: SchemaShape['tables'] = {};
  for (const [name, table] of Object.entries(snapshot.tables)) {
    tables[name] = {
      columns: Object.fromEntries(Object.values(table.columns).map((c) => [c.name, { type: c.type.toLowerCase(), notNull: c.notNull }])),
      indexes: Object.fromEntries(Object.values(table.indexes).map((i) => [i.name, { columns: i.columns, unique: i.isUnique }])),
    };
  }
  return { tables };
}

function expectConsistent(sqlite: Database.Database): void {
  expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(sqlite.pragma('foreign_key_check')).toEqual([]);
}

/** Tables drizzle-kit knows must match its snapshot exactly; tables a migration wrote by hand (the search index) are extra. */
function expectMatchesSnapshot(sqlite: Database.Database, tag: string): void {
  const expected = snapshotShape(tag);
  const actual = schemaShape(sqlite);
  for (const [name, table] of Object.entries(expected.tables)) {
    expect(actual.tables[name], `table ${name} of snapshot ${tag}`).toEqual(table);
  }
}

const tags = migrationTags();

type Rows = ReturnType<typeof readEveryTable>;

/**
 * Migrations after which opening the cache moves some tables' rows into another form: the tables whose
 * rows are checked by `check` instead of being compared as they were.
 */
const CONVERTED: Record<string, { tables: string[]; check: (before: Rows, sqlite: Database.Database) => void }> = {
  // The legacy one-row-a-point table empties into compressed chunks; each converted series' chart summary
  // is rebuilt for the new bucket size.
  '0006_chunked_points': {
    tables: TABLES_CONVERTED_ON_OPEN,
    check: (before, sqlite) => {
      expect(sqlite.prepare('SELECT count(*) FROM points').pluck().get()).toBe(0);
      const seriesPks = new Set(sqlite.prepare('SELECT pk FROM series').pluck().all() as number[]);
      const { columns, rows } = before.points!;
      const at = (name: string) => columns.indexOf(name);
      const bySeries = new Map<number, PointRow[]>();
      for (const row of rows) {
        const pk = row[at('series_pk')] as number;
        if (!seriesPks.has(pk)) continue;
        const list = bySeries.get(pk) ?? [];
        list.push([row[at('step')], row[at('tokens')], row[at('time')], row[at('value')]] as PointRow);
        bySeries.set(pk, list);
      }
      expect(bySeries.size).toBeGreaterThan(0);
      for (const [pk, points] of bySeries) {
        expect(seriesPointRows(sqlite, pk), `points of series ${pk}`).toEqual(points.sort((a, b) => a[0] - b[0]));
        const state = sqlite.prepare('SELECT point_count FROM series_summaries WHERE series_pk = ?').pluck().get(pk);
        expect(state, `summary of series ${pk}`).toBe(points.length);
      }
    },
  },
};

describe('every migration', () => {
  it('the journal lists every .sql file in migrations/, each with its snapshot', () => {
    const sqlFiles = fs.readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort();
    expect(sqlFiles).toEqual(tags.map((tag) => `${tag}.sql`));
    for (const tag of tags) expect(fs.existsSync(path.join(migrationsDir, 'meta', `${tag.slice(0, 4)}_snapshot.json`)), tag).toBe(true);
  });

  it(`${tags[0]} makes an empty file the schema of its snapshot`, () => {
    const file = tempDb();
    const cache = openCacheDatabase({ file, migrationsDir: stepsUpTo(1) });
    try {
      expectMatchesSnapshot(cache.sqlite, tags[0]!);
      expectConsistent(cache.sqlite);
    } finally {
      cache.close();
    }
  });

  describe.each(tags.slice(1).map((tag, i) => ({ tag, before: i + 1 })))('$tag', ({ tag, before }) => {
    it(`keeps every row of a cache filled at ${tags[before - 1]} and ends at its snapshot`, () => {
      const file = tempDb();
      const older = openCacheDatabase({ file, migrationsDir: stepsUpTo(before) });
      let rowsBefore: ReturnType<typeof readEveryTable>;
      try {
        const seeded = seedEveryTable(older.sqlite, ROWS_PER_TABLE);
        // Every table the older schema has got rows, directly or through its triggers.
        for (const table of cacheTables(older.sqlite).filter((t) => !t.virtual)) {
          expect(older.sqlite.prepare(`SELECT count(*) FROM "${table.name}"`).pluck().get(), `rows in ${table.name}`).toBeGreaterThan(0);
        }
        expect(Object.keys(seeded).length).toBeGreaterThan(0);
        rowsBefore = readEveryTable(older.sqlite);
      } finally {
        older.close();
      }

      const cache = openCacheDatabase({ file, migrationsDir: stepsUpTo(before + 1) });
      try {
        expect(cache.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(before + 1);
        const converted = CONVERTED[tag];
        const compared = Object.fromEntries(Object.entries(rowsBefore).filter(([table]) => !converted?.tables.includes(table)));
        expect(rowsNotKept(compared, cache.sqlite), `rows after ${tag}`).toEqual([]);
        converted?.check(rowsBefore, cache.sqlite);
        // The search index is what its source gives, also for rows the migration indexed again.
        expect(derivedTablesStale(cache.sqlite), `derived tables after ${tag}`).toEqual([]);
        expectMatchesSnapshot(cache.sqlite, tag);
        expectConsistent(cache.sqlite);
      } finally {
        cache.close();
      }
    });
  });

  it('the row check bites: a migration that loses a row or rewrites a value is caught', () => {
    const file = tempDb();
    const older = openCacheDatabase({ file, migrationsDir });
    seedEveryTable(older.sqlite, ROWS_PER_TABLE);
    const rowsBefore = readEveryTable(older.sqlite);
    older.sqlite.prepare('DELETE FROM runs WHERE pk = 2').run();
    older.sqlite.prepare("UPDATE proposals SET title = 'rewritten' WHERE rowid = 1").run();
    try {
      const problems = rowsNotKept(rowsBefore, older.sqlite);
      expect(problems.some((p) => p.startsWith('runs:'))).toBe(true);
      expect(problems.some((p) => p.startsWith('proposals:'))).toBe(true);
      // The series of the removed run went with it (ON DELETE CASCADE): caught as well.
      expect(problems.some((p) => p.startsWith('series:'))).toBe(true);
    } finally {
      older.close();
    }
  });
});
