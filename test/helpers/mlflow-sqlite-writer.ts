// Writes an MLflow SQLite tracking store the way MLflow's SQLAlchemy store does, in the tables and
// columns the reader uses (taken from a store MLflow 3.x made: test/fixtures/real-clients/mlflow-sqlite):
// NaN stored as value 0 with is_nan = 1, ±Inf as ±1.7976931348623157e308, rows appended in log order.
import Database from 'better-sqlite3';

const SCHEMA = `
CREATE TABLE experiments (experiment_id INTEGER NOT NULL PRIMARY KEY, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256),
  lifecycle_stage VARCHAR(32), creation_time BIGINT, last_update_time BIGINT, workspace VARCHAR(63) DEFAULT 'default' NOT NULL);
CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL PRIMARY KEY, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500),
  entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(9), start_time BIGINT, end_time BIGINT, source_version VARCHAR(50),
  lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER, deleted_time BIGINT);
CREATE TABLE params ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000) NOT NULL, run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY ("key", run_uuid));
CREATE TABLE tags ("key" VARCHAR(250) NOT NULL, value VARCHAR(8000), run_uuid VARCHAR(32) NOT NULL, PRIMARY KEY ("key", run_uuid));
CREATE TABLE metrics ("key" VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
  step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL, PRIMARY KEY ("key", timestamp, step, run_uuid, value, is_nan));
CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid);
`;

const FLOAT_MAX = 1.7976931348623157e308;

export class MlflowSqliteWriter {
  readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    // MLflow commits each call; the tests need not wait for the disk each time.
    this.db.pragma('synchronous = OFF');
    this.db.exec(SCHEMA);
    this.experiment(0, 'Default');
  }

  experiment(id: number, name: string, lifecycle = 'active'): this {
    this.db.prepare('INSERT OR REPLACE INTO experiments (experiment_id, name, lifecycle_stage, creation_time) VALUES (?, ?, ?, 1700000000000)').run(id, name, lifecycle);
    return this;
  }

  run(experimentId: number, runId: string, options: { name?: string; user?: string; status?: string; startTime?: number; parent?: string } = {}): this {
    this.db
      .prepare("INSERT INTO runs (run_uuid, name, user_id, status, start_time, lifecycle_stage, experiment_id) VALUES (?, ?, ?, ?, ?, 'active', ?)")
      .run(runId, options.name ?? '', options.user ?? 'tester', options.status ?? 'RUNNING', options.startTime ?? 1_700_000_000_000, experimentId);
    if (options.name) this.tag(runId, 'mlflow.runName', options.name);
    if (options.parent) this.tag(runId, 'mlflow.parentRunId', options.parent);
    return this;
  }

  param(runId: string, key: string, value: string): this {
    this.db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)').run(key, value, runId);
    return this;
  }

  tag(runId: string, key: string, value: string): this {
    this.db.prepare('INSERT OR REPLACE INTO tags (key, value, run_uuid) VALUES (?, ?, ?)').run(key, value, runId);
    return this;
  }

  metric(runId: string, key: string, value: number, timestamp: number, step = 0): this {
    const isNan = Number.isNaN(value);
    const stored = isNan ? 0 : value === Infinity ? FLOAT_MAX : value === -Infinity ? -FLOAT_MAX : value;
    this.db.prepare('INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)').run(key, stored, timestamp, runId, step, isNan ? 1 : 0);
    return this;
  }

  setLifecycle(runId: string, lifecycle: 'active' | 'deleted'): this {
    this.db.prepare('UPDATE runs SET lifecycle_stage = ? WHERE run_uuid = ?').run(lifecycle, runId);
    return this;
  }

  finish(runId: string, status = 'FINISHED', endTime = 1_700_000_900_000): this {
    this.db.prepare('UPDATE runs SET status = ?, end_time = ? WHERE run_uuid = ?').run(status, endTime, runId);
    return this;
  }

  close(): void {
    this.db.close();
  }
}
