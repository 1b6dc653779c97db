// The demo lab is the default store on first start: the sync engine must read all of it, with no
// sync issue, and hold exactly the counts the generator reports.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { syncLabStore } from '../../../electron/core/sync/sync-lab-store';
import { generateSmallLab, makeTemporaryDir, removeTemporaryDirs } from './read-demo-lab';

afterAll(removeTemporaryDirs);

const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../migrations');

describe('demo lab through the sync engine', () => {
  it('syncs with no issues and the cache holds the runs, points, proposals, ablations and events it reports', async () => {
    const lab = await generateSmallLab('sync');
    const db = openCacheDatabase({ file: path.join(makeTemporaryDir('cache'), 'cache.sqlite'), migrationsDir });
    try {
      const summary = await syncLabStore({ db, transport: new LocalFolderTransport(lab.root) });
      expect(summary.issues).toEqual([]);
      expect(summary.totals).toEqual({
        runs: lab.runs,
        points: lab.points,
        proposals: lab.proposals,
        ablations: lab.ablations,
        events: lab.events,
        issues: 0,
      });
    } finally {
      db.close();
    }
  });
});
