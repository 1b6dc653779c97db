// Everything one sync pass shares: the connection, the transport, the file-state rows, the entity
// writer, what changed so far, and the runs the store currently defines.
import type Database from 'better-sqlite3';
import type { StoreTransport } from '../store-access/store-transport';
import type { StoreEntityWriter } from './store-entity-writer';
import type { SyncFileStore } from './sync-file-rows';
import type { SyncProgressTracker } from './sync-progress';
import type { SyncTally } from './sync-summary';
import type { TransactionBatch } from './transaction-batch';
import type { MetricsParseWorker } from './parsed-chunk-streams';
import type { MetricsReadAhead } from './metrics-read';

export interface SyncContext {
  sqlite: Database.Database;
  transport: StoreTransport;
  files: SyncFileStore;
  entities: StoreEntityWriter;
  tally: SyncTally;
  progress: SyncProgressTracker;
  /** Timestamp of this pass, written to runs.synced_at and sync_issues.seen_at. */
  now: string;
  signal?: AbortSignal;
  chunkBytes: number;
  /** Runs of the store that the cache holds: id → runs.pk. */
  runs: Map<string, number>;
  pace: EventLoopPacer;
  batch: TransactionBatch;
  /** How metrics are parsed this pass: in this thread, or by a worker reading a few files ahead. */
  parsing: { worker: MetricsParseWorker | null; readAhead: MetricsReadAhead | null };
}

/**
 * Reads and inserts are synchronous underneath, so a pass would otherwise never give the event
 * loop a turn: this returns to it every 50 ms, so messages (stop, sync now) and timers get through.
 */
export class EventLoopPacer {
  private last = Date.now();

  async yieldIfDue(): Promise<void> {
    if (Date.now() - this.last < 50) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.last = Date.now();
  }
}

/** The run id of a path under runs/<run-id>/. */
export function runIdOfPath(path: string): string {
  return path.split('/')[1]!;
}

/**
 * Runs `work` as one transaction: a savepoint inside the pass's open batch, or an immediate
 * transaction of its own (the write lock taken up front, so no upgrade deadlock) outside one.
 */
export function inTransaction<T>(sqlite: Database.Database, work: () => T): T {
  return sqlite.transaction(work).immediate();
}
