// The scaling API through the single entry (dispatchApiCall) over a synced cache, with the real
// compute worker (dist/core/compute-worker.mjs, built by `node scripts/build.mjs`): fits, intervals
// and their progress, results kept between calls, exclusions, predictions, cancellation, and the
// effective-compute multiplier of an ablation whose true value is known.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../electron/core/api/dispatch-api-call';
import type { Handlers } from '../../../electron/core/api/handlers';
import { createScalingHandlers } from '../../../electron/core/api/scaling-handlers';
import { createScalingService } from '../../../electron/core/scaling/scaling-service';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { createComputeClient, type ComputeClient } from '../../../electron/core/scaling/compute-client';
import type { CoreDeps } from '../../../electron/core/api/core-deps';

import type { ApiResult } from '../../../shared/api/api-result';
import { decodeNumber } from '../../../shared/api/json-number';
import type { PushEvent } from '../../../shared/api/push-events';
import { MAX_API_BOOTSTRAP, scalingTaskId, type AblationScalingView, type ScalingFitView, type ScalingPrediction } from '../../../shared/api/scaling-methods';
import { computeOptimalAllocation, logSpaced, predictLoss } from '../../../shared/scaling';
import { migrationsDir, publishedTableRuns, syncedScalingStore, type StoreRun } from '../queries/scaling-store-fixture';

const LAW = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
/** The baseline with twice the parameters' worth of capacity: on the frontier, exactly 2× compute. */
const TWICE = { ...LAW, A: LAW.A * 2 ** -LAW.alpha };
const workerFile = path.resolve(__dirname, '..', '..', '..', 'dist', 'core', 'compute-worker.mjs');

const sizes = logSpaced(5e7, 1.6e9, 6);
const runs: StoreRun[] = [
  ...publishedTableRuns(LAW, sizes, [10, 20, 40, 80], { group: 'ladder' }, 'eval/c4/loss'),
  ...publishedTableRuns(LAW, sizes.slice(0, 4), [10, 40], { ablation: 'abl-2x', variant: 'base' }, 'eval/c4/loss'),
  ...publishedTableRuns(TWICE, sizes.slice(0, 4), [10, 40], { ablation: 'abl-2x', variant: 'twice' }, 'eval/c4/loss'),
  ...publishedTableRuns(LAW, sizes, [20], { ablation: 'abl-ray', variant: 'base' }, 'eval/c4/loss'),
  ...publishedTableRuns(TWICE, sizes, [20], { ablation: 'abl-ray', variant: 'twice' }, 'eval/c4/loss'),
].map((r, i) => ({ ...r, id: `r-${i}` }));
/** Still training: left out of the ladder's fit, but every sync touches it. */
runs.push({ id: 'r-training', group: 'ladder', N: 2e9, D: 4e10, state: 'running', lines: [{ step: 1, tokens: 1e10, 'eval/c4/loss': 2.6 }] });

let cache: CacheDatabase;
let compute: ComputeClient;
let call: <T>(method: string, input: unknown) => Promise<ApiResult<T>>;
const events: PushEvent[] = [];

beforeAll(async () => {
  let dbFile: string;
  ({ cache, dbFile } = await syncedScalingStore(runs, [
    { id: 'abl-2x', metric: 'eval/c4/loss', baseline: 'base' },
    { id: 'abl-ray', metric: 'eval/c4/loss', baseline: 'base' },
  ]));
  compute = createComputeClient(workerFile, { dbFile, migrationsDir });
  const deps = { cache, compute, emit: (e: PushEvent) => events.push(e), log: () => {} } as unknown as CoreDeps;
  const handlers = createScalingHandlers(deps, createScalingService(deps)) as unknown as Handlers;
  call = (method, input) => dispatchApiCall(handlers, method, input, { transport: 'test', canWrite: true }) as never;
});
afterAll(async () => {
  await compute?.close();
  cache?.close();
});

async function value<T>(promise: Promise<ApiResult<T>>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

const progressOf = (task: string) => events.filter((e): e is Extract<PushEvent, { type: 'task-progress' }> => e.type === 'task-progress' && e.task === task);

describe('getScalingFit', () => {
  it('fits the group in the worker and recovers the parameters of noiseless data, as plain JSON', async () => {
    const view = await value<ScalingFitView>(call('getScalingFit', { group: 'ladder' }));
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
    expect(view.metric).toBe('eval/c4/loss');
    expect(view.points).toHaveLength(24);
    expect(view.fit!.n).toBe(24);
    const p = view.fit!.params;
    expect(decodeNumber(p.E)).toBeCloseTo(LAW.E, 3);
    expect(decodeNumber(p.alpha)).toBeCloseTo(LAW.alpha, 3);
    expect(decodeNumber(p.beta)).toBeCloseTo(LAW.beta, 3);
    expect(decodeNumber(p.a)).toBeCloseTo(LAW.beta / (LAW.alpha + LAW.beta), 3);
    expect(view.intervals).toBeNull();
    expect(view.holdout!.meanAbsRelativeError).toBeLessThan(1e-4);
    const at = view.frontier[24]!;
    expect(decodeNumber(at.loss)).toBeCloseTo(computeOptimalAllocation(LAW, at.C).loss, 3);
  });

  it('gives 80 and 95 % intervals from the bootstrap, pushing progress under the task id the caller can work out', async () => {
    const input = { group: 'ladder', bootstrap: 60 };
    const view = await value<ScalingFitView>(call('getScalingFit', input));
    expect(view.task).toBe(scalingTaskId('fit', input));
    expect(view.bootstrap).toMatchObject({ requested: 60, completed: 60, cancelled: false });
    const alpha = view.intervals!.alpha;
    expect(alpha.samples).toBe(60);
    expect(decodeNumber(alpha.p95[0])).toBeLessThanOrEqual(decodeNumber(alpha.p80[0]));
    expect(decodeNumber(alpha.p80[1])).toBeLessThanOrEqual(decodeNumber(alpha.p95[1]));
    expect(view.frontier[0]!.p95).not.toBeNull();
    const progress = progressOf(view.task);
    expect(progress.at(-1)).toEqual({ type: 'task-progress', task: view.task, done: 60, total: 60 });

    const before = events.length;
    const again = await value<ScalingFitView>(call('getScalingFit', input));
    expect(again).toEqual(view);
    expect(events.length).toBe(before);
  });

  it('does not refit when a sync touches only a run the fit leaves out', async () => {
    const input = { group: 'ladder', bootstrap: 60 };
    const view = await value<ScalingFitView>(call('getScalingFit', input));
    expect(view.skipped.map((s) => s.runId)).toEqual(['r-training']);
    cache.sqlite.prepare("UPDATE runs SET synced_at = '2099-01-01T00:00:00.000Z', point_count = point_count + 1 WHERE id = 'r-training'").run();
    const before = events.length;
    const after = await value<ScalingFitView>(call('getScalingFit', input));
    expect(after.dataVersion).not.toBe(view.dataVersion);
    expect(after.intervals).toEqual(view.intervals);
    expect(events.length).toBe(before);
  });

  it('leaves an excluded run out of the fit, shows it marked with its reason, and takes it back', async () => {
    const exclude = await value<{ exclusionScope: string }>(call('setFitExclusion', { group: 'ladder', runId: 'r-3', excluded: true, reason: 'outlier' }));
    expect(exclude.exclusionScope).toBe('group:ladder|metric:eval/c4/loss');
    expect(events.at(-1)).toMatchObject({ type: 'data-changed', scopes: ['settings'] });
    const view = await value<ScalingFitView>(call('getScalingFit', { group: 'ladder' }));
    expect(view.fit!.n).toBe(23);
    expect(view.points.find((p) => p.runId === 'r-3')).toMatchObject({ excluded: true, exclusionReason: 'outlier', predicted: null });
    await value(call('setFitExclusion', { group: 'ladder', runId: 'r-3', excluded: false }));
    expect((await value<ScalingFitView>(call('getScalingFit', { group: 'ladder' }))).fit!.n).toBe(24);
  });

  it('refuses a run outside the scope, an unknown group, and a group with an ablation', async () => {
    expect(await call('setFitExclusion', { group: 'ladder', runId: 'r-30', excluded: true })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await call('getScalingFit', { group: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No runs in group "nope".' } });
    expect(await call('getScalingFit', { group: 'ladder', ablation: 'abl-2x' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('predictAt', () => {
  it('predicts the compute-optimal allocation at a target compute, with how far it reaches and a warning beyond 10×', async () => {
    const view = await value<ScalingFitView>(call('getScalingFit', { group: 'ladder' }));
    const C = view.fit!.maxCompute * 100;
    const prediction = await value<ScalingPrediction>(call('predictAt', { group: 'ladder', targetCompute: C }));
    const truth = computeOptimalAllocation(LAW, C);
    expect(decodeNumber(prediction.N.estimate) / truth.N).toBeCloseTo(1, 2);
    expect(decodeNumber(prediction.tokensPerParameter.estimate) / truth.tokensPerParameter).toBeCloseTo(1, 2);
    expect(decodeNumber(prediction.loss.estimate)).toBeCloseTo(truth.loss, 3);
    expect(prediction.extrapolationFactor).toBeCloseTo(100, 9);
    expect(prediction.warning).toMatch(/reaches 100× beyond the largest compute/);
  });

  it('predicts the loss of a given N and D', async () => {
    const prediction = await value<ScalingPrediction>(call('predictAt', { group: 'ladder', targetN: 1e9, targetD: 2e10, bootstrap: 60 }));
    expect(prediction.mode).toBe('size');
    expect(decodeNumber(prediction.loss.estimate)).toBeCloseTo(LAW.E + LAW.A / 1e9 ** LAW.alpha + LAW.B / 2e10 ** LAW.beta, 3);
    expect(prediction.loss.samples).toBe(60);
    expect(prediction.warning).toBeNull();
  });
});

describe('cancelTask', () => {
  it('stops a bootstrap between resamples; the intervals use what was done, other calls are answered meanwhile', async () => {
    const input = { group: 'ladder', bootstrap: MAX_API_BOOTSTRAP };
    const task = scalingTaskId('fit', input);
    const pending = call<ScalingFitView>('getScalingFit', input);
    await expect.poll(() => progressOf(task).length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect((await call<{ scopes: unknown[] }>('listScalingScopes', {})).ok).toBe(true);
    expect(await value(call('cancelTask', { task }))).toEqual({ cancelled: true });
    const view = await value(pending);
    expect(view.bootstrap!.cancelled).toBe(true);
    expect(view.bootstrap!.completed).toBeLessThan(MAX_API_BOOTSTRAP);
    expect(view.intervals!.E.samples).toBe(view.bootstrap!.completed - view.bootstrap!.failed);
    expect(await value(call('cancelTask', { task }))).toEqual({ cancelled: false });
  });
});

describe('a fit without intervals', () => {
  it('reports the starting points it has searched, and stops on cancel with a cancelled error; asked again, it fits', async () => {
    const input = { group: 'ladder', lastPercent: 50 };
    const task = scalingTaskId('fit', { ...input, bootstrap: 0 });
    const pending = call<ScalingFitView>('getScalingFit', input);
    await expect.poll(() => progressOf(task).length, { timeout: 60_000 }).toBeGreaterThan(0);
    // Both fits, the fit and its holdout refit, count as one task.
    expect(progressOf(task)[0]!.total).toBe(2 * 5400);
    expect(await value(call('cancelTask', { task }))).toEqual({ cancelled: true });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'cancelled', message: 'The fit was cancelled.' } });
    const view = await value<ScalingFitView>(call('getScalingFit', input));
    expect(view.fit!.n).toBe(24);
    expect(progressOf(task).at(-1)).toMatchObject({ done: 2 * 5400, total: 2 * 5400 });
  });
});

describe('getAblationScaling', () => {
  it('finds the multiplier of a variant that is the baseline with twice the compute: 2× at every scale, holding', async () => {
    const view = await value<AblationScalingView>(call('getAblationScaling', { ablation: 'abl-2x', bootstrap: 100, targetCompute: 1e22 }));
    expect(view.error).toBeNull();
    expect(view.baseline).toBe('base');
    expect(view.arms.map((a) => [a.key, a.n, a.warnings, a.identifiability?.identifiable])).toEqual([['base', 8, [], true], ['twice', 8, [], true]]);
    const twice = view.variants[0]!;
    expect(twice.key).toBe('twice');
    expect(decodeNumber(twice.atTarget!.multiplier.estimate)).toBeCloseTo(2, 1);
    expect(twice.atTarget!.multiplier.samples).toBeGreaterThan(0);
    expect(twice.verdict).toMatchObject({ kind: 'holds', text: 'The gain holds with scale', atCompute: twice.dataRange[1] });
    expect(decodeNumber(twice.verdict.multiplier.p95[0])).toBeGreaterThan(1);
    expect(twice.curve.every((p) => Math.abs(decodeNumber(p.multiplier.estimate) - 2) < 0.05)).toBe(true);
  });

  it('reads the multiplier along the power laws in compute when every arm ran at one tokens-per-parameter ratio', async () => {
    const view = await value<AblationScalingView>(call('getAblationScaling', { ablation: 'abl-ray', bootstrap: 20 }));
    expect(view.error).toBeNull();
    expect(view.method).toBe('design-ratio');
    expect(view.methodNote).toMatch(/^Every arm was trained at one tokens-per-parameter ratio \(base 20, twice 20\)/);
    expect(view.arms.map((a) => [a.key, a.ratio, a.params, a.law !== null])).toEqual([
      ['base', expect.closeTo(20, 6), null, true],
      ['twice', expect.closeTo(20, 6), null, true],
    ]);
    const twice = view.variants[0]!;
    // The truth along the ratio: the compute at which the baseline's law reaches the variant's loss.
    const C = view.targetCompute;
    const N = Math.sqrt(C / 120);
    const target = predictLoss(TWICE, N, 20 * N);
    const grid = logSpaced(C / 100, C * 100, 20001);
    const needed = grid.find((c) => predictLoss(LAW, Math.sqrt(c / 120), 20 * Math.sqrt(c / 120)) <= target)!;
    expect(decodeNumber(twice.atTarget!.multiplier.estimate) / (needed / C)).toBeCloseTo(1, 2);
    expect(twice.atTarget!.multiplier.samples).toBe(20);
    // 20 resamples are too few for a verdict: none is given rather than a provisional one.
    expect(twice.verdict.kind).toBe('pending');
    expect(view.bootstrap).toMatchObject({ requested: 20, completed: 20, cancelled: false });
  });
});
