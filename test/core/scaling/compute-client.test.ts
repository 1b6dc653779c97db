// The compute worker as the core drives it (dist/core/compute-worker.mjs, built by
// `node scripts/build.mjs`): progress, cancellation of an ablation's joint bootstrap, a task naming
// runs that do not exist, and closing while a task runs.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { ComputeTaskError, createComputeClient, type ComputeClient } from '../../../electron/core/scaling/compute-client';
import type { ComputeTask } from '../../../electron/core/scaling/compute-messages';
import type { AblationOutcome } from '../../../electron/core/scaling/run-compute-task';
import { logSpaced } from '../../../shared/scaling/index';
import { migrationsDir, publishedTableRuns, syncedScalingStore } from '../queries/scaling-store-fixture';

const LAW = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const workerFile = path.resolve(__dirname, '..', '..', '..', 'dist', 'core', 'compute-worker.mjs');
const sizes = logSpaced(5e7, 8e8, 4);

let cache: CacheDatabase;
let dbFile: string;
beforeAll(async () => {
  const runs = [
    ...publishedTableRuns(LAW, sizes, [10, 40], { ablation: 'abl', variant: 'base' }),
    ...publishedTableRuns({ ...LAW, B: LAW.B * 0.9 }, sizes, [10, 40], { ablation: 'abl', variant: 'var' }),
  ];
  ({ cache, dbFile } = await syncedScalingStore(runs, [{ id: 'abl', metric: 'loss', baseline: 'base' }]));
});
afterAll(() => cache?.close());

const ablationTask = (resamples: number): ComputeTask => ({
  kind: 'ablation-scaling',
  query: { scope: { ablation: 'abl' }, metric: 'loss', exclusions: [] },
  E: 'shared',
  resamples,
  seed: 1,
});

describe('the compute worker', () => {
  let client: ComputeClient;
  beforeAll(() => {
    client = createComputeClient(workerFile, { dbFile, migrationsDir });
  });
  afterAll(() => client?.close());

  it('reports progress and stops a joint bootstrap when cancelled, returning the resamples it has', async () => {
    const progress: number[] = [];
    const job: ReturnType<ComputeClient['run']> = client.run<AblationOutcome>(ablationTask(100_000), (done) => {
      progress.push(done);
      job.cancel();
    });
    const outcome = (await job.promise) as AblationOutcome;
    const bootstrap = outcome.computation.analysis!.bootstrap;
    expect(progress.length).toBeGreaterThan(0);
    expect(bootstrap.cancelled).toBe(true);
    expect(bootstrap.completed).toBeGreaterThanOrEqual(progress[0]!);
    expect(bootstrap.completed).toBeLessThan(100_000);
    expect(outcome.computation.analysis!.variants[0]!.key).toBe('var');
  });

  it('fails a task whose runs are not in the cache with a scope error, and keeps serving', async () => {
    const missing: ComputeTask = { ...ablationTask(0), query: { scope: { ablation: 'nope' }, metric: 'loss', exclusions: [] } } as ComputeTask;
    const error = await client.run(missing).promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ComputeTaskError);
    expect(error).toMatchObject({ kind: 'scope', message: 'No ablation "nope" in the cache.' });
    const outcome = await client.run<AblationOutcome>(ablationTask(0)).promise;
    expect(outcome.computation.error).toBeNull();
  });

  it('fails what is running when it closes, and refuses new tasks', async () => {
    const own = createComputeClient(workerFile, { dbFile, migrationsDir });
    const running = own.run(ablationTask(100_000));
    const failure = running.promise.catch((e: unknown) => e);
    await own.close();
    expect(await failure).toMatchObject({ kind: 'unavailable' });
    await expect(own.run(ablationTask(0)).promise).rejects.toMatchObject({ kind: 'unavailable', message: 'The core is closing.' });
  });
});
