// Worker-thread entry of the core: keeps SQLite, sync and fits off the Electron main thread
// and off the HTTP server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { createCoreService, type CoreServiceOptions } from './core-service';
import type { CoreWorkerMessage, CoreWorkerRequest } from './core-worker-messages';

const port = parentPort;
if (!port) throw new Error('core-worker must run in a worker thread');
const post = (message: CoreWorkerMessage) => port.postMessage(message);

try {
  const options = workerData as Omit<CoreServiceOptions, 'log'>;
  const core = createCoreService({ ...options, log: (message) => post({ type: 'log', message }) });
  core.onEvent((event) => post({ type: 'event', event }));
  const calls = new Map<number, AbortController>();
  port.on('message', (request: CoreWorkerRequest) => {
    if (request.type === 'call') {
      const controller = new AbortController();
      calls.set(request.id, controller);
      void core.call(request.method, request.input, { ...request.ctx, signal: controller.signal }).then((result) => {
        calls.delete(request.id);
        post({ type: 'result', id: request.id, result });
      });
    } else if (request.type === 'cancel') {
      calls.get(request.id)?.abort();
    } else if (request.type === 'close') {
      void core.close().then(() => {
        post({ type: 'closed' });
        port.close();
      });
    }
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
}
