// The scaling fit of the demo lab's ladder, read from a cache the sync engine filled: the ladder
// follows L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 with noise (held-out C4 sits 0.03 above), so the
// fit must land near those parameters, and the run still training must stay out of it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../../electron/core/demo';
import { DEMO_LADDER_LAW, HELDOUT_C4_OFFSET } from '../../../electron/core/demo/lab-world';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { fitObservations, readScalingData } from '../../../electron/core/queries/scaling-observations';
import { resolveScalingRequest } from '../../../electron/core/scaling/scaling-request';
import { listScalingScopes } from '../../../electron/core/queries/scaling-scopes-list';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { bootstrapChinchillaFit, fitChinchillaLoss } from '../../../shared/scaling';
import { migrationsDir } from './scaling-store-fixture';

let cache: CacheDatabase;
beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-scaling-demo-'));
  await generateDemoLab({ outDir: path.join(dir, 'lab'), seed: 1, size: 'small', asOf: new Date('2026-11-20T12:00:00Z') });
  cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
  await syncFolder(cache, path.join(dir, 'lab'));
});
afterAll(() => cache?.close());

describe('the demo ladder', () => {
  it('is listed with the scaling ablations, and fits on held-out C4 by default', () => {
    const scopes = listScalingScopes(cache.sqlite);
    // The newest ladder first (the page opens on it): v3, started after v2.
    expect(scopes.filter((s) => s.kind === 'group').map((s) => s.id)).toEqual(['ladder-v3', 'ladder-v2']);
    expect(scopes.find((s) => s.id === 'ladder-v3')).toMatchObject({ sizes: 6, runs: 24, metric: 'eval/heldout/c4/loss' });
    expect(scopes.filter((s) => s.kind === 'ablation').map((s) => s.id)).toContain('abl-001');
    expect(scopes.filter((s) => s.kind === 'ablation').map((s) => s.id)).not.toContain('abl-007');
  });

  it('recovers the law it was generated from, within its bootstrap intervals, leaving the running run out', async () => {
    const request = resolveScalingRequest(cache.sqlite, { group: 'ladder-v3' });
    const data = readScalingData(cache.sqlite, request.query);
    expect(data.runs).toHaveLength(23);
    expect(data.skipped).toEqual([expect.objectContaining({ reason: 'still running: its last value is not a final loss' })]);
    const observations = fitObservations(data.runs);
    const fit = fitChinchillaLoss(observations);
    const truth = { ...DEMO_LADDER_LAW, E: DEMO_LADDER_LAW.E + HELDOUT_C4_OFFSET };
    expect(fit.params.E).toBeCloseTo(truth.E, 1);
    expect(Math.abs(fit.params.alpha - truth.alpha)).toBeLessThan(0.015);
    expect(Math.abs(fit.params.beta - truth.beta)).toBeLessThan(0.015);
    const boot = await bootstrapChinchillaFit(observations, { fit, resamples: 200, seed: 1 });
    for (const key of ['E', 'alpha', 'beta'] as const) {
      const [lo, hi] = boot.intervals[key].p95;
      expect(lo).toBeLessThanOrEqual(truth[key]);
      expect(hi).toBeGreaterThanOrEqual(truth[key]);
    }
  });
});
