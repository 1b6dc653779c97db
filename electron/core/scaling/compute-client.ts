// The core's side of the compute worker: started on the first task, one promise per task, progress
// relayed to a callback, cancellation by task. A worker that dies fails its tasks and is started
// again by the next one.
import { Worker } from 'node:worker_threads';
import type { ComputeFailureKind, ComputeReply, ComputeRequest, ComputeTask, ComputeWorkerInit } from './compute-messages';

export class ComputeTaskError extends Error {
  constructor(
    readonly kind: ComputeFailureKind | 'unavailable',
    message: string,
  ) {
    super(message);
    this.name = 'ComputeTaskError';
  }
}

export interface ComputeJob<T> {
  promise: Promise<T>;
  /** Asks the task to stop; a bootstrap then resolves with the resamples it has (`cancelled: true`). */
  cancel(): void;
}

export interface ComputeClient {
  run<T>(task: ComputeTask, onProgress?: (done: number, total: number) => void): ComputeJob<T>;
  close(): Promise<void>;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (done: number, total: number) => void;
}

export function createComputeClient(workerFile: string, init: ComputeWorkerInit, log: (message: string) => void = () => {}): ComputeClient {
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new ComputeTaskError('unavailable', message));
    pending.clear();
  };

  const start = (): Worker => {
    const w = new Worker(workerFile, { workerData: init });
    w.on('message', (message: ComputeReply) => {
      if (message.type === 'stopped') return;
      const p = pending.get(message.id);
      if (!p) return;
      if (message.type === 'progress') {
        p.onProgress?.(message.done, message.total);
        return;
      }
      pending.delete(message.id);
      if (message.type === 'done') p.resolve(message.result);
      else p.reject(new ComputeTaskError(message.kind, message.message));
    });
    w.on('error', (error) => {
      log(`compute worker error: ${error.stack ?? error.message}`);
      failAll(`The compute worker stopped: ${error.message}`);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size > 0) failAll(`The compute worker exited (code ${code}).`);
    });
    return w;
  };

  const send = (request: ComputeRequest) => worker?.postMessage(request);

  return {
    run<T>(task: ComputeTask, onProgress?: (done: number, total: number) => void): ComputeJob<T> {
      if (closed) return { promise: Promise.reject(new ComputeTaskError('unavailable', 'The core is closing.')), cancel() {} };
      worker ??= start();
      const id = nextId++;
      const promise = new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
      });
      send({ type: 'run', id, task });
      return { promise, cancel: () => send({ type: 'cancel', id }) };
    },
    async close() {
      if (closed) return;
      closed = true;
      const w = worker;
      if (!w) return;
      const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
      w.postMessage({ type: 'stop' } satisfies ComputeRequest);
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 3000).unref());
      await Promise.race([exited, timeout]);
      await w.terminate();
      failAll('The core closed.');
    },
  };
}
