// Groups the per-file transactions of a pass into fewer commits. Each file's work still runs as
// one transaction function (a savepoint inside the batch), so its rows, issues and read position
// stay together: a batch that never commits (a killed process) loses whole files, never part of
// one. A commit costs a write of every page touched, so committing every ~50,000 points or 250 ms,
// rather than after every small run.json, saves most of it while keeping the write lock short.
import type Database from 'better-sqlite3';

export interface TransactionBatchLimits {
  maxPoints: number;
  maxMs: number;
}

export const DEFAULT_BATCH_LIMITS: TransactionBatchLimits = { maxPoints: 50_000, maxMs: 250 };

export class TransactionBatch {
  private openedAt = 0;
  private pointsAtOpen = 0;
  private readonly begin: Database.Statement;
  private readonly commitStatement: Database.Statement;
  private readonly rollbackStatement: Database.Statement;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly limits: TransactionBatchLimits = DEFAULT_BATCH_LIMITS,
  ) {
    this.begin = sqlite.prepare('BEGIN IMMEDIATE');
    this.commitStatement = sqlite.prepare('COMMIT');
    this.rollbackStatement = sqlite.prepare('ROLLBACK');
  }

  open(pointsSoFar: number): void {
    if (this.sqlite.inTransaction) return;
    this.begin.run();
    this.openedAt = Date.now();
    this.pointsAtOpen = pointsSoFar;
  }

  /** Commits when the batch holds enough points or has been open long enough, and opens the next. */
  commitIfDue(pointsSoFar: number): void {
    if (!this.sqlite.inTransaction) return this.open(pointsSoFar);
    if (pointsSoFar - this.pointsAtOpen < this.limits.maxPoints && Date.now() - this.openedAt < this.limits.maxMs) return;
    this.commitStatement.run();
    this.open(pointsSoFar);
  }

  /** Ends the batch: commits the files it completed, or rolls back if the commit itself fails (a full disk). */
  close(): void {
    if (!this.sqlite.inTransaction) return;
    try {
      this.commitStatement.run();
    } catch (error) {
      if (this.sqlite.inTransaction) this.rollbackStatement.run();
      throw error;
    }
  }
}
