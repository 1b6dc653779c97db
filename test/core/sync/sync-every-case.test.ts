// A store holding every kind of bad input next to good data: each problem is reported where it
// is, every good point is kept, and the exported histories are exact.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { exportSeries } from '../../../electron/core/queries/export-series';
import { listRunSummaries as listRuns } from '../../../electron/core/queries/runs/run-summaries';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { dumpCache } from './support/cache-dump';
import { writeEveryCaseStore, type EveryCaseStore } from './support/every-case-store';
import { makeTempDir, openTestCache } from './support/lab-store-fixture';
import { allPointValues } from '../../helpers/cache-points';

describe('sync of a store with every kind of bad input', () => {
  let dir: string;
  let root: string;
  let store: EveryCaseStore;
  let cache: CacheDatabase;

  beforeEach(() => {
    dir = makeTempDir();
    root = path.join(dir, 'store');
    store = writeEveryCaseStore(root, path.join(dir, 'outside'));
    cache = openTestCache(path.join(dir, 'cache.db'));
  });
  afterEach(() => cache.close());

  it('reports each problem with its file, line and code, and what was expected', async () => {
    const summary = await syncFolder(cache, root);
    const found = summary.issues.map(({ path: p, line, code }) => ({ path: p, line, code }));
    expect(found).toEqual(store.expectedIssues);
    for (const issue of summary.issues) {
      expect(issue.message.length).toBeGreaterThan(10);
    }
    const expectedOf = (p: string, line: number) => summary.issues.find((i) => i.path === p && i.line === line)!;
    expect(expectedOf('runs/r-mixed/metrics.jsonl', 7).message).toContain('"loss"');
    expect(expectedOf('runs/r-mixed/metrics.jsonl', 7).expected).toContain('"NaN"');
    expect(expectedOf('runs/r-mixed/metrics.jsonl', 6).expected).toContain('integer ≥ 0');
  });

  it('keeps every good point: the exported histories are exact', async () => {
    await syncFolder(cache, root);
    expect(listRuns(cache.sqlite).map((r) => r.id)).toEqual(store.expectedRuns);
    for (const [runId, metrics] of Object.entries(store.expectedHistories)) {
      const listed = listRuns(cache.sqlite).find((r) => r.id === runId)!;
      expect(listed.metrics).toEqual(Object.keys(metrics).sort());
      for (const [key, history] of Object.entries(metrics)) {
        expect(exportSeries(cache.sqlite, runId, key)).toEqual(history);
      }
    }
    expect(listRuns(cache.sqlite).find((r) => r.id === 'r-empty')!.metrics).toEqual([]);
    expect(listRuns(cache.sqlite).find((r) => r.id === 'r-file-link')!.metrics).toEqual([]);
  });

  it('never follows a link out of the store and never uses a refused id', async () => {
    await syncFolder(cache, root);
    const ids = cache.sqlite.prepare('SELECT id FROM runs').pluck().all();
    expect(ids).not.toContain('r-outside');
    expect(ids).not.toContain('r-other');
    const values = allPointValues(cache.sqlite);
    expect(values).not.toContain(42);
    expect(cache.sqlite.prepare('SELECT id FROM ablations').pluck().all()).toEqual(['abl-1']);
    expect(cache.sqlite.prepare('SELECT id FROM proposals').pluck().all()).toEqual(['p-1']);
    expect(cache.sqlite.prepare('SELECT id FROM people ORDER BY id').pluck().all()).toEqual(['ana', 'raj']);
    expect(cache.sqlite.prepare('SELECT id FROM events').pluck().all()).toEqual(['01JDQ7A0000000000000000001']);
  });

  it('reads a pending last line once it is completed, without a new issue', async () => {
    await syncFolder(cache, root);
    fs.appendFileSync(path.join(root, 'runs/r-mixed/metrics.jsonl'), ', "acc": 0.3}\n{"step": 7, "loss": 2.2}\n');
    const summary = await syncFolder(cache, root);
    expect(summary.points).toBe(3);
    expect(exportSeries(cache.sqlite, 'r-mixed', 'loss').slice(-3)).toEqual([[5, 2.4], [6, 2.3], [7, 2.2]]);
    expect(exportSeries(cache.sqlite, 'r-mixed', 'acc').slice(-1)).toEqual([[6, 0.3]]);
    expect(summary.issues.filter((i) => i.path === 'runs/r-mixed/metrics.jsonl')).toHaveLength(11);
  });

  it('gives the same database when synced twice, and the second pass reads nothing', async () => {
    await syncFolder(cache, root);
    const first = dumpCache(cache.sqlite);
    const again = await syncFolder(cache, root);
    expect(again.bytesRead).toBe(0);
    expect(again.points).toBe(0);
    expect(again.changed.runs).toEqual([]);
    expect(dumpCache(cache.sqlite)).toEqual(first);
  });

  it('reads the store through chunks of any size to the same database', async () => {
    await syncFolder(cache, root);
    const reference = dumpCache(cache.sqlite);
    for (const chunkBytes of [61, 4096, 65536]) {
      const other = openTestCache(path.join(dir, `chunks-${chunkBytes}.db`));
      await syncFolder(other, root, { chunkBytes });
      expect(dumpCache(other.sqlite)).toEqual(reference);
      other.close();
    }
  });
});
