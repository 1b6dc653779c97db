// The sync engine: brings the SQLite cache in line with the lab store. It lists the store, takes
// out what disappeared, then reads every new or changed file — metrics from where the last pass
// stopped. Every file's read position commits with the rows it produced, so a pass killed at any
// instant and started again ends with the database one clean pass gives.
import { beginAlertPass, endAlertPass } from '../alerts/alert-pass';
import { closeAlertPass } from '../alerts/run-alerts';
import type { CacheDatabase } from '../db/open-cache-database';
import { StoreEntityWriter } from './store-entity-writer';
import { EventLoopPacer, inTransaction, type SyncContext } from './sync-context';
import { retractStoreFile, removeRunEverywhere } from './retract-store-file';
import { reconcileEventReferences } from './event-references';
import { endsThePass } from './file-failure';
import { recordFileFailure, syncRefusedEntry } from './sync-document-file';
import { loadSyncFileRows, SyncFileStore } from './sync-file-rows';
import { SyncProgressTracker, type SyncProgress } from './sync-progress';
import { syncRunMetrics } from './sync-run-metrics';
import {
  syncAblationFile,
  syncEventFile,
  syncProposalFile,
  syncRunFile,
  syncRunStatusFile,
  syncStoreMarker,
  syncTeamFile,
} from './sync-store-documents';
import { SyncTally, type SyncSummary } from './sync-summary';
import { MetricsReadAhead } from './metrics-read';
import { defaultParseWorkerFile, MetricsParseWorker } from './parsed-chunk-streams';
import { TransactionBatch, type TransactionBatchLimits } from './transaction-batch';
import type { StoreTransport } from '../store-access/store-transport';
import { walkLabStore, type WalkedFile } from './walk-lab-store';
import { readSyncSummaryTail } from './sync-totals';

export interface SyncLabStoreOptions {
  db: CacheDatabase;
  transport: StoreTransport;
  onProgress?: (progress: SyncProgress) => void;
  signal?: AbortSignal;
  /** Bytes read per metrics chunk (one transaction each). */
  chunkBytes?: number;
  /** Minimum time between progress reports. */
  progressIntervalMs?: number;
  /** When the pass commits its work (every ~50,000 points or 250 ms by default). */
  batchLimits?: TransactionBatchLimits;
  /**
   * The bundled metrics parse worker; by default metrics-parse-worker.mjs beside the running bundle
   * when there is one. Null parses in this thread. Used only when a pass has enough to read.
   */
  parseWorkerFile?: string | null;
}

/** Below this many metrics bytes to read, starting a worker costs more than it saves. */
const PARSE_WORKER_MIN_BYTES = 8 * 1024 * 1024;

const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** One pass at a time per connection: two interleaved passes would read the same bytes twice. */
const running = new WeakMap<object, Promise<unknown>>();

export function syncLabStore(options: SyncLabStoreOptions): Promise<SyncSummary> {
  const key = options.db.sqlite;
  const previous = running.get(key) ?? Promise.resolve();
  const pass = previous.catch(() => undefined).then(() => runSyncPass(options));
  running.set(key, pass);
  return pass;
}

function loadLabStoreRuns(ctx: SyncContext): void {
  const rows = ctx.sqlite.prepare("SELECT id, pk FROM runs WHERE source = 'labstore'").all() as Array<{ id: string; pk: number }>;
  for (const { id, pk } of rows) ctx.runs.set(id, pk);
  // A run whose run.json the cache has no record of cannot be trusted (an interrupted older cache): it goes.
  const orphans = rows.filter(({ id }) => ctx.files.known.get(`runs/${id}/run.json`)?.kind !== 'run');
  if (orphans.length > 0) inTransaction(ctx.sqlite, () => orphans.forEach(({ id }) => removeRunEverywhere(ctx, id)));
}

function bytesToRead(ctx: SyncContext, file: WalkedFile): number {
  const known = ctx.files.known.get(file.path);
  if (known && known.kind === file.kind && known.size === file.size && known.mtimeMs === file.mtimeMs) return 0;
  if (file.kind === 'run-metrics' && known?.kind === 'run-metrics' && file.size >= known.size) return file.size - known.offset;
  return Math.max(0, file.size);
}

async function syncWalkedFile(ctx: SyncContext, file: WalkedFile): Promise<void> {
  switch (file.kind) {
    case 'store-marker':
      return syncStoreMarker(ctx, file);
    case 'team':
      return syncTeamFile(ctx, file);
    case 'run':
      return syncRunFile(ctx, file);
    case 'run-status':
      return syncRunStatusFile(ctx, file);
    case 'run-metrics':
      return syncRunMetrics(ctx, file);
    case 'ablation':
      return syncAblationFile(ctx, file);
    case 'proposal':
      return syncProposalFile(ctx, file);
    case 'event':
      return syncEventFile(ctx, file);
    case 'missing':
      return syncRefusedEntry(ctx, file, () => removeRunEverywhere(ctx, file.id!));
    case 'refused':
      return syncRefusedEntry(ctx, file);
  }
}

async function syncWalkedFiles(ctx: SyncContext, walked: WalkedFile[], parseWorkerFile: string | null | undefined): Promise<void> {
  const { files, progress } = ctx;
  loadLabStoreRuns(ctx);

  // What left the store leaves the cache first, so a returning file is read as new.
  const present = new Set(walked.map((f) => f.path));
  const gone = [...files.known.values()].filter((row) => !present.has(row.path));
  if (gone.length > 0) {
    inTransaction(ctx.sqlite, () => {
      for (const row of gone) {
        if (!files.known.has(row.path)) continue;
        retractStoreFile(ctx, row);
        files.forget(row.path);
      }
    });
    ctx.tally.issues = true;
  }

  progress.state.phase = 'reading';
  progress.state.filesTotal = walked.length;
  progress.state.bytesTotal = walked.reduce((sum, file) => sum + bytesToRead(ctx, file), 0);
  progress.emit(true);
  const metricsBytes = walked.reduce((sum, file) => sum + (file.kind === 'run-metrics' ? bytesToRead(ctx, file) : 0), 0);
  const workerFile = parseWorkerFile === undefined ? defaultParseWorkerFile() : parseWorkerFile;
  if (workerFile && metricsBytes >= PARSE_WORKER_MIN_BYTES) {
    const worker = new MetricsParseWorker(workerFile);
    ctx.parsing = { worker, readAhead: new MetricsReadAhead(ctx, walked, worker) };
  }
  for (const [index, file] of walked.entries()) {
    await ctx.pace.yieldIfDue();
    ctx.signal?.throwIfAborted();
    ctx.parsing.readAhead?.advance(index);
    try {
      await syncWalkedFile(ctx, file);
    } catch (error) {
      if (endsThePass(error, ctx.signal)) throw error;
      recordFileFailure(ctx, file, error);
    }
    ctx.batch.commitIfDue(ctx.tally.points);
    progress.state.filesDone++;
    progress.state.runsUpdated = ctx.tally.updatedRuns.size;
    progress.emit();
  }
}

async function runSyncPass(options: SyncLabStoreOptions): Promise<SyncSummary> {
  const started = Date.now();
  const { sqlite } = options.db;
  const now = new Date(started).toISOString();
  const files = new SyncFileStore(sqlite, loadSyncFileRows(sqlite), now);
  const progress = new SyncProgressTracker(options.onProgress, options.progressIntervalMs);
  const ctx: SyncContext = {
    sqlite,
    transport: options.transport,
    files,
    entities: new StoreEntityWriter(sqlite),
    tally: new SyncTally(),
    progress,
    now,
    signal: options.signal,
    chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
    runs: new Map(),
    pace: new EventLoopPacer(),
    batch: new TransactionBatch(sqlite, options.batchLimits),
    parsing: { worker: null, readAhead: null },
  };
  progress.emit(true);
  options.signal?.throwIfAborted();
  const walked = await walkLabStore(options.transport);
  const alertPass = beginAlertPass(sqlite, now);
  let alerts: number[];
  try {
    try {
      ctx.batch.open(0);
      await syncWalkedFiles(ctx, walked, options.parseWorkerFile);
    } finally {
      ctx.parsing.readAhead?.close();
      await ctx.parsing.worker?.close();
      ctx.batch.close();
    }
    alerts = closeAlertPass(sqlite, alertPass);
  } finally {
    endAlertPass(sqlite);
  }
  if (reconcileEventReferences(sqlite, now)) ctx.tally.issues = true;
  ctx.entities.setCacheState('last_sync_at', now);
  progress.state.phase = 'done';
  progress.state.bytesTotal = Math.max(progress.state.bytesTotal, progress.state.bytesDone);
  progress.emit(true);

  const changed = ctx.tally.changes();
  return {
    runs: { new: ctx.tally.newRuns.size, updated: ctx.tally.updatedRuns.size, removed: ctx.tally.removedRuns.size },
    points: ctx.tally.points,
    proposals: changed.proposals.length,
    ablations: changed.ablations.length,
    events: changed.events.length,
    ...readSyncSummaryTail(sqlite),
    changed,
    filesScanned: walked.length,
    bytesRead: ctx.tally.bytesRead,
    durationMs: Date.now() - started,
    parsedInWorker: ctx.parsing.worker !== null,
    alerts,
  };
}
