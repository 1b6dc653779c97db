// An event (a comment) written while the store's disk is full, made real with a small tmpfs: the
// call answers "pending" with a reason that says the store is full, the event waits in the outbox,
// no partial file is left in the store, and it lands whole once there is room.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../../shared/api/api-result';
import type { WriteEventResult } from '../../../shared/api/proposals-methods';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { generateDemoLab } from '../../../electron/core/demo/index';
import { createCoreService, type CoreService } from '../../../electron/core/host/core-service';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { migrationsDir } from '../../helpers/api-fuzz-lab';
import { fillDisk, listTree, mountTmpfs, unmount } from '../../helpers/tmpfs';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const ipc = { transport: 'ipc' as const, canWrite: true };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-full-store-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('an event written to a store on a full disk', () => {
  let mnt: string;
  let store: string;
  let core: CoreService;
  /** Who writes: the first person of the lab's team.yaml. */
  let person: string;

  beforeAll(async () => {
    mnt = fs.mkdtempSync(path.join(dir, 'store-mnt-'));
    mountTmpfs(mnt, '2m');
    store = path.join(mnt, 'lab');
    const generated = path.join(dir, 'generated');
    await generateDemoLab({ outDir: generated, seed: 3, size: 'small', asOf: new Date('2025-06-02T00:00:00Z') });
    for (const run of fs.readdirSync(path.join(generated, 'runs')).sort().slice(3)) fs.rmSync(path.join(generated, 'runs', run), { recursive: true });
    fs.cpSync(generated, store, { recursive: true });
    const dbFile = path.join(dir, 'events-cache.sqlite');
    const cache = openCacheDatabase({ file: dbFile, migrationsDir });
    try {
      await syncFolder(cache, store);
    } finally {
      cache.close();
    }
    core = createCoreService({
      dbFile,
      storeUrl: store,
      isDemo: false,
      migrationsDir,
      settingsFile: path.join(dir, 'settings.json'),
      outboxDir: path.join(dir, 'outbox'),
      watch: false,
      version: '0.0.0-test',
      workerDir: path.join(repoRoot, 'dist', 'core'),
      log: () => {},
    });
    const choices = await core.call('listIdentityChoices', {}, ipc);
    person = (choices as ApiResult<{ people: Array<{ id: string }> }> & { ok: true }).value.people[0]!.id;
  });

  afterAll(async () => {
    // Unmounted first: a core that hangs on closing must not leave the tmpfs mounted.
    if (mnt) unmount(mnt);
    await core?.close();
  });

  it('keeps the event pending with a reason that says the store is full, leaves no partial file, and writes it once there is room', async () => {
    const before = new Set(listTree(store));
    const filler = fillDisk(mnt);
    const result = (await core.call('comment', { target: 'p-001', text: 'Does the gain hold at 1B?', author: person }, ipc)) as ApiResult<WriteEventResult>;
    expect(result.ok).toBe(true);
    const outcome = (result as { ok: true; value: WriteEventResult }).value;
    expect(outcome.state).toBe('pending');
    expect(outcome.state === 'pending' && outcome.reason).toMatch(/full/i);
    expect(listTree(store).filter((file) => !before.has(file))).toEqual([]);

    fs.rmSync(filler);
    const retried = await core.call('retryPendingEvents', {}, ipc);
    expect(retried).toMatchObject({ ok: true, value: { written: 1, pending: 0, lastError: null } });
    expect(listTree(store).filter((file) => !before.has(file))).toEqual([outcome.path]);
    const written = JSON.parse(fs.readFileSync(path.join(store, outcome.path), 'utf8')) as Record<string, unknown>;
    expect(written).toMatchObject({ id: outcome.event.id, type: 'comment', target: 'p-001', text: 'Does the gain hold at 1B?' });
  });
});
