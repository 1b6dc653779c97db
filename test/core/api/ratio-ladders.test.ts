// Identifiability and verdicts through the API, on a store of ladders at one and at several
// tokens-per-parameter ratios (test/helpers/ratio-ladders-store.ts), synced into a real cache and
// fitted by the real compute worker: ladders at one ratio (or ratios too close) are not identifiable
// and get the power law in compute instead of parameter intervals; ladders at several ratios are,
// and recover the law; each ablation's verdict is the one its truth implies and agrees with the
// numbers it carries.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../electron/core/api/dispatch-api-call';
import type { Handlers } from '../../../electron/core/api/handlers';
import { createScalingHandlers } from '../../../electron/core/api/scaling-handlers';
import { createScalingService } from '../../../electron/core/scaling/scaling-service';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { createComputeClient, type ComputeClient } from '../../../electron/core/scaling/compute-client';
import type { CoreDeps } from '../../../electron/core/api/core-deps';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import type { ApiResult } from '../../../shared/api/api-result';
import { decodeNumber } from '../../../shared/api/json-number';
import type { AblationScalingView, ScalingFitView, ScalingPrediction } from '../../../shared/api/scaling-methods';
import { predictLoss } from '../../../shared/scaling';
import { LADDER_LAW, RATIO_LADDERS, writeRatioLaddersLab } from '../../helpers/ratio-ladders-store';
import { migrationsDir } from '../queries/scaling-store-fixture';

const workerFile = path.resolve(__dirname, '..', '..', '..', 'dist', 'core', 'compute-worker.mjs');

let cache: CacheDatabase;
let compute: ComputeClient;
let call: <T>(method: string, input: unknown) => Promise<T>;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-ratio-ladders-'));
  writeRatioLaddersLab(path.join(dir, 'lab'));
  const dbFile = path.join(dir, 'cache.sqlite');
  cache = openCacheDatabase({ file: dbFile, migrationsDir });
  const summary = await syncFolder(cache, path.join(dir, 'lab'));
  expect(summary.issues).toEqual([]);
  compute = createComputeClient(workerFile, { dbFile, migrationsDir });
  const deps = { cache, compute, emit: () => {}, log: () => {} } as unknown as CoreDeps;
  const handlers = createScalingHandlers(deps, createScalingService(deps)) as unknown as Handlers;
  call = async <T>(method: string, input: unknown) => {
    const result = (await dispatchApiCall(handlers, method, input, { transport: 'test', canWrite: false })) as ApiResult<T>;
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  };
});
afterAll(async () => {
  await compute?.close();
  cache?.close();
});

describe('ladders at one and at several ratios', () => {
  it.each(Object.entries(RATIO_LADDERS.groups))('%s: identifiable as its design says', async (group, expected) => {
    const view = await call<ScalingFitView>('getScalingFit', { group, bootstrap: 100 });
    expect(view.identifiability!.identifiable).toBe(expected.identifiable);
    if (expected.reason) expect(view.identifiability!.reason).toMatch(expected.reason);
    if (expected.identifiable) {
      // The parameters are findings, with intervals and the frontier; the fitted law is the one the runs
      // were made from, within their 0.2 % noise, at every design.
      expect(view.computeLaw).toBeNull();
      expect(view.intervals!.alpha.samples).toBe(100);
      const p = view.fit!.params;
      const fitted = { E: decodeNumber(p.E), A: decodeNumber(p.A), B: decodeNumber(p.B), alpha: decodeNumber(p.alpha), beta: decodeNumber(p.beta) };
      for (const run of view.points) expect(Math.abs(predictLoss(fitted, run.N, run.D) / predictLoss(LADDER_LAW, run.N, run.D) - 1)).toBeLessThan(0.003);
      expect(view.frontier.every((f) => Number.isFinite(decodeNumber(f.N)))).toBe(true);
    } else {
      // No parameter intervals; the power law in compute with its own, and the line drawn is that law.
      expect(view.intervals).toBeNull();
      expect(view.computeLaw!.intervals!.gamma.samples).toBe(100);
      expect(view.frontier.every((f) => Number.isNaN(decodeNumber(f.N)))).toBe(true);
      const C = view.fit!.maxCompute * 10;
      const prediction = await call<ScalingPrediction>('predictAt', { group, bootstrap: 100, targetCompute: C });
      expect(prediction.basis).toBe('compute-law');
      expect(Number.isNaN(decodeNumber(prediction.N.estimate))).toBe(true);
      expect(prediction.warning).toMatch(/do not identify the compute-optimal model size/);
    }
  });
});

describe('ablations whose truth is known', () => {
  it.each(Object.entries(RATIO_LADDERS.ablations))('%s: the verdict its truth implies, beside the numbers it comes from', async (ablation, expected) => {
    const view = await call<AblationScalingView>('getAblationScaling', { ablation, bootstrap: 200 });
    expect(view.error).toBeNull();
    expect(view.method).toBe(ablation.includes('one-ratio') ? 'design-ratio' : 'frontier');
    const variant = view.variants[0]!;
    expect(variant.verdict.kind).toBe(expected.verdict);
    const [lo, hi] = variant.verdict.multiplier.p95.map(decodeNumber);
    if (expected.verdict.startsWith('cost')) expect(hi).toBeLessThan(1);
    else expect(lo).toBeGreaterThan(1);
    // Read where both arms ran, and matching the curve there.
    expect(variant.verdict.atCompute).toBe(variant.dataRange[1]);
    // Before the bootstrap: no verdict at all, never one the bootstrap could reverse.
    const plain = await call<AblationScalingView>('getAblationScaling', { ablation, bootstrap: 0 });
    expect(plain.variants[0]!.verdict.kind).toBe('pending');
    // Arms at one ratio are not identifiable; the frontier method's arms at two ratios are.
    for (const arm of view.arms) {
      if (view.method === 'frontier') expect(arm.identifiability!.identifiable).toBe(true);
      else expect(arm.params === null && arm.law !== null).toBe(true);
    }
  });
});
