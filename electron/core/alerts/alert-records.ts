// Writes what the detectors found into the alerts table. A finding already recorded (the same run,
// metric, rule and step: a run read again, a restart that logged the same point again) is the same
// alert, not a new one: it is never notified twice.
import type Database from 'better-sqlite3';
import type { AlertRule } from '../../../shared/alerts/alert-rules';
import type { AlertPass } from './alert-pass';

export interface AlertFinding {
  runId: string;
  /** '' for a rule about the whole run (stalled, ended). */
  metric: string;
  rule: AlertRule;
  step: number;
  value: number | null;
  level: number | null;
  threshold: number | null;
  detail: Record<string, number | string>;
  pointTime: number | null;
  live: boolean;
}

function prepare(sqlite: Database.Database) {
  return {
    find: sqlite.prepare('SELECT pk, superseded FROM alerts WHERE run_id = ? AND metric = ? AND rule = ? AND step = ?'),
    insert: sqlite.prepare(
      `INSERT INTO alerts (run_id, metric, rule, step, value, level, threshold, detail_json, point_time, fired_at, live)
       VALUES (@runId, @metric, @rule, @step, @value, @level, @threshold, @detailJson, @pointTime, @firedAt, @live)`,
    ),
    restore: sqlite.prepare('UPDATE alerts SET superseded = 0, value = ?, level = ?, threshold = ?, detail_json = ? WHERE pk = ?'),
    supersedeFrom: sqlite.prepare('UPDATE alerts SET superseded = 1 WHERE run_id = ? AND metric = ? AND step >= ? AND superseded = 0'),
    supersedeMetric: sqlite.prepare('UPDATE alerts SET superseded = 1 WHERE run_id = ? AND metric = ? AND superseded = 0'),
    removeGoneRuns: sqlite.prepare('DELETE FROM alerts WHERE run_id NOT IN (SELECT id FROM runs)'),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

export function alertStatements(sqlite: Database.Database): ReturnType<typeof prepare> {
  let st = cache.get(sqlite);
  if (!st) {
    st = prepare(sqlite);
    cache.set(sqlite, st);
  }
  return st;
}

const finiteOnly = (value: number | null) => (value === null || !Number.isFinite(value) ? null : value);

/** Records a finding; true when it is a new alert. */
export function recordAlert(sqlite: Database.Database, pass: AlertPass, finding: AlertFinding): boolean {
  const st = alertStatements(sqlite);
  const detail: Record<string, number | string> = {};
  for (const [key, v] of Object.entries(finding.detail)) if (typeof v === 'string' || Number.isFinite(v)) detail[key] = v;
  // SQLite has no NaN: a NaN value is NULL and its kind is kept in the detail, as ±Infinity are.
  if (finding.value !== null && !Number.isFinite(finding.value)) detail.nonFinite = String(finding.value);
  const detailJson = JSON.stringify(detail);
  const value = finding.value !== null && Number.isNaN(finding.value) ? null : finding.value;
  const existing = st.find.get(finding.runId, finding.metric, finding.rule, finding.step) as { pk: number; superseded: number } | undefined;
  if (existing) {
    if (existing.superseded) st.restore.run(value, finiteOnly(finding.level), finiteOnly(finding.threshold), detailJson, existing.pk);
    return false;
  }
  st.insert.run({
    runId: finding.runId,
    metric: finding.metric,
    rule: finding.rule,
    step: finding.step,
    value,
    level: finiteOnly(finding.level),
    threshold: finiteOnly(finding.threshold),
    detailJson,
    pointTime: finding.pointTime,
    firedAt: pass.now,
    live: finding.live ? 1 : 0,
  });
  return true;
}

/** A restart from `step`: what was found at or after it belongs to a history that no longer is. */
export function supersedeAlertsFrom(sqlite: Database.Database, runId: string, metric: string, step: number): void {
  alertStatements(sqlite).supersedeFrom.run(runId, metric, step);
}
