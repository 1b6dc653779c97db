// Worker-thread entry of the compute work: scaling fits and their bootstraps run here, on their own
// read-only cache connection, so the core keeps answering API calls while a bootstrap runs.
// Tasks interleave: a bootstrap yields between resamples, so a short fit asked for meanwhile
// runs in one of those gaps instead of waiting for the whole bootstrap.
import type Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { openCacheDatabase, type CacheDatabase } from '../db/open-cache-database';
import { FitCancelledError } from '../../../shared/scaling';
import { ScalingScopeError } from '../queries/scaling-scope';
import type { ComputeReply, ComputeRequest, ComputeTask, ComputeWorkerInit } from '../scaling/compute-messages';
import { runAblationTask, runScalingFitTask, ScalingBaseMemo } from '../scaling/run-compute-task';

const port = parentPort;
if (!port) throw new Error('compute-worker must run in a worker thread');
const post = (message: ComputeReply) => port.postMessage(message);
const init = workerData as ComputeWorkerInit;

/** Progress messages are sent at most this often (and once at the end). */
const PROGRESS_EVERY_MS = 100;

let cache: CacheDatabase | null = null;
function sqlite(): Database.Database {
  cache ??= openCacheDatabase({ file: init.dbFile, migrationsDir: init.migrationsDir, nativeBinding: init.nativeBinding, readonly: true });
  return cache.sqlite;
}

const memo = new ScalingBaseMemo();
/** Lets messages (a cancellation) in between bootstrap slices, however many bootstraps interleave. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
const running = new Map<number, { aborted: boolean }>();

async function run(id: number, task: ComputeTask): Promise<void> {
  const signal = { aborted: false };
  running.set(id, signal);
  let lastSent = 0;
  const onProgress = (done: number, total: number) => {
    const now = Date.now();
    if (done < total && now - lastSent < PROGRESS_EVERY_MS) return;
    lastSent = now;
    post({ type: 'progress', id, done, total });
  };
  try {
    const result =
      task.kind === 'scaling-fit'
        ? await runScalingFitTask(sqlite(), task, { onProgress, signal, yieldToEventLoop }, memo)
        : await runAblationTask(sqlite(), task, { onProgress, signal, yieldToEventLoop }, memo);
    post({ type: 'done', id, result });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const kind = error instanceof ScalingScopeError ? 'scope' : error instanceof FitCancelledError ? 'cancelled' : 'internal';
    post({ type: 'failed', id, kind, message });
  } finally {
    running.delete(id);
  }
}

port.on('message', (request: ComputeRequest) => {
  if (request.type === 'run') {
    void run(request.id, request.task);
  } else if (request.type === 'cancel') {
    const signal = running.get(request.id);
    if (signal) signal.aborted = true;
  } else if (request.type === 'stop') {
    for (const signal of running.values()) signal.aborted = true;
    cache?.close();
    cache = null;
    post({ type: 'stopped' });
    port.close();
  }
});
