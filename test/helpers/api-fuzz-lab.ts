// A small synced lab for the API fuzz tests — the demo lab trimmed to a dozen runs, synced into a
// real SQLite cache — and fingerprints of everything a call could change: every table of the cache,
// and every file under a folder (the store, the app's home with settings and the outbox).
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { generateDemoLab } from '../../electron/core/demo/index';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { LocalFolderTransport } from '../../electron/core/store-access/local-folder-transport';
import { syncLabStore } from '../../electron/core/sync/sync-lab-store';
import type { SyncProgressInfo } from '../../shared/api/app-methods';

export const migrationsDir = path.resolve(__dirname, '..', '..', 'migrations');

export interface FuzzLab {
  storeDir: string;
  dbFile: string;
  homeDir: string;
}

const KEPT_RUNS = 12;

export async function createFuzzLab(dir: string): Promise<FuzzLab> {
  const storeDir = path.join(dir, 'lab');
  await generateDemoLab({ outDir: storeDir, seed: 5, size: 'small', asOf: new Date('2025-06-02T00:00:00Z') });
  const runs = fs.readdirSync(path.join(storeDir, 'runs')).sort();
  for (const run of runs.slice(KEPT_RUNS)) fs.rmSync(path.join(storeDir, 'runs', run), { recursive: true });
  const dbFile = path.join(dir, 'cache.sqlite');
  const cache = openCacheDatabase({ file: dbFile, migrationsDir });
  try {
    await syncLabStore({ db: cache, transport: new LocalFolderTransport(storeDir) });
  } finally {
    cache.close();
  }
  const homeDir = path.join(dir, 'home');
  fs.mkdirSync(homeDir);
  return { storeDir, dbFile, homeDir };
}

const jsonSafe = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);

/** Row count and a hash of the sorted rows of every table, read through a separate read-only connection. */
export function fingerprintDatabase(dbFile: string): Record<string, { rows: number; sha256: string }> {
  const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const tables = sqlite
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string; sql: string }>;
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const { name, sql } of tables) {
      const rows = (sqlite.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().all() as unknown[][]).map((row) => JSON.stringify(row, jsonSafe)).sort();
      out[name] = { rows: rows.length, sha256: createHash('sha256').update(sql).update('\n').update(rows.join('\n')).digest('hex') };
    }
    return out;
  } finally {
    sqlite.close();
  }
}

/** Path → sha256 of every file under a folder (SQLite's own files left out: they change on any read). */
export function fingerprintTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (!/\.sqlite(-wal|-shm|-journal)?$/.test(entry.name)) {
        out[path.relative(root, file)] = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      }
    }
  };
  walk(root);
  return out;
}

/**
 * Waits until the core's own start-up sync pass has ended, or the sync worker has stopped (it runs
 * one pass as it starts, even without watching). Polls rather than calling syncNow: a sync requested
 * during a pass queues another pass, which would land after the baseline.
 */
export async function waitForStartSync(progress: () => Promise<SyncProgressInfo | null>, timeoutMs = 60_000): Promise<SyncProgressInfo> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await progress();
    if (current && !current.running && (current.finishedAt !== null || current.lastError !== null)) return current;
    if (Date.now() > deadline) throw new Error(`the start-up sync did not end within ${timeoutMs} ms: ${JSON.stringify(current)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
