// MLflow SQLite stores (mlflow.db) in an mlflow: folder, as runs for the sync. Run records come from
// the runs, params and tags tables every pass (a few queries); points from the metrics table in rowid
// order, which is MLflow's insertion order. The store's row in sync_files keeps the highest rowid read
// for all its runs (with a fingerprint of that row, so a replaced database is read again from scratch),
// and each run's row says it was read up to there: a run new to the cache is first read on its own, up
// to that rowid, through MLflow's run_uuid index. Every batch of points commits with its cursor.
import type Database from 'better-sqlite3';
import { mlflowParents, mlflowRunFacts } from '../../sources/mlflow/run-facts';
import {
  MlflowSqliteError,
  lastMetricRowid,
  openMlflowSqlite,
  readMetricRowsAfter,
  readMlflowSqliteRuns,
  readRunMetricRows,
  type MlflowMetricRow,
  type MlflowSqliteRun,
} from '../../sources/mlflow/sqlite-store';
import type { SourceListingEntry } from '../../sources/source-types';
import { mlflowRunStatus } from '../../sources/mlflow/run-status';
import { LoggedEntriesWriter } from '../logged-entries-writer';
import { RunMetricsWriter } from '../run-metrics-writer';
import { inTransaction } from '../sync-context';
import type { SourceRunPlan, SourceSyncContext } from './source-sync-context';
import { refreshRunProgress, writeRunStatus } from './sync-source-run';

const BATCH_ROWS = 20_000;
const NO_PROGRESS = { lastStep: null, lastTokens: null, lastTime: null };

/** Top-level files that may be a SQLite tracking store; mlflow.db is MLflow's default name. */
export function isMlflowSqliteCandidate(path: string): boolean {
  return !path.includes('/') && /\.(db|sqlite|sqlite3)$/i.test(path);
}

export interface OpenMlflowSqliteStore {
  /** Store-relative path of the database file. */
  path: string;
  db: Database.Database;
  runs: MlflowSqliteRun[];
  /** The runs as the sync plans them (made once by planMlflowSqliteRuns). */
  plans?: SourceRunPlan[];
}

/**
 * Opens every SQLite tracking store at the top of the listing. A file that is not one is an issue
 * when it is named mlflow.db (it should be), or when nothing else in the folder is an MLflow store.
 */
export function openMlflowSqliteStores(ctx: SourceSyncContext, listing: readonly SourceListingEntry[], hasFileStore: boolean): OpenMlflowSqliteStore[] {
  const stores: OpenMlflowSqliteStore[] = [];
  const refused: Array<{ path: string; reason: string }> = [];
  for (const entry of listing.filter((e) => isMlflowSqliteCandidate(e.path))) {
    if (!ctx.transport.localPath) {
      refused.push({ path: entry.path, reason: `an MLflow SQLite store is read from this machine's disk (a local folder or a mount), and ${ctx.transport.location} is not` });
      continue;
    }
    try {
      const db = openMlflowSqlite(ctx.transport.localPath(entry.path));
      stores.push({ path: entry.path, db, runs: readMlflowSqliteRuns(db) });
    } catch (error) {
      if (!(error instanceof MlflowSqliteError)) throw error;
      refused.push({ path: entry.path, reason: error.message });
    }
  }
  const noStore = stores.length === 0 && !hasFileStore;
  for (const r of refused.filter((r) => noStore || r.path.toLowerCase() === 'mlflow.db')) {
    ctx.documentIssues.push({ path: r.path, line: null, code: 'unsupported-format', message: `Not read as an MLflow store: ${r.reason}.`, expected: 'an MLflow tracking store (mlflow.db)' });
  }
  if (noStore && refused.length === 0) {
    ctx.documentIssues.push({
      path: '.',
      line: null,
      code: 'missing-file',
      message: `No MLflow store in ${ctx.transport.location}: no experiment folders with meta.yaml (a file store, or its mlruns/ folder) and no mlflow.db.`,
      expected: 'the folder MLflow tracks into: mlruns/ or mlflow.db',
    });
  }
  return stores;
}

export function planMlflowSqliteRuns(store: OpenMlflowSqliteStore): SourceRunPlan[] {
  const parents = mlflowParents(store.runs);
  store.plans = store.runs.map((run): SourceRunPlan => ({
    id: run.id,
    issuePath: `${store.path}#${run.runId}`,
    streams: [],
    streamKind: 'mlflow-sqlite-run',
    history: 'every-entry',
    openStream: () => {
      throw new Error('an MLflow SQLite run has no stream files');
    },
    facts: () => mlflowRunFacts(run, parents),
    status: (lastTimeSeconds) => mlflowRunStatus(run.status, run.startTimeMs, run.endTimeMs, lastTimeSeconds),
  }));
  return store.plans;
}

interface StoreCursor {
  /** Highest metric rowid read for every run of the store. */
  rowid: number;
  /** That row's run, key, time, step and value: another database under the same name is unlikely to have them. */
  fingerprint: string | null;
}

function fingerprintOf(db: Database.Database, rowid: number): string | null {
  const row = db.prepare('SELECT run_uuid, key, timestamp, step, value, is_nan FROM metrics WHERE rowid = ?').raw().get(rowid);
  return row ? JSON.stringify(row) : null;
}

/** Writes the points of rows belonging to runs in `targets` (run uuid → runs.pk), one transaction. */
function writeRows(ctx: SourceSyncContext, rows: MlflowMetricRow[], targets: ReadonlyMap<string, { id: string; pk: number }>, after: () => void): void {
  const touched = new Map<number, { id: string; writer: RunMetricsWriter; entries: LoggedEntriesWriter }>();
  let written = 0;
  inTransaction(ctx.sqlite, () => {
    for (const row of rows) {
      const target = targets.get(row.runUuid);
      if (!target) continue;
      let run = touched.get(target.pk);
      if (!run) {
        const writer = new RunMetricsWriter(ctx.sqlite, target.pk);
        run = { id: target.id, writer, entries: new LoggedEntriesWriter(ctx.sqlite, writer) };
        touched.set(target.pk, run);
      }
      run.entries.add(row.point);
    }
    for (const [pk, run] of touched) {
      run.writer.flush(NO_PROGRESS, ctx.now);
      refreshRunProgress(ctx, pk);
      written += run.writer.pointsWritten;
    }
    after();
  });
  ctx.tally.points += written;
  for (const run of touched.values()) ctx.tally.runChanged(run.id);
}

/** Reads the store's new metric rows into the runs the pass accepted (ctx.runs). */
export async function readMlflowSqlitePoints(ctx: SourceSyncContext, store: OpenMlflowSqliteStore): Promise<void> {
  const { db } = store;
  const saved = ctx.files.known.get(store.path);
  const savedState = saved?.stateJson ? (JSON.parse(saved.stateJson) as StoreCursor) : null;
  let cursor: StoreCursor = { rowid: saved?.offset ?? 0, fingerprint: savedState?.fingerprint ?? null };
  const targets = new Map<string, { id: string; pk: number }>();
  for (const run of store.runs) {
    const cached = ctx.runs.get(run.id);
    if (cached) targets.set(run.runId, { id: run.id, pk: cached.pk });
  }
  const runRowPath = (runUuid: string) => `${store.path}#${runUuid}`;
  const saveCursor = () =>
    ctx.files.save({ path: store.path, kind: 'mlflow-sqlite', size: 0, mtimeMs: 0, headHash: null, headLength: 0, offset: cursor.rowid, lineNo: 0, stateJson: JSON.stringify(cursor) });

  if (cursor.rowid > 0 && (lastMetricRowid(db) < cursor.rowid || fingerprintOf(db, cursor.rowid) !== cursor.fingerprint)) {
    // Not the database read before (replaced, or rows taken out): every run of it is read again.
    inTransaction(ctx.sqlite, () => {
      for (const target of targets.values()) {
        const writer = new RunMetricsWriter(ctx.sqlite, target.pk);
        writer.clearAll();
        writer.flush(NO_PROGRESS, ctx.now);
        refreshRunProgress(ctx, target.pk);
      }
      for (const runUuid of targets.keys()) ctx.files.forget(runRowPath(runUuid));
      cursor = { rowid: 0, fingerprint: null };
      saveCursor();
    });
    for (const target of targets.values()) ctx.tally.runChanged(target.id);
  }

  // Runs not read yet (new, restored, or refused before): their rows up to the cursor, each run alone.
  for (const [runUuid, target] of targets) {
    if (ctx.files.known.has(runRowPath(runUuid))) continue;
    inTransaction(ctx.sqlite, () => {
      const writer = new RunMetricsWriter(ctx.sqlite, target.pk);
      writer.clearAll();
      writer.flush(NO_PROGRESS, ctx.now);
    });
    const only = new Map([[runUuid, target]]);
    for (const rows of readRunMetricRows(db, runUuid, cursor.rowid)) {
      await ctx.pace();
      ctx.signal?.throwIfAborted();
      writeRows(ctx, rows, only, () => undefined);
    }
    inTransaction(ctx.sqlite, () =>
      ctx.files.save({ path: runRowPath(runUuid), kind: 'mlflow-sqlite-run', size: 0, mtimeMs: 0, headHash: null, headLength: 0, offset: 0, lineNo: 0, stateJson: JSON.stringify({ run: target.id, cursor: null }) }),
    );
  }

  // Then every run's rows past the cursor, in insertion order.
  for (;;) {
    await ctx.pace();
    ctx.signal?.throwIfAborted();
    const rows = readMetricRowsAfter(db, cursor.rowid, BATCH_ROWS);
    if (rows.length === 0) break;
    const last = rows[rows.length - 1]!.rowid;
    writeRows(ctx, rows, targets, () => {
      cursor = { rowid: last, fingerprint: fingerprintOf(db, last) };
      saveCursor();
    });
  }
  if (!saved) inTransaction(ctx.sqlite, saveCursor);
  // A run's status counts its last logged time, known only now.
  for (const plan of store.plans ?? []) {
    const cached = ctx.runs.get(plan.id);
    if (cached) writeRunStatus(ctx, plan, cached.pk, new Map());
  }
}
