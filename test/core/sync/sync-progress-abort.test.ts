// Progress reports files and bytes done of total and runs new; an aborted pass leaves a cache
// that the next pass completes to exactly what one clean pass gives.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import type { SyncProgress } from '../../../electron/core/sync/sync-progress';
import { dumpCache } from './support/cache-dump';
import { writeGeneratedRuns } from './support/generated-store';
import { createStore, openTestCache } from './support/lab-store-fixture';
import { countPoints } from '../../helpers/cache-points';

let root: string;
let cache: CacheDatabase;

beforeEach(() => {
  root = createStore();
  writeGeneratedRuns(root, { runs: 12, linesPerRun: 400, metricsPerLine: 4, seed: 3 });
  cache = openTestCache(path.join(path.dirname(root), 'cache.db'));
});
afterEach(() => cache.close());

describe('sync progress and cancellation', () => {
  it('reports files and bytes done of total, and the runs found, ending complete', async () => {
    const reports: SyncProgress[] = [];
    const summary = await syncFolder(cache, root, { onProgress: (p) => reports.push(p), progressIntervalMs: 0, chunkBytes: 4096 });
    const last = reports.at(-1)!;
    expect(last).toMatchObject({ phase: 'done', filesDone: summary.filesScanned, filesTotal: summary.filesScanned, runsNew: 12 });
    expect(last.bytesDone).toBe(summary.bytesRead);
    expect(last.bytesTotal).toBe(summary.bytesRead);
    const reading = reports.filter((p) => p.phase === 'reading');
    expect(reading.length).toBeGreaterThan(10);
    for (let i = 1; i < reading.length; i++) {
      expect(reading[i]!.bytesDone).toBeGreaterThanOrEqual(reading[i - 1]!.bytesDone);
      expect(reading[i]!.bytesDone).toBeLessThanOrEqual(reading[i]!.bytesTotal);
    }
  });

  it('stops when aborted, and the next pass ends with the clean database', async () => {
    const abort = new AbortController();
    let seen = 0;
    const pass = syncFolder(cache, root, {
      chunkBytes: 2048,
      progressIntervalMs: 0,
      signal: abort.signal,
      onProgress: (p) => {
        if (p.phase === 'reading' && ++seen === 40) abort.abort();
      },
    });
    await expect(pass).rejects.toThrow(/abort/i);
    const partial = countPoints(cache.sqlite);
    await syncFolder(cache, root);
    const clean = openTestCache(path.join(path.dirname(root), 'clean.db'));
    await syncFolder(clean, root);
    expect(partial).toBeLessThan(countPoints(clean.sqlite));
    expect(dumpCache(cache.sqlite)).toEqual(dumpCache(clean.sqlite));
    clean.close();
  });
});
