// The demo lab as most end-to-end tests start from it: generated (seed 1, small), optionally
// extended with a test's own files, and synced into a fresh cache that `serve --no-watch` then opens.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoLab } from '../../../electron/core/demo';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser';
import { repoRoot, startServe, type ServeProcess } from './start-serve';

export async function syncedDemoLab(prefix: string, addToStore?: (store: string) => void): Promise<{ store: string; db: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tessera-${prefix}-e2e-`));
  const store = path.join(dir, 'lab');
  const db = path.join(dir, 'cache.sqlite');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  addToStore?.(store);
  const cache = openCacheDatabase({ file: db, migrationsDir: path.join(repoRoot, 'migrations') });
  try {
    await syncFolder(cache, store);
  } finally {
    cache.close();
  }
  return { store, db };
}

/**
 * The demo lab served twice, with --allow-write and read-only (each --no-watch); the read-only server
 * gets its own copy of the cache, so two servers never share one file.
 */
export async function demoLabServedTwice(prefix: string): Promise<{ store: string; writable: ServeProcess; readOnly: ServeProcess }> {
  const lab = await syncedDemoLab(prefix);
  const readOnlyDb = path.join(path.dirname(lab.db), 'read-only.sqlite');
  fs.copyFileSync(lab.db, readOnlyDb);
  const [writable, readOnly] = await Promise.all([
    startServe(['--store', lab.store, '--db', lab.db, '--no-watch', '--allow-write']),
    startServe(['--store', lab.store, '--db', readOnlyDb, '--no-watch']),
  ]);
  return { store: lab.store, writable, readOnly };
}

/**
 * For a test file: before its tests, the demo lab served (`--no-watch`, plus `serveArgs`) and a
 * browser; after them, both stopped. Read `lab.serve` and `lab.browser` inside the tests.
 */
export function servedDemoLab(prefix: string, serveArgs: string[] = []): { readonly serve: ServeProcess; readonly browser: Browser } {
  let serve: ServeProcess | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    const lab = await syncedDemoLab(prefix);
    serve = await startServe(['--store', lab.store, '--db', lab.db, '--no-watch', ...serveArgs]);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });
  return {
    get serve() {
      return serve!;
    },
    get browser() {
      return browser!;
    },
  };
}
