// A migrations folder holding only the first K migrations of migrations/: opening a cache with it
// leaves the database as an older Tessera wrote it, so a test can fill it and then migrate it forward.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

interface Journal {
  entries: { idx: number; tag: string }[];
}

export function migrationTags(): string[] {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as Journal;
  return journal.entries.map((entry) => entry.tag);
}

/** A fresh folder with the first `count` migrations and a journal that lists only them. */
export function migrationsUpTo(count: number): string {
  const journalFile = path.join(migrationsDir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as Journal;
  if (count < 1 || count > journal.entries.length) throw new Error(`migrationsUpTo: ${count} is outside 1..${journal.entries.length}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-migrations-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, count);
  for (const entry of entries) fs.copyFileSync(path.join(migrationsDir, `${entry.tag}.sql`), path.join(dir, `${entry.tag}.sql`));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }, null, 2));
  return dir;
}

/**
 * Tables whose rows opening the cache moves into another form after migrating (the legacy one-row-a-point
 * table into chunks, and the chart summaries rebuilt for them): compared by every-migration.test's own check.
 */
export const TABLES_CONVERTED_ON_OPEN = ['points', 'series_summaries', 'series_summary_chunks'];
