// The core as the transports use it: a dead sync worker never leaves a caller waiting, and a damaged
// cache is moved aside and started afresh (the store still has everything) instead of stopping the app.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../../shared/api/push-events';
import { createCoreService, type CoreService } from '../../../electron/core/host/core-service';

const repoRoot = path.resolve(__dirname, '../../..');
const migrationsDir = path.join(repoRoot, 'migrations');
const cores: CoreService[] = [];
afterEach(async () => {
  await Promise.all(cores.splice(0).map((core) => core.close()));
});

function startCore(dir: string, workerDir: string, log: string[] = []): CoreService {
  const core = createCoreService({
    dbFile: path.join(dir, 'cache.sqlite'),
    storeUrl: path.join(dir, 'store'),
    migrationsDir,
    settingsFile: path.join(dir, 'settings.json'),
    outboxDir: path.join(dir, 'outbox'),
    isDemo: false,
    watch: false,
    version: 'test',
    workerDir,
    log: (message) => log.push(message),
  });
  cores.push(core);
  return core;
}

describe('core service', () => {
  it('answers syncNow with the failure when the sync worker cannot run, instead of hanging', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-core-'));
    const emptyWorkerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-no-workers-'));
    const core = startCore(dir, emptyWorkerDir);
    const first = await core.call('syncNow', {}, { transport: 'test', canWrite: true });
    expect(first.ok).toBe(true);
    expect(first.ok && (first.value as { lastError: string | null }).lastError).toMatch(/sync worker/i);
    const again = await core.call('syncNow', {}, { transport: 'test', canWrite: true });
    expect(again.ok && (again.value as { running: boolean }).running).toBe(false);
  });

  it('moves a damaged cache aside and starts an empty one that the store can refill', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-core-'));
    const dbFile = path.join(dir, 'cache.sqlite');
    // SQLite's header, then garbage: a cache file damaged past its first bytes (a file without the header is no cache at all).
    const damaged = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(8192 - 16, 0x5a)]);
    fs.writeFileSync(dbFile, damaged);
    const log: string[] = [];
    const core = startCore(dir, fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-no-workers-')), log);
    const counts = await core.call('getCacheCounts', {}, { transport: 'test', canWrite: false });
    expect(counts).toEqual({ ok: true, value: { runs: 0, points: 0, proposals: 0, ablations: 0, events: 0, issues: 0 } });
    const aside = fs.readdirSync(dir).filter((name) => name.startsWith('cache.sqlite.damaged-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!)).equals(damaged)).toBe(true);
    expect(log.join('\n')).toMatch(/damaged: moved it to .*cache\.sqlite\.damaged-/);
  });
});

describe('the "data changed" push of a sync', () => {
  it('names the runs whose points changed, and only those', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-core-'));
    const store = path.join(dir, 'store');
    fs.mkdirSync(store);
    fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Pushes' }));
    for (const id of ['r-1', 'r-2']) {
      fs.mkdirSync(path.join(store, 'runs', id), { recursive: true });
      fs.writeFileSync(path.join(store, 'runs', id, 'run.json'), JSON.stringify({ id, created_at: '2026-11-01T00:00:00Z' }));
      fs.writeFileSync(path.join(store, 'runs', id, 'metrics.jsonl'), '{"step": 0, "train/loss": 3}\n');
    }
    const core = startCore(dir, path.join(repoRoot, 'dist', 'core'));
    const pushes: PushEvent[] = [];
    core.onEvent((event) => pushes.push(event));
    await core.call('syncNow', {}, { transport: 'test', canWrite: true });
    expect(pushes.filter((e) => e.type === 'data-changed').at(-1)).toMatchObject({ runIds: expect.arrayContaining(['r-1', 'r-2']) });
    fs.appendFileSync(path.join(store, 'runs', 'r-2', 'metrics.jsonl'), '{"step": 10, "train/loss": 2.9}\n');
    await core.call('syncNow', {}, { transport: 'test', canWrite: true });
    expect(pushes.filter((e) => e.type === 'data-changed').at(-1)).toMatchObject({ scopes: expect.arrayContaining(['metrics']), runIds: ['r-2'] });
  });
});
