// Results of compute-worker tasks kept in memory by a key that names their inputs (scope, metric,
// exclusions, data version, bootstrap size), so a page that renders again, or a second window,
// gets the same result without refitting. Identical requests in flight share one task; each
// caller's task id receives its progress and can cancel it. A cancelled result is handed to its
// callers but not kept.
import type { ComputeJob } from '../host/compute-client';

interface Entry<T> {
  promise: Promise<T>;
  taskIds: Set<string>;
  cancel(): void;
  settled: boolean;
}

export class ComputationCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly capacity: number,
    private readonly isPartial: (result: T) => boolean,
  ) {}

  get(key: string, taskId: string, start: (onProgress: (done: number, total: number) => void) => ComputeJob<T>, onProgress: (taskId: string, done: number, total: number) => void): Promise<T> {
    const found = this.entries.get(key);
    if (found) {
      found.taskIds.add(taskId);
      this.entries.delete(key);
      this.entries.set(key, found);
      return found.promise;
    }
    const taskIds = new Set([taskId]);
    const job = start((done, total) => {
      for (const id of taskIds) onProgress(id, done, total);
    });
    const entry: Entry<T> = { promise: job.promise, taskIds, cancel: job.cancel, settled: false };
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    job.promise.then(
      (result) => {
        entry.settled = true;
        if (this.isPartial(result)) forget();
        this.evict();
      },
      forget,
    );
    return job.promise;
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

  /** Oldest settled results go first; running tasks are never dropped. */
  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.capacity) return;
      if (entry.settled) this.entries.delete(key);
    }
  }
}
