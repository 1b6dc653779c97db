// The review API through the single entry (dispatchApiCall) over a synced cache: the agenda, a scaling
// fit now against the same fit as it stood at the review (in the real compute worker, built by
// `node scripts/build.mjs`), and closing the review — a `review` event file in the store that the
// next agenda starts from; refused on a read-only transport and without an identity.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../electron/core/api/dispatch-api-call';
import type { Handlers } from '../../../electron/core/api/handlers';
import { createReviewHandlers } from '../../../electron/core/api/review-handlers';
import type { Settings } from '../../../electron/core/config/settings-file';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { createCoreEventWriter } from '../../../electron/core/events/core-event-writer';
import type { EventWriter } from '../../../electron/core/events/event-writer';
import type { CoreDeps } from '../../../electron/core/api/core-deps';
import { createScalingService } from '../../../electron/core/scaling/scaling-service';
import { createComputeClient, type ComputeClient } from '../../../electron/core/scaling/compute-client';
import { idleSyncProgress } from '../../../electron/core/sync/sync-controller';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import type { ApiResult } from '../../../shared/api/api-result';
import { decodeNumber } from '../../../shared/api/json-number';
import type { WriteEventResult } from '../../../shared/api/proposals-methods';
import type { ReviewAgenda, ReviewScalingChange } from '../../../shared/api/review-methods';
import { LAW, writeReviewLab, type ReviewLab } from '../queries/review/review-lab';

const migrationsDir = path.resolve(__dirname, '..', '..', '..', 'migrations');
const workerFile = path.resolve(__dirname, '..', '..', '..', 'dist', 'core', 'compute-worker.mjs');

let dir: string;
let store: string;
let lab: ReviewLab;
let cache: CacheDatabase;
let compute: ComputeClient;
let writer: EventWriter;
let settings: Settings = {};
let handlers: Handlers;

type Ctx = { canWrite: boolean };
const call = <T>(method: string, input: unknown, ctx: Ctx = { canWrite: true }) =>
  dispatchApiCall(handlers, method, input, { transport: 'test', ...ctx }) as Promise<ApiResult<T>>;

async function value<T>(promise: Promise<ApiResult<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

function reviewFiles(): { rel: string; json: Record<string, unknown> }[] {
  const out: { rel: string; json: Record<string, unknown> }[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d)) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.push({ rel: path.relative(store, full).split(path.sep).join('/'), json: JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown> });
    }
  };
  walk(path.join(store, 'events'));
  return out.filter((f) => f.json.type === 'review');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-review-api-'));
  store = path.join(dir, 'lab');
  // The store's review a week ago, relative to the real clock: closeReview writes at the real time.
  // The lab's "now" is the real now (to the second): its running run must not turn stale while the test runs.
  lab = writeReviewLab(store, Math.floor(Date.now() / 1000) * 1000);
  const dbFile = path.join(dir, 'cache.sqlite');
  cache = openCacheDatabase({ file: dbFile, migrationsDir });
  await syncFolder(cache, store);
  compute = createComputeClient(workerFile, { dbFile, migrationsDir });
  const deps: Pick<CoreDeps, 'cache' | 'config' | 'settings' | 'sync' | 'compute' | 'emit' | 'log'> = {
    cache,
    compute,
    config: {
      dbFile,
      storeUrl: store,
      migrationsDir,
      settingsFile: path.join(dir, 'settings.json'),
      outboxDir: path.join(dir, 'outbox'),
      isDemo: false,
      watch: false,
      version: 'test',
    },
    settings: {
      get: () => settings,
      update(patch) {
        settings = { ...settings, ...patch };
        return settings;
      },
    },
    sync: {
      progress: () => idleSyncProgress(),
      async syncNow() {
        await syncFolder(cache, store);
        return idleSyncProgress();
      },
      async close() {},
    },
    emit: () => {},
    log: () => {},
  };
  writer = createCoreEventWriter(deps, 0);
  handlers = createReviewHandlers(deps, createScalingService(deps), writer) as unknown as Handlers;
});
afterAll(async () => {
  writer?.close();
  await compute?.close();
  cache?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('getReviewScalingChange', () => {
  it('fits the ladder now and without the runs finished since the review, both on the law', async () => {
    const change = await value<ReviewScalingChange>(call('getReviewScalingChange', { group: 'ladder', since: lab.reviewAt }));
    expect(change.kind).toBe('group');
    if (change.kind !== 'group') return;
    expect(change.newRuns).toEqual([...lab.ladderNew].sort());
    expect(change.before.n).toBe(lab.ladderAll.length - lab.ladderNew.length);
    expect(change.now.n).toBe(lab.ladderAll.length);
    expect(change.view.points).toHaveLength(lab.ladderAll.length);
    expect(change.view.points.every((p) => !p.excluded)).toBe(true);
    for (const snapshot of [change.before, change.now]) {
      expect(decodeNumber(snapshot.params!.alpha)).toBeCloseTo(LAW.alpha, 2);
      expect(decodeNumber(snapshot.params!.beta)).toBeCloseTo(LAW.beta, 2);
    }
    expect(change.atCompute).toBe(Math.max(...change.view.points.map((p) => p.C)));
    expect(JSON.parse(JSON.stringify(change))).toEqual(change);
  });

  it('gives the ablation\'s effective-compute multiplier now and at the review, at the same target compute', async () => {
    const change = await value<ReviewScalingChange>(call('getReviewScalingChange', { ablation: 'abl-s', since: lab.reviewAt }));
    expect(change.kind).toBe('ablation');
    if (change.kind !== 'ablation') return;
    expect(change.newRuns).toEqual([...lab.scalingNew].sort());
    expect(change.before.targetCompute).toBe(change.now.targetCompute);
    expect(change.before.points.filter((p) => p.excluded).map((p) => p.runId).sort()).toEqual([...lab.scalingNew].sort());
    expect(change.now.points.some((p) => p.excluded)).toBe(false);
    for (const view of [change.before, change.now]) {
      expect(view.error).toBeNull();
      const twice = view.variants.find((v) => v.key === 'twice')!;
      expect(decodeNumber(twice.atTarget!.multiplier.estimate)).toBeCloseTo(2, 1);
      expect(twice.atTarget!.multiplier.samples).toBeGreaterThan(0);
    }
    // The review's target is the largest compute now, beyond the data the review had.
    expect(change.before.variants[0]!.atTarget!.extrapolationFactor).toBeGreaterThan(1);
  });

  it('refuses a group that does not exist and a call naming neither group nor ablation', async () => {
    expect(await call('getReviewScalingChange', { group: 'nope', since: lab.reviewAt })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('getReviewScalingChange', { since: lab.reviewAt })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('closeReview', () => {
  it('is refused on a read-only transport (the room display) and writes nothing', async () => {
    const before = reviewFiles().length;
    expect(await call('closeReview', { notes: 'x', author: 'ana' }, { canWrite: false })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(reviewFiles()).toHaveLength(before);
  });

  it('needs to know who closes it', async () => {
    const before = reviewFiles().length;
    const result = await call('closeReview', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(!result.ok && result.error.message).toMatch(/author: who writes this is required/);
    expect(reviewFiles()).toHaveLength(before);
  });

  it('writes a review event with the notes, and the next agenda starts from it', async () => {
    const first = await value<ReviewAgenda>(call('getReviewAgenda', {}));
    expect(first.since).toBe(lab.reviewAt);
    expect(first.runs.finished.length).toBeGreaterThan(0);

    const written = await value<WriteEventResult>(call('closeReview', { notes: '  MTP goes to 1.4B.  ', author: 'ana' }));
    expect(written.state).toBe('written');
    const file = reviewFiles().find((f) => f.json.id === written.event.id)!;
    expect(file.rel).toBe(written.path);
    expect(file.json).toEqual({ id: written.event.id, at: written.event.at, author: 'ana', type: 'review', notes: 'MTP goes to 1.4B.' });

    const next = await value<ReviewAgenda>(call('getReviewAgenda', {}));
    expect(next.source).toBe('review');
    expect(next.since).toBe(written.event.at);
    expect(next.lastReview).toMatchObject({ id: written.event.id, author: 'ana', notes: 'MTP goes to 1.4B.' });
    expect(next.runs.finished).toEqual([]);
    expect(next.ablations).toEqual([]);
    expect(next.proposals).toEqual([]);
    // Staleness is about now, not about what changed.
    expect(next.runs.stale.map((r) => r.id)).toEqual(['r-stale']);
  });

  it('without notes writes no notes field', async () => {
    const written = await value<WriteEventResult>(call('closeReview', { notes: '   ', author: 'ana' }));
    expect(reviewFiles().find((f) => f.json.id === written.event.id)!.json).not.toHaveProperty('notes');
  });
});
