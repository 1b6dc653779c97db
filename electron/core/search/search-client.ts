// The core's side of the search worker: one query at a time, each with a time budget. A query past its
// budget, or one its caller gave up on (the HTTP request closed), is stopped by ending the worker
// thread, the only way to stop a running SQLite statement from better-sqlite3; the next query starts a
// new one. Queries waiting their turn are dropped when their caller leaves, never run.
import { Worker } from 'node:worker_threads';
import type { SearchReply, SearchRequest, SearchTask, SearchWorkerInit } from './search-messages';

/** Long enough for any search of a real lab (they take milliseconds), short enough that nobody waits long. */
export const SEARCH_BUDGET_MS = 5000;

export class SearchTaskError extends Error {
  constructor(
    readonly kind: 'over-budget' | 'cancelled' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'SearchTaskError';
  }
}

export interface SearchClient {
  run<T>(task: SearchTask, options?: { signal?: AbortSignal; budgetMs?: number }): Promise<T>;
  close(): Promise<void>;
}

interface Job {
  id: number;
  task: SearchTask;
  budgetMs: number;
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
  detach(): void;
}

export function createSearchClient(workerFile: string, init: SearchWorkerInit, log: (message: string) => void = () => {}): SearchClient {
  const queue: Job[] = [];
  let running: Job | null = null;
  let worker: Worker | null = null;
  let closed = false;
  let nextId = 1;

  const finish = (job: Job, outcome: { value: unknown } | { error: Error }) => {
    clearTimeout(job.timer);
    job.detach();
    if (running === job) running = null;
    if ('error' in outcome) job.reject(outcome.error);
    else job.resolve(outcome.value);
    pump();
  };

  /** Ends the worker under a running query; its replies, if any were on their way, are ignored. */
  const stopWorker = () => {
    const w = worker;
    worker = null;
    void w?.terminate();
  };

  const start = (): Worker => {
    const w = new Worker(workerFile, { workerData: init });
    w.on('message', (reply: SearchReply) => {
      if (w !== worker || running?.id !== reply.id) return;
      finish(running, reply.type === 'done' ? { value: reply.result } : { error: new SearchTaskError('failed', reply.message) });
    });
    w.on('error', (error) => log(`search worker error: ${error.stack ?? error.message}`));
    w.on('exit', (code) => {
      if (w !== worker) return;
      worker = null;
      if (running) finish(running, { error: new SearchTaskError('failed', `The search worker stopped (exit code ${code}).`) });
    });
    return w;
  };

  function pump(): void {
    if (closed || running || queue.length === 0) return;
    const job = queue.shift()!;
    running = job;
    worker ??= start();
    job.timer = setTimeout(() => {
      stopWorker();
      finish(job, { error: new SearchTaskError('over-budget', `The search took longer than ${job.budgetMs / 1000} s and was stopped, so that it holds up nothing else. Narrow it down and try again.`) });
    }, job.budgetMs);
    worker.postMessage({ type: 'run', id: job.id, task: job.task } satisfies SearchRequest);
  }

  return {
    run<T>(task: SearchTask, options: { signal?: AbortSignal; budgetMs?: number } = {}): Promise<T> {
      if (closed) return Promise.reject(new SearchTaskError('failed', 'The core is closing.'));
      const { signal } = options;
      if (signal?.aborted) return Promise.reject(new SearchTaskError('cancelled', 'The search was cancelled.'));
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          const cancelled = new SearchTaskError('cancelled', 'The search was cancelled.');
          if (running === job) {
            stopWorker();
            finish(job, { error: cancelled });
          } else {
            queue.splice(queue.indexOf(job), 1);
            job.detach();
            reject(cancelled);
          }
        };
        const job: Job = {
          id: nextId++,
          task,
          budgetMs: options.budgetMs ?? SEARCH_BUDGET_MS,
          resolve: resolve as (value: unknown) => void,
          reject,
          detach: () => signal?.removeEventListener('abort', onAbort),
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(job);
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) finish(job, { error: new SearchTaskError('failed', 'The core closed.') });
      if (running) finish(running, { error: new SearchTaskError('failed', 'The core closed.') });
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
