// `tessera serve` killed with SIGKILL while its sync worker fills the cache, several times, then
// started again: once the restarted sync finishes, the cache equals what one clean sync gives, and
// no start took it for damaged (nothing was moved aside).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncProgressInfo } from '../../shared/api/app-methods';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { digestCache } from '../core/sync/support/cache-dump';
import { writeEveryCaseStore } from '../core/sync/support/every-case-store';
import { writeGeneratedRuns } from '../core/sync/support/generated-store';
import { createSeededRandom } from '../../shared/random/seeded-random';
import { migrationsDir } from '../core/sync/support/lab-store-fixture';
import { callApi, startServe, type ServeProcess } from '../e2e/support/start-serve';
import { countPoints } from '../helpers/cache-points';

const KILLS = 3;

let dir: string;
let store: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-serve-crash-'));
  store = path.join(dir, 'store');
  writeEveryCaseStore(store, path.join(dir, 'outside'));
  writeGeneratedRuns(store, { runs: 30, linesPerRun: 2500, metricsPerLine: 6, seed: 11 });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function syncProgress(serve: ServeProcess): Promise<SyncProgressInfo> {
  const { body } = await callApi(serve.url, 'getSyncProgress', {});
  expect(body.ok).toBe(true);
  return body.value as SyncProgressInfo;
}

function pointCount(dbFile: string): number {
  const cache = openCacheDatabase({ file: dbFile, migrationsDir, migrate: false });
  try {
    return countPoints(cache.sqlite);
  } finally {
    cache.close();
  }
}

function killed(serve: ServeProcess): Promise<void> {
  return new Promise((resolve) => {
    if (serve.child.exitCode !== null || serve.child.signalCode !== null) return resolve();
    serve.child.once('exit', () => resolve());
    serve.child.kill('SIGKILL');
  });
}

describe('SIGKILL of serve during a sync', () => {
  it('restarted, it ends with the cache one clean sync gives', async () => {
    const referenceFile = path.join(dir, 'reference.sqlite');
    const reference = openCacheDatabase({ file: referenceFile, migrationsDir });
    const clean = await syncFolder(reference, store);
    const referencePoints = clean.totals.points;
    const syncMs = Math.max(300, clean.durationMs);

    const dbFile = path.join(dir, 'served.sqlite');
    const seed = Date.now() % 100_000;
    const random = createSeededRandom(seed).next;
    const pointsAtKill: number[] = [];
    for (let k = 0; k < KILLS; k++) {
      const serve = await startServe(['--store', store, '--db', dbFile, '--no-watch']);
      try {
        // Killed at a random moment once the sync worker is reading metrics: its progress says so first.
        let progress = await syncProgress(serve);
        while (progress.bytesDone === 0 && progress.finishedAt === null) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          progress = await syncProgress(serve);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.round(syncMs * 0.3 * random())));
      } finally {
        await killed(serve);
      }
      pointsAtKill.push(pointCount(dbFile));
    }
    const context = `points at each kill ${pointsAtKill.join(', ')} of ${referencePoints} (seed ${seed})`;
    // The kills landed mid-sync, and each start went on from where the last one stopped.
    expect(Math.min(...pointsAtKill), context).toBeLessThan(referencePoints);
    for (let k = 1; k < KILLS; k++) expect(pointsAtKill[k]!, context).toBeGreaterThanOrEqual(pointsAtKill[k - 1]!);

    const serve = await startServe(['--store', store, '--db', dbFile, '--no-watch']);
    try {
      let progress = await syncProgress(serve);
      while (progress.running || progress.finishedAt === null) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        progress = await syncProgress(serve);
      }
      expect(progress.lastError).toBeNull();
      const counts = await callApi(serve.url, 'getCacheCounts', {});
      expect(counts.body.value).toMatchObject({ points: referencePoints });
    } finally {
      await serve.stop();
    }
    expect(fs.readdirSync(dir).filter((name) => name.includes('.damaged-'))).toEqual([]);
    const served = openCacheDatabase({ file: dbFile, migrationsDir });
    try {
      expect(digestCache(served.sqlite), context).toEqual(digestCache(reference.sqlite));
    } finally {
      served.close();
      reference.close();
    }
  });
});
