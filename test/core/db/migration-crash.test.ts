// A migration killed with SIGKILL at random moments leaves the cache either fully migrated with its
// rows intact, or exactly as the older Tessera left it, migrating cleanly on the next open; never half.
// drizzle's migrator applies every pending migration inside one BEGIN … COMMIT, and this checks that
// it holds on disk: kills that land after the migration has written pages to the WAL still leave the
// old version. Opening then converts legacy points to chunks one series per transaction: a kill there
// leaves a migrated cache that the next open finishes converting, to the same cache.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { bundleEntry } from '../sync/support/bundle-entry';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { cacheFingerprint, type CacheFingerprint } from './cache-fingerprint';
import { migrationTags, migrationsDir, migrationsUpTo, TABLES_CONVERTED_ON_OPEN } from './migration-steps';
import { readEveryTable, rowsNotKept, seedEveryTable } from './seed-cache-rows';

/** Enough rows that the migrations take a few hundred milliseconds to apply. */
const ROWS_PER_TABLE = 3000;
const KILLS_BY_TIME = 4;
const KILLS_BY_WAL = 2;
/** Kills at the WAL's first pages, should a loaded machine have let the others land after the commit. */
const EXTRA_KILLS_BY_WAL = 4;
/** Below this many WAL bytes a migration is a single write, too quick for a kill to land inside it. */
const MIN_WAL_BYTES_TO_INTERRUPT = 16 * 4096;

let dir: string;
let childScript: string;
const tags = migrationTags();

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-migration-crash-'));
  childScript = await bundleEntry(path.join(__dirname, 'support', 'migrate-child-entry.ts'), 'migrate-child');
});

afterAll(() => {
  fs.rmSync(childScript, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ChildRun {
  finished: boolean;
  migrateMs?: number;
  walBytes?: number;
}

/** When to kill: a time after the child started opening, or as soon as the WAL has grown past a size. */
type KillAt = { afterMs: number } | { walBytesOver: number };

/** Opens (migrates) `dbFile` in a child, SIGKILLed at `killAt` unless it finished first. */
function runMigrateChild(dbFile: string, killAt?: KillAt): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    // A kill by WAL size is the child's own watchdog thread (see migrate-child-entry.ts); a kill by time is ours.
    const walArg = killAt && 'walBytesOver' in killAt ? [String(killAt.walBytesOver)] : [];
    const child = spawn(process.execPath, [childScript, dbFile, migrationsDir, ...walArg], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      if (killAt === undefined || !('afterMs' in killAt) || timer !== undefined || !out.includes('migrating\n')) return;
      timer = setTimeout(() => child.kill('SIGKILL'), killAt.afterMs);
    });
    child.stderr.on('data', (data: Buffer) => (err += data.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const done = /done (\{.*\})/.exec(out);
      if (done) resolve({ finished: true, ...(JSON.parse(done[1]!) as { migrateMs: number; walBytes: number }) });
      else if (signal === 'SIGKILL') resolve({ finished: false });
      else reject(new Error(`migrate child exited with ${code}: ${err}`));
    });
  });
}

/** A copy of the database file alone (the older cache was closed cleanly: no WAL beside it). */
function copyCache(from: string, to: string): void {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${to}${suffix}`, { force: true });
  fs.copyFileSync(from, to);
}

function fileSha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** How many migrations the file on disk has, without migrating it. */
function appliedMigrations(file: string): number {
  const cache = openCacheDatabase({ file, migrationsDir, migrate: false });
  try {
    return cache.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get() as number;
  } finally {
    cache.close();
  }
}

/** Rows still in the legacy points table (0 once opening has converted them), without migrating. */
function legacyPointsLeft(file: string): number {
  const cache = openCacheDatabase({ file, migrationsDir, migrate: false });
  try {
    return cache.sqlite.prepare('SELECT count(*) FROM points').pluck().get() as number;
  } finally {
    cache.close();
  }
}

/** What is on disk, without migrating it. */
function fingerprintAsIs(file: string): CacheFingerprint {
  const cache = openCacheDatabase({ file, migrationsDir, migrate: false });
  try {
    return cacheFingerprint(cache.sqlite);
  } finally {
    cache.close();
  }
}

function readRowsAsIs(file: string): ReturnType<typeof readEveryTable> {
  const cache = openCacheDatabase({ file, migrationsDir, migrate: false });
  try {
    return readEveryTable(cache.sqlite);
  } finally {
    cache.close();
  }
}

function rowsNotKeptAsIs(before: ReturnType<typeof readEveryTable>, file: string): string[] {
  const cache = openCacheDatabase({ file, migrationsDir, migrate: false });
  try {
    return rowsNotKept(before, cache.sqlite);
  } finally {
    cache.close();
  }
}

function fingerprintMigrated(file: string): CacheFingerprint {
  const cache = openCacheDatabase({ file, migrationsDir });
  try {
    expect(cache.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(cache.sqlite.pragma('foreign_key_check')).toEqual([]);
    return cacheFingerprint(cache.sqlite);
  } finally {
    cache.close();
  }
}

describe('SIGKILL during a migration', () => {
  // The oldest cache (every migration in one transaction) and the one two before the newest (the two
  // newest together: a newest that only creates tables commits within a millisecond, too fast for any
  // kill to land inside its transaction): bounded however long the journal grows.
  const versions = [...new Set([1, tags.length - 2])].filter((applied) => applied >= 1 && applied < tags.length);
  it.each(versions.map((applied) => ({ applied, tag: tags[applied - 1]! })))(
    'a cache at $tag with rows in every table ends fully migrated or untouched, never half',
    async ({ applied }) => {
      const older = path.join(dir, `older-${applied}.sqlite`);
      const olderMigrations = migrationsUpTo(applied);
      const seeding = openCacheDatabase({ file: older, migrationsDir: olderMigrations });
      seedEveryTable(seeding.sqlite, ROWS_PER_TABLE);
      seeding.close();
      fs.rmSync(olderMigrations, { recursive: true, force: true });
      expect(fs.existsSync(`${older}-wal`)).toBe(false);
      const untouched = fingerprintAsIs(older);
      expect(untouched.migrations).toBe(applied);
      const olderRows = readRowsAsIs(older);

      const referenceFile = path.join(dir, `reference-${applied}.sqlite`);
      copyCache(older, referenceFile);
      const reference = await runMigrateChild(referenceFile);
      expect(reference.finished).toBe(true);
      const migrated = fingerprintAsIs(referenceFile);
      expect(migrated.migrations).toBe(tags.length);
      // The older tables kept their rows (in the columns they had); the migration added to them, it did not replace
      // them (but for the tables opening converts: every-migration.test checks their rows arrive in their new form).
      const compared = Object.fromEntries(Object.entries(olderRows).filter(([table]) => !TABLES_CONVERTED_ON_OPEN.includes(table)));
      expect(rowsNotKeptAsIs(compared, referenceFile)).toEqual([]);

      const seed = Date.now() % 100_000;
      const random = createSeededRandom(seed).next;
      const migrateMs = Math.max(50, reference.migrateMs!);
      // Kills at random times over the whole migration (a little past its end, to catch the commit too),
      // then kills as the WAL grows: the migration has written pages of its transaction but not committed.
      const kills: KillAt[] = [
        ...Array.from({ length: KILLS_BY_TIME }, (_, i) => ({ afterMs: Math.round(migrateMs * ((i + random()) / KILLS_BY_TIME) * 1.15) })),
        ...Array.from({ length: KILLS_BY_WAL }, () => ({ walBytesOver: Math.round(32 + reference.walBytes! * 0.5 * random()) })),
      ];
      const outcomes: string[] = [];
      let killedAfterWriting = 0;
      const crashFile = path.join(dir, `crashed-${applied}.sqlite`);
      const olderSha = fileSha256(older);
      for (let k = 0; k < kills.length || (killedAfterWriting === 0 && k < kills.length + EXTRA_KILLS_BY_WAL); k++) {
        const killAt = kills[k] ?? { walBytesOver: 32 };
        copyCache(older, crashFile);
        const run = await runMigrateChild(crashFile, killAt);
        const walBytes = fs.existsSync(`${crashFile}-wal`) ? fs.statSync(`${crashFile}-wal`).size : 0;
        const when = 'afterMs' in killAt ? `${killAt.afterMs} ms in` : `WAL past ${killAt.walBytesOver} bytes`;
        const context = `kill at ${when}, of a ${migrateMs.toFixed(0)} ms migration writing ${reference.walBytes} WAL bytes (seed ${seed})`;
        const migrations = appliedMigrations(crashFile);
        if (migrations === applied) {
          // Opened and closed again, with the WAL the kill left recovered: not one byte differs from the older cache.
          expect(fileSha256(crashFile) === olderSha, `${context}: at the old version, but changed`).toBe(true);
          outcomes.push(`${when}: untouched, ${walBytes} WAL bytes left`);
          // More than the 32-byte WAL header: frames of the migration's own pages were on disk.
          if (!run.finished && walBytes > 32) killedAfterWriting++;
        } else if (legacyPointsLeft(crashFile) > 0) {
          // Killed while converting points to chunks, series by series after the migration committed:
          // the next open goes on with it (checked below).
          expect(migrations, context).toBe(tags.length);
          outcomes.push(`${when}: migrated, converting, ${walBytes} WAL bytes left`);
          if (!run.finished && walBytes > 32) killedAfterWriting++;
        } else {
          expect(migrations, context).toBe(tags.length);
          expect(fingerprintAsIs(crashFile), `${context}: migrated, but not as a clean migration`).toEqual(migrated);
          outcomes.push(`${when}: migrated`);
        }
        // Whatever the kill left, the next open ends at the cleanly migrated cache.
        expect(fingerprintMigrated(crashFile), context).toEqual(migrated);
      }
      // At least one kill landed after the migration (or the conversion that follows it) had written into the WAL:
      // rolled back whole, or finished by the next open. A migration that only adds an empty table writes a page
      // or two and commits at once: no kill can land inside it, and every outcome above was already checked.
      if (reference.walBytes! > MIN_WAL_BYTES_TO_INTERRUPT) expect(killedAfterWriting, outcomes.join('; ')).toBeGreaterThan(0);
    },
    // A dozen child processes each migrating and converting 3,000 rows a table: minutes on a loaded machine.
    240_000,
  );
});
