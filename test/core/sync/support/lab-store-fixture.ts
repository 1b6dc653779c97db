// Small lab stores written file by file for the sync tests, in a fresh temporary folder each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openCacheDatabase, type CacheDatabase } from '../../../../electron/core/db/open-cache-database';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const migrationsDir = path.join(repoRoot, 'migrations');

export function makeTempDir(prefix = 'tessera-sync-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTestCache(file: string): CacheDatabase {
  return openCacheDatabase({ file, migrationsDir });
}

/** Writes files (store-relative path → content), creating folders. */
export function writeFiles(root: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(root, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
}

export function appendFile(root: string, rel: string, content: string): void {
  fs.appendFileSync(path.join(root, rel), content);
}

export function storeMarker(name = 'Test lab'): string {
  return JSON.stringify({ format: 'tessera-store', version: 1, name });
}

export function runJson(id: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ id, created_at: '2026-10-01T00:00:00Z', ...extra });
}

/** metrics.jsonl text from records, one per line, each ended by "\n". */
export function metricsLines(records: Array<Record<string, unknown>>): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** A new store holding the marker and the given files. */
export function createStore(files: Record<string, string | Buffer> = {}): string {
  const root = path.join(makeTempDir(), 'store');
  fs.mkdirSync(root);
  writeFiles(root, { 'tessera-store.json': storeMarker(), ...files });
  return root;
}
