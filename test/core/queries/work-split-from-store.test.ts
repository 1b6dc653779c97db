// The work split of a lab store synced by the real sync engine: the same lab as the cache written
// row by row, so the query must read what the sync writes (people, decisions, run statuses, times)
// and give the same hand-computed shares.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { readWorkSplitInput } from '../../../electron/core/queries/work-split-input';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { syncLabStore } from '../../../electron/core/sync/sync-lab-store';
import { computeWorkSplit, type WorkSplitInput } from '../../../shared/worksplit';
import { migrationsDir, TODAY, writeSplitCache } from './split-cache-fixture';
import { writeSplitStore } from './split-store-fixture';

async function inputFromSyncedStore(): Promise<WorkSplitInput> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-split-store-'));
  writeSplitStore(path.join(dir, 'lab'));
  const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
  try {
    const summary = await syncLabStore({ db: cache, transport: new LocalFolderTransport(path.join(dir, 'lab')) });
    expect(summary.issues).toEqual([]);
    return readWorkSplitInput(cache.sqlite);
  } finally {
    cache.close();
  }
}

function inputFromRows(): WorkSplitInput {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-split-rows-')), 'cache.sqlite');
  writeSplitCache(file);
  const cache = openCacheDatabase({ file, migrationsDir });
  try {
    return readWorkSplitInput(cache.sqlite);
  } finally {
    cache.close();
  }
}

describe('the split of a synced lab store', () => {
  it('reads the same split input as the cache written row by row', async () => {
    const synced = await inputFromSyncedStore();
    const rows = inputFromRows();
    const byId = <T extends { id: string }>(list: T[] | undefined) => [...(list ?? [])].sort((a, b) => a.id.localeCompare(b.id));
    expect(byId(synced.proposals)).toEqual(byId(rows.proposals));
    expect(byId(synced.runs)).toEqual(byId(rows.runs));
    expect(synced.people).toEqual(rows.people);
    expect(synced.phases).toEqual(rows.phases);
  });

  it('gives the hand-computed weekly shares, Ana over 100 % and p-b stopped on its drop day', async () => {
    const input = await inputFromSyncedStore();
    const split = computeWorkSplit(input, { by: 'week', measure: 'people', today: TODAY });
    expect(split.buckets.map((b) => b.exploratoryShare)).toEqual([
      expect.closeTo(0.8 / 2.3, 9), expect.closeTo(7.6 / 18.1, 9), expect.closeTo(9.1 / 20.8, 9),
      expect.closeTo(5.9 / 18.5, 9), expect.closeTo(0.5 / 2.3, 9), expect.closeTo(0.5 / 2.3, 9),
    ]);
    expect(split.people.find((p) => p.person === 'ana')!.weeks.map((w) => w.flag)).toEqual(['over', 'over', 'over', null, null, null]);
    expect(split.phases.map((p) => [p.name, p.exploratoryShare])).toEqual([
      ['Scale-up', expect.closeTo(13.2 / 34.2, 9)],
      ['Pre-launch de-risking', expect.closeTo(20 / 62.3, 9)],
    ]);
    const compute = computeWorkSplit(input, { by: 'week', measure: 'compute', today: TODAY });
    expect(compute.buckets.map((b) => Math.round(b.exploratory))).toEqual([0, 600, 800, 100, 100, 0]);
    expect(compute.unclassified).toEqual({ chipHours: 500, runs: ['r-5'] });
  });
});
