// The host side of the core worker: a promise per call, push events fanned out to listeners.
// Electron's IPC and the HTTP server both talk to the core through this one client.
import { Worker } from 'node:worker_threads';
import { apiFail, type ApiResult } from '../../../shared/api/api-result';
import type { PushEvent } from '../../../shared/api/push-events';
import type { HandlerContext } from '../api/handlers';
import type { CoreServiceOptions } from './core-service';
import type { CoreWorkerMessage, CoreWorkerRequest } from './core-worker-messages';

export interface CoreClient {
  call(method: string, input: unknown, ctx: HandlerContext): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
  close(): Promise<void>;
}

export async function startCoreWorker(
  workerFile: string,
  options: Omit<CoreServiceOptions, 'log'>,
  log: (message: string) => void,
): Promise<CoreClient> {
  const worker = new Worker(workerFile, { workerData: options });
  const pending = new Map<number, (result: ApiResult<unknown>) => void>();
  const listeners = new Set<(event: PushEvent) => void>();
  let nextId = 1;
  let exited = false;

  const failAll = (message: string) => {
    for (const resolve of pending.values()) resolve(apiFail('unavailable', message));
    pending.clear();
  };

  await new Promise<void>((resolve, reject) => {
    worker.on('message', (message: CoreWorkerMessage) => {
      switch (message.type) {
        case 'ready':
          resolve();
          break;
        case 'start-failed':
          reject(new Error(message.message));
          break;
        case 'result':
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
          break;
        case 'event':
          for (const listener of listeners) listener(message.event);
          break;
        case 'log':
          log(message.message);
          break;
        case 'closed':
          break;
      }
    });
    worker.on('error', (error) => {
      log(`core worker error: ${error.stack ?? error.message}`);
      failAll(`The core stopped: ${error.message}`);
      reject(error);
    });
    worker.on('exit', () => {
      exited = true;
      failAll('The core has stopped.');
    });
  });

  return {
    call(method, input, { signal, ...ctx }) {
      if (exited) return Promise.resolve(apiFail('unavailable', 'The core has stopped.'));
      const id = nextId++;
      return new Promise((resolve) => {
        // The signal cannot cross to the worker: its abort is sent as a message.
        const cancel = () => worker.postMessage({ type: 'cancel', id } satisfies CoreWorkerRequest);
        signal?.addEventListener('abort', cancel, { once: true });
        pending.set(id, (result) => {
          signal?.removeEventListener('abort', cancel);
          resolve(result);
        });
        try {
          worker.postMessage({ type: 'call', id, method, input, ctx } satisfies CoreWorkerRequest);
        } catch (error) {
          // An input the structured clone cannot copy (nested thousands of levels deep) fails this call
          // alone, as a bad input, instead of rejecting and leaving its entry behind.
          pending.get(id)?.(apiFail('validation', `The input cannot be passed to the core: ${(error as Error).message}`));
          pending.delete(id);
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (exited) return;
      const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' } satisfies CoreWorkerRequest);
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 8000).unref());
      await Promise.race([done, timeout]);
      if (!exited) await worker.terminate();
    },
  };
}
