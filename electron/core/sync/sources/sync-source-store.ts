// The sync pass for a TensorBoard log directory, an MLflow file store or a folder of W&B runs, over any transport (a
// local folder, SFTP). It lists the source, takes out the runs that disappeared (deleted in
// MLflow, folders removed), then reads each run's new bytes from its saved cursors. Runs become
// lab-store runs through the field mapping (runs.source says where they came from).
import { beginAlertPass, endAlertPass } from '../../alerts/alert-pass';
import { closeAlertPass } from '../../alerts/run-alerts';
import path from 'node:path';
import type { FieldMapping, SourceFormat } from '../../sources/field-mapping';
import { mappingFieldProblems } from '../../sources/field-mapping';
import { listTransportTree } from '../../sources/transport-access';
import { endsThePass, fileFailureIssue } from '../file-failure';
import { StoreEntityWriter } from '../store-entity-writer';
import { inTransaction } from '../sync-context';
import { loadSyncFileRows, SyncFileStore } from '../sync-file-rows';
import type { SyncLabStoreOptions } from '../sync-lab-store';
import { SyncProgressTracker } from '../sync-progress';
import { SyncTally, type SyncSummary } from '../sync-summary';
import { readSyncSummaryTail } from '../sync-totals';
import { isMlflowIgnoredDir, planMlflowRuns } from './mlflow-source';
import { reconcileDocumentIssues } from './reconcile-document-issues';
import { streamRowsByRun, type SourcePlan, type SourceRunPlan, type SourceStreamKind, type SourceSyncContext } from './source-sync-context';
import type { SourceListingEntry } from '../../sources/source-types';
import { removeSourceRun, syncSourceRun } from './sync-source-run';
import { planTensorboardRuns } from './tensorboard-source';
import { planWandbRuns } from './wandb-source';
import { isWandbIgnoredDir } from '../../sources/wandb/run-discovery';

export interface SyncSourceStoreOptions extends SyncLabStoreOptions {
  format: SourceFormat;
  fieldMapping?: FieldMapping;
}

const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const FORMAT_NAME: Record<SourceFormat, string> = { tensorboard: 'TensorBoard', mlflow: 'MLflow', wandb: 'W&B' };

const SKIP_DIR: Record<SourceFormat, ((relativeDir: string, name: string) => boolean) | undefined> = {
  tensorboard: undefined,
  mlflow: isMlflowIgnoredDir,
  wandb: isWandbIgnoredDir,
};
const PLAN: Record<SourceFormat, (ctx: SourceSyncContext, listing: SourceListingEntry[]) => SourcePlan | Promise<SourcePlan>> = {
  tensorboard: (_ctx, listing) => planTensorboardRuns(listing),
  mlflow: planMlflowRuns,
  wandb: (_ctx, listing) => planWandbRuns(listing),
};
const STREAM_KIND: Record<SourceFormat, SourceStreamKind> = { tensorboard: 'tensorboard-events', mlflow: 'mlflow-metrics', wandb: 'wandb-records' };

export class FieldMappingError extends Error {
  constructor(location: string, problems: string[]) {
    super(`The field mapping for ${location} cannot work: ${problems.join('; ')}.`);
    this.name = 'FieldMappingError';
  }
}

/** One pass at a time per connection: two interleaved passes would read the same bytes twice. */
const running = new WeakMap<object, Promise<unknown>>();

export function syncSourceStore(options: SyncSourceStoreOptions): Promise<SyncSummary> {
  const key = options.db.sqlite;
  const pass = (running.get(key) ?? Promise.resolve()).catch(() => undefined).then(() => runPassWithAlerts(options));
  running.set(key, pass);
  return pass;
}

/** Gives the event loop a turn every 50 ms: local reads underneath may be synchronous. */
function eventLoopPacer(): () => Promise<void> {
  let last = Date.now();
  return async () => {
    if (Date.now() - last < 50) return;
    await new Promise((resolve) => setImmediate(resolve));
    last = Date.now();
  };
}

function loadCachedRuns(ctx: SourceSyncContext): void {
  const rows = ctx.sqlite.prepare('SELECT id, pk, raw_json AS rawJson, source_fields_json AS fieldsJson FROM runs WHERE source = ?').all(ctx.format) as Array<{ id: string; pk: number; rawJson: string; fieldsJson: string | null }>;
  for (const { id, pk, rawJson, fieldsJson } of rows) ctx.runs.set(id, { pk, rawJson, fieldsJson });
}

/** Bytes the pass expects to read, for progress: what changed files hold beyond their saved offset. */
function bytesToRead(ctx: SourceSyncContext, plans: SourceRunPlan[]): number {
  let total = 0;
  for (const plan of plans) {
    for (const entry of plan.streams) {
      const row = ctx.files.known.get(entry.path);
      if (row && row.size === entry.size && row.mtimeMs === entry.mtimeMs) continue;
      total += Math.max(0, entry.size - (row && entry.size >= row.offset ? row.offset : 0));
    }
  }
  return total;
}

/** Takes out the runs that left the source, then brings every planned run up to date. */
async function syncPlannedRuns(ctx: SourceSyncContext, source: SourcePlan, kind: SourceStreamKind, signal: AbortSignal | undefined): Promise<void> {
  const plans = source.runs;
  const progress = ctx.progress;
  // What left the source leaves the cache first.
  const planned = new Set(plans.map((p) => p.id));
  const rowsByRun = streamRowsByRun(ctx.files, kind);
  const gone = [...ctx.runs.keys()].filter((id) => !planned.has(id));
  const orphanRows = [...rowsByRun.entries()].filter(([run]) => !planned.has(run) && !ctx.runs.has(run)).flatMap(([, rows]) => rows);
  if (gone.length > 0 || orphanRows.length > 0) {
    inTransaction(ctx.sqlite, () => {
      for (const id of gone) removeSourceRun(ctx, id);
      for (const row of orphanRows) ctx.files.forget(row.path);
    });
    ctx.tally.issues = true;
  }

  progress.state.phase = 'reading';
  progress.state.filesTotal = plans.reduce((n, p) => n + p.streams.length, 0);
  progress.state.bytesTotal = bytesToRead(ctx, plans);
  progress.emit(true);
  for (const plan of plans) {
    await ctx.pace();
    signal?.throwIfAborted();
    try {
      await syncSourceRun(ctx, plan, rowsByRun.get(plan.id) ?? []);
    } catch (error) {
      // Whatever a run's own files did (its record, a reader's bug), the other runs are synced.
      if (endsThePass(error, signal)) throw error;
      ctx.documentIssues.push(fileFailureIssue(plan.issuePath, error));
    }
    progress.state.filesDone += plan.streams.length;
    progress.state.runsUpdated = ctx.tally.updatedRuns.size;
    progress.emit();
  }
  await source.readPoints?.();
}

/** A pass with the detectors told about it, and what they found at its end. */
async function runPassWithAlerts(options: SyncSourceStoreOptions): Promise<SyncSummary> {
  const { sqlite } = options.db;
  const alertPass = beginAlertPass(sqlite, new Date().toISOString());
  try {
    const summary = await runPass(options);
    return { ...summary, alerts: closeAlertPass(sqlite, alertPass) };
  } finally {
    endAlertPass(sqlite);
  }
}

async function runPass(options: SyncSourceStoreOptions): Promise<Omit<SyncSummary, 'alerts'>> {
  const started = Date.now();
  const { sqlite } = options.db;
  const { format, transport } = options;
  const mapping = options.fieldMapping ?? {};
  const problems = mappingFieldProblems(mapping, format);
  if (problems.length > 0) throw new FieldMappingError(transport.location, problems);
  const now = new Date(started).toISOString();
  const progress = new SyncProgressTracker(options.onProgress, options.progressIntervalMs);
  const ctx: SourceSyncContext = {
    sqlite,
    transport,
    format,
    mapping,
    files: new SyncFileStore(sqlite, loadSyncFileRows(sqlite), now),
    entities: new StoreEntityWriter(sqlite),
    tally: new SyncTally(),
    progress,
    now,
    signal: options.signal,
    chunkBytes: options.chunkBytes ?? DEFAULT_CHUNK_BYTES,
    runs: new Map(),
    documentIssues: [],
    pace: eventLoopPacer(),
  };
  progress.emit(true);
  options.signal?.throwIfAborted();
  const listing = await listTransportTree(transport, SKIP_DIR[format]);
  loadCachedRuns(ctx);
  const plan = await PLAN[format](ctx, listing);
  try {
    await syncPlannedRuns(ctx, plan, STREAM_KIND[format], options.signal);
  } finally {
    plan.close?.();
  }
  reconcileDocumentIssues(ctx);
  inTransaction(sqlite, () => {
    ctx.entities.setCacheState('store_name', `${FORMAT_NAME[format]}: ${path.posix.basename(transport.location.replace(/\/+$/, '')) || transport.location}`);
    ctx.entities.setCacheState('last_sync_at', now);
  });
  progress.state.phase = 'done';
  progress.state.bytesTotal = Math.max(progress.state.bytesTotal, progress.state.bytesDone);
  progress.emit(true);

  return {
    runs: { new: ctx.tally.newRuns.size, updated: ctx.tally.updatedRuns.size, removed: ctx.tally.removedRuns.size },
    points: ctx.tally.points,
    proposals: 0,
    ablations: 0,
    events: 0,
    ...readSyncSummaryTail(sqlite),
    changed: ctx.tally.changes(),
    filesScanned: listing.length,
    bytesRead: ctx.tally.bytesRead,
    durationMs: Date.now() - started,
  };
}
