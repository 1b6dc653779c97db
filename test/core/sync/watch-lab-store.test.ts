// Watch mode: an appended line is synced and reported as a change, by file-system events or by
// polling when events are off; passes never overlap.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { exportSeries } from '../../../electron/core/queries/export-series';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import type { SyncSummary } from '../../../electron/core/sync/sync-summary';
import { watchLabStore, type LabStoreWatcher } from '../../../electron/core/sync/watch-lab-store';
import { appendFile, createStore, metricsLines, openTestCache, runJson } from './support/lab-store-fixture';
import { countPoints } from '../../helpers/cache-points';

let root: string;
let cache: CacheDatabase;
let watcher: LabStoreWatcher | undefined;

/** Resolves with the first change summary for which `accept` holds. */
function nextChange(changes: SyncSummary[], waiters: Array<() => void>, accept: (s: SyncSummary) => boolean): Promise<SyncSummary> {
  return new Promise((resolve) => {
    const check = () => {
      const found = changes.find(accept);
      if (found) resolve(found);
      else waiters.push(check);
    };
    check();
  });
}

function startWatching(options: { useFsEvents: boolean; intervalMs: number }) {
  const changes: SyncSummary[] = [];
  const waiters: Array<() => void> = [];
  watcher = watchLabStore({
    db: cache,
    transport: new LocalFolderTransport(root),
    ...options,
    onChanged: (summary) => {
      changes.push(summary);
      waiters.splice(0).forEach((w) => w());
    },
    onError: (error) => {
      throw error;
    },
  });
  return (accept: (s: SyncSummary) => boolean) => nextChange(changes, waiters, accept);
}

beforeEach(() => {
  root = createStore({ 'runs/r1/run.json': runJson('r1'), 'runs/r1/metrics.jsonl': metricsLines([{ step: 0, loss: 3 }]) });
  cache = openTestCache(path.join(path.dirname(root), 'cache.db'));
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  cache.close();
});

describe('watchLabStore', () => {
  it('syncs at start, then syncs an appended line on a file-system event', async () => {
    const changed = startWatching({ useFsEvents: true, intervalMs: 3_600_000 });
    expect(watcher!.usingFsEvents).toBe(true);
    const first = await changed((s) => s.runs.new === 1);
    expect(first.changed.runs).toEqual(['r1']);
    appendFile(root, 'runs/r1/metrics.jsonl', metricsLines([{ step: 1, loss: 2.5 }]));
    const second = await changed((s) => s.runs.new === 0 && s.points === 1);
    expect(second.changed.runs).toEqual(['r1']);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3], [1, 2.5]]);
  });

  it('notices changes by polling when file-system events are off', async () => {
    const changed = startWatching({ useFsEvents: false, intervalMs: 50 });
    expect(watcher!.usingFsEvents).toBe(false);
    await changed((s) => s.runs.new === 1);
    appendFile(root, 'runs/r1/metrics.jsonl', metricsLines([{ step: 1, loss: 2.5 }]));
    await changed((s) => s.runs.new === 0 && s.points === 1);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3], [1, 2.5]]);
  });

  it('runs one pass at a time: requests during a pass are all served by the one pass after it', async () => {
    const changed = startWatching({ useFsEvents: false, intervalMs: 3_600_000 });
    const results = await Promise.all([watcher!.syncNow(), watcher!.syncNow(), watcher!.syncNow()]);
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
    expect(results[0]!.runs.new).toBe(0);
    expect((await changed((s) => s.runs.new === 1)).points).toBe(1);
    expect(countPoints(cache.sqlite)).toBe(1);
  });
});
