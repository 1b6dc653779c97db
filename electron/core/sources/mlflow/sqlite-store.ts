// MLflow's SQL tracking store in a SQLite file (mlflow.db, the default backend since MLflow 3.7; any
// store made by MLflow's SQLAlchemy schema): experiments, runs, params, tags and metrics tables.
// Opened read-only; metric rows are read in rowid order, which is the order MLflow inserted them, so
// a saved rowid is a cursor. MLflow's SQL encoding of values is undone: is_nan = 1 is NaN, and ±Inf,
// which SQL cannot hold, was stored as ±1.7976931348623157e308 (sqlalchemy_store, _get_metric_value_details).

import Database from 'better-sqlite3';
import { deriveRunId } from '../run-id';
import type { MetricPoint } from '../source-types';
import { RUN_NAME_TAG, type MlflowRunInfo } from './run-facts';

export class MlflowSqliteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MlflowSqliteError';
  }
}

/** The tables and columns read here; a store lacking one is not one this reader understands. */
const REQUIRED: Record<string, string[]> = {
  experiments: ['experiment_id', 'name', 'lifecycle_stage'],
  runs: ['run_uuid', 'name', 'user_id', 'status', 'start_time', 'end_time', 'lifecycle_stage', 'experiment_id'],
  params: ['key', 'value', 'run_uuid'],
  tags: ['key', 'value', 'run_uuid'],
  metrics: ['key', 'value', 'timestamp', 'run_uuid', 'step', 'is_nan'],
};

const FLOAT_MAX = 1.7976931348623157e308;

export interface MlflowSqliteRun extends MlflowRunInfo {
  endTimeMs?: number;
}

export interface MlflowMetricRow {
  rowid: number;
  runUuid: string;
  point: MetricPoint;
}

/** Opens `file` read-only and checks it holds MLflow's tables; throws MlflowSqliteError saying what is wrong. */
export function openMlflowSqlite(file: string): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new MlflowSqliteError(`cannot open it as SQLite: ${(error as Error).message}`);
  }
  try {
    for (const [table, columns] of Object.entries(REQUIRED)) {
      const have = new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name));
      if (have.size === 0) throw new MlflowSqliteError(`it has no "${table}" table, so it is not an MLflow tracking store`);
      const missing = columns.filter((c) => !have.has(c));
      if (missing.length > 0) throw new MlflowSqliteError(`its "${table}" table lacks ${missing.join(', ')}: a schema this reader does not know`);
    }
  } catch (error) {
    db.close();
    if (error instanceof MlflowSqliteError) throw error;
    // A file that is not a database fails at its first query.
    throw new MlflowSqliteError(`cannot read it as SQLite: ${(error as Error).message}`);
  }
  return db;
}

/** Active runs of active experiments, as MLflow's default search shows them, with params and tags. */
export function readMlflowSqliteRuns(db: Database.Database): MlflowSqliteRun[] {
  const rows = db
    .prepare(
      `SELECT r.run_uuid AS runId, r.name, r.user_id AS userId, r.status, r.start_time AS startTime, r.end_time AS endTime,
              CAST(e.experiment_id AS TEXT) AS experimentId, e.name AS experimentName
       FROM runs r JOIN experiments e ON e.experiment_id = r.experiment_id
       WHERE coalesce(r.lifecycle_stage, 'active') = 'active' AND coalesce(e.lifecycle_stage, 'active') = 'active'
       ORDER BY r.run_uuid`,
    )
    .all() as Array<{ runId: string; name: string | null; userId: string | null; status: string | null; startTime: number | null; endTime: number | null; experimentId: string; experimentName: string }>;
  const byRun = (table: 'params' | 'tags') => {
    const out = new Map<string, Record<string, string>>();
    for (const r of db.prepare(`SELECT run_uuid AS run, key, value FROM ${table} ORDER BY rowid`).all() as Array<{ run: string; key: string; value: string | null }>) {
      const values = out.get(r.run) ?? {};
      values[r.key] = r.value ?? '';
      out.set(r.run, values);
    }
    return out;
  };
  const params = byRun('params');
  const tags = byRun('tags');
  return rows.map((r) => {
    const runTags = tags.get(r.runId) ?? {};
    return {
      id: deriveRunId(r.runId),
      runId: r.runId,
      name: runTags[RUN_NAME_TAG]?.trim() || r.name || r.runId,
      userId: r.userId ?? undefined,
      status: (r.status ?? 'RUNNING').toLowerCase(),
      startTimeMs: r.startTime ?? undefined,
      endTimeMs: r.endTime ?? undefined,
      experiment: { experimentId: r.experimentId, name: r.experimentName },
      params: params.get(r.runId) ?? {},
      tags: runTags,
    };
  });
}

/** The highest metric rowid: where a reader that has seen everything stands. */
export function lastMetricRowid(db: Database.Database): number {
  return (db.prepare('SELECT coalesce(max(rowid), 0) FROM metrics').pluck().get() as number) ?? 0;
}

type RawRow = { rowid: number; run: string; key: string; value: number; timestamp: number; step: number; isNan: number };

function toRow(r: RawRow): MlflowMetricRow {
  const value = r.isNan ? NaN : r.value === FLOAT_MAX ? Infinity : r.value === -FLOAT_MAX ? -Infinity : r.value;
  return { rowid: r.rowid, runUuid: r.run, point: { metric: r.key, step: r.step, time: r.timestamp / 1000, value } };
}

const COLUMNS = 'rowid, run_uuid AS run, key, value, timestamp, step, is_nan AS isNan';

/** Metric rows after `afterRowid`, in insertion order, `limit` at a time. */
export function readMetricRowsAfter(db: Database.Database, afterRowid: number, limit: number): MlflowMetricRow[] {
  return (db.prepare(`SELECT ${COLUMNS} FROM metrics WHERE rowid > ? ORDER BY rowid LIMIT ?`).all(afterRowid, limit) as RawRow[]).map(toRow);
}

/** One run's metric rows up to `upToRowid`, in insertion order (through MLflow's run_uuid index). */
export function* readRunMetricRows(db: Database.Database, runUuid: string, upToRowid: number, batch = 50_000): Generator<MlflowMetricRow[]> {
  let after = 0;
  const statement = db.prepare(`SELECT ${COLUMNS} FROM metrics WHERE run_uuid = ? AND rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?`);
  for (;;) {
    const rows = (statement.all(runUuid, after, upToRowid, batch) as RawRow[]).map(toRow);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.rowid;
  }
}
