// A full disk under the cache, made real with a small tmpfs: while a sync runs, and while a new cache
// is created (its migrations). Each ends with a message saying the disk is full and a consistent
// cache that the next sync completes once there is room.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { generateDemoLab } from '../../../electron/core/demo/index';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { migrationsDir } from '../../helpers/api-fuzz-lab';
import { fillDisk, mountTmpfs, unmount } from '../../helpers/tmpfs';
import { dumpCache } from './support/cache-dump';

async function labWithRuns(outDir: string, runs: number): Promise<void> {
  await generateDemoLab({ outDir, seed: 3, size: 'small', asOf: new Date('2025-06-02T00:00:00Z') });
  for (const run of fs.readdirSync(path.join(outDir, 'runs')).sort().slice(runs)) fs.rmSync(path.join(outDir, 'runs', run), { recursive: true });
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-full-disk-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the cache on a full disk', () => {
  let mnt: string;
  let store: string;
  let reference: Record<string, unknown[]>;

  beforeAll(async () => {
    store = path.join(dir, 'lab-120');
    await labWithRuns(store, 120);
    const clean = openCacheDatabase({ file: path.join(dir, 'clean.sqlite'), migrationsDir });
    try {
      await syncFolder(clean, store);
      reference = dumpCache(clean.sqlite);
    } finally {
      clean.close();
    }
    // The clean cache needs more than the 2 MiB the tmpfs holds.
    expect(fs.statSync(path.join(dir, 'clean.sqlite')).size).toBeGreaterThan(2 * 1024 * 1024);
    mnt = fs.mkdtempSync(path.join(dir, 'mnt-'));
    mountTmpfs(mnt, '2m');
  });

  afterAll(() => {
    if (mnt) unmount(mnt);
  });

  it('stops the sync with a message saying the disk is full, leaves a consistent cache, and the next sync completes it', async () => {
    const file = path.join(mnt, 'cache.sqlite');
    let cache: CacheDatabase = openCacheDatabase({ file, migrationsDir });
    try {
      const failure = await syncFolder(cache, store).then(
        () => null,
        (error: Error) => error,
      );
      expect(failure, 'the sync finished on a 2 MiB disk').not.toBeNull();
      expect(failure!.message).toMatch(/full/i);
      expect(cache.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(dumpCache(cache.sqlite).orphanPoints).toEqual([[0]]);
      expect((cache.sqlite.prepare('SELECT count(*) FROM runs').pluck().get() as number)).toBeLessThan(120);
    } finally {
      cache.close();
    }
    execFileSync('mount', ['-o', 'remount,size=64m', mnt]);
    cache = openCacheDatabase({ file, migrationsDir });
    try {
      await syncFolder(cache, store);
      expect(dumpCache(cache.sqlite)).toEqual(reference);
    } finally {
      cache.close();
    }
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    execFileSync('mount', ['-o', 'remount,size=2m', mnt]);
  });

  it('refuses to create a cache on a full disk with a message saying so, and creates it whole once there is room', async () => {
    const filler = fillDisk(mnt);
    const file = path.join(mnt, 'new-cache.sqlite');
    try {
      expect(() => openCacheDatabase({ file, migrationsDir })).toThrow(/full/i);
    } finally {
      fs.rmSync(filler);
    }
    const cache = openCacheDatabase({ file, migrationsDir });
    try {
      const fresh = openCacheDatabase({ file: path.join(dir, 'fresh.sqlite'), migrationsDir });
      const schemaOf = (c: CacheDatabase) => c.sqlite.prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").all();
      try {
        expect(schemaOf(cache)).toEqual(schemaOf(fresh));
      } finally {
        fresh.close();
      }
      const tiny = path.join(dir, 'tiny-lab');
      fs.mkdirSync(path.join(tiny, 'runs', 'r-1'), { recursive: true });
      fs.writeFileSync(path.join(tiny, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Tiny' }));
      fs.writeFileSync(path.join(tiny, 'runs', 'r-1', 'run.json'), JSON.stringify({ id: 'r-1', created_at: '2025-06-01T00:00:00Z' }));
      fs.writeFileSync(path.join(tiny, 'runs', 'r-1', 'metrics.jsonl'), '{"step": 0, "train/loss": 3.1}\n{"step": 10, "train/loss": 2.7}\n');
      const summary = await syncFolder(cache, tiny);
      expect(summary.totals).toMatchObject({ runs: 1, points: 2, issues: 0 });
    } finally {
      cache.close();
    }
  });
});
