// Results of compute-worker tasks kept in memory by a key that names their inputs (scope, metric,
// exclusions, data version, bootstrap size), so a page that renders again, or a second window,
// gets the same result without refitting. Identical requests in flight share one task; each
// caller's task id receives its progress and can cancel it. A cancelled result is handed to its
// callers but not kept. A caller that gives up (its HTTP request closed: `signal`) stops waiting; once
// every caller of a running task has, the task is cancelled, so abandoned work does not go on.
import { ApiFailure } from '../../../shared/api/api-result';
import { LruCache } from '../../../shared/collections/lru-cache';
import type { ComputeJob } from './compute-client';

interface Entry<T> {
  promise: Promise<T>;
  taskIds: Set<string>;
  cancel(): void;
  settled: boolean;
  /** Callers still waiting; those without a signal never leave. */
  waiting: number;
}

export class ComputationCache<T> {
  /** Oldest settled results go first; running tasks are never dropped. */
  private readonly entries: LruCache<string, Entry<T>>;

  constructor(
    capacity: number,
    private readonly isPartial: (result: T) => boolean,
  ) {
    this.entries = new LruCache({ capacity, isPinned: (entry) => !entry.settled });
  }

  get(
    key: string,
    taskId: string,
    start: (onProgress: (done: number, total: number) => void) => ComputeJob<T>,
    onProgress: (taskId: string, done: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      found.taskIds.add(taskId);
      return this.wait(key, found, signal);
    }
    const taskIds = new Set([taskId]);
    const job = start((done, total) => {
      for (const id of taskIds) onProgress(id, done, total);
    });
    const entry: Entry<T> = { promise: job.promise, taskIds, cancel: job.cancel, settled: false, waiting: 0 };
    this.entries.set(key, entry);
    job.promise.then(
      (result) => {
        entry.settled = true;
        if (this.isPartial(result)) this.forget(key, entry);
        this.entries.trim();
      },
      () => this.forget(key, entry),
    );
    return this.wait(key, entry, signal);
  }

  private forget(key: string, entry: Entry<T>): void {
    if (this.entries.get(key) === entry) this.entries.delete(key);
  }

  /** The entry's result for one caller, who may give up first. */
  private wait(key: string, entry: Entry<T>, signal: AbortSignal | undefined): Promise<T> {
    entry.waiting++;
    if (!signal) return entry.promise;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        entry.waiting--;
        if (entry.waiting === 0 && !entry.settled) {
          // Nobody waits for it any more: stopped, and not kept for a later caller, who starts afresh.
          this.forget(key, entry);
          entry.cancel();
        }
        reject(new ApiFailure('cancelled', 'The caller went away; its computation was stopped.'));
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /** Cancels every running task that has this id among its callers. */
  cancel(taskId: string): boolean {
    let found = false;
    for (const entry of this.entries.values()) {
      if (!entry.settled && entry.taskIds.has(taskId)) {
        entry.cancel();
        found = true;
      }
    }
    return found;
  }
}
