// Alerts about a whole run: it ended (its status changed to finished, failed or killed) or it stalled
// (status running, and no line for longer than its usual logging interval allows). The end is seen
// when the status is written; stalls are looked for at the end of every pass, as time alone makes them.
import type Database from 'better-sqlite3';
import { DETECTOR_THRESHOLDS } from '../../../shared/alerts/alert-rules';
import { quantile } from '../../../shared/stats/quantile';
import type { RunStatus } from '../store/parse-run-status';
import { currentAlertPass, type AlertPass } from './alert-pass';
import { lastLineTimes } from './alert-points';
import { recordAlert } from './alert-records';
import { isLiveAt } from './detect-series-alerts';

const ENDED = new Set(['finished', 'failed', 'killed']);
const { stall } = DETECTOR_THRESHOLDS;

interface RunFacts {
  id: string;
  lastStep: number | null;
  lastTime: number | null;
  updatedAt: string | null;
}

const runFacts = (sqlite: Database.Database, runPk: number) =>
  sqlite
    .prepare('SELECT id, last_step AS lastStep, last_time AS lastTime, state_updated_at AS updatedAt FROM runs WHERE pk = ?')
    .get(runPk) as RunFacts | undefined;

/** Hook: a run's status was written; `before` is the state it had. */
export function detectRunEnded(sqlite: Database.Database, runPk: number, before: string | null, status: RunStatus | null): void {
  if (!status?.state || !ENDED.has(status.state) || status.state === before) return;
  const pass = currentAlertPass(sqlite);
  const updatedSec = status.updatedAt ? Date.parse(status.updatedAt) / 1000 : null;
  const recent = updatedSec !== null && pass.nowMs / 1000 - updatedSec <= DETECTOR_THRESHOLDS.liveHorizonMinutes * 60;
  // A run first met already ended is history, unless it ended just now.
  if (before !== 'running' && !recent) return;
  const run = runFacts(sqlite, runPk);
  if (!run) return;
  recordAlert(sqlite, pass, {
    runId: run.id,
    metric: '',
    rule: 'run-ended',
    step: run.lastStep ?? -1,
    value: null,
    level: null,
    threshold: null,
    detail: { state: status.state, ...(status.message ? { message: status.message.slice(0, 500) } : {}) },
    pointTime: updatedSec,
    live: before === 'running' ? !pass.firstPass || recent : isLiveAt(pass, updatedSec),
  });
}

/** The stall verdict on a running run, or null while it is within what its logging allows. */
export function stallOf(sqlite: Database.Database, pass: AlertPass, runPk: number, run: RunFacts) {
  const nowSec = pass.nowMs / 1000;
  if (run.lastTime !== null) {
    const times = lastLineTimes(sqlite, runPk, stall.intervalLines + 1);
    const gaps: number[] = [];
    for (let i = 1; i < times.length; i++) if (times[i - 1]! > times[i]!) gaps.push(times[i - 1]! - times[i]!);
    const usual = gaps.length > 0 ? quantile(gaps, 0.5) : 0;
    const allowed = Math.max(stall.minMinutes * 60, stall.intervalFactor * usual);
    const silent = nowSec - run.lastTime;
    return silent > allowed ? { silentSec: silent, allowedSec: allowed, usualSec: usual, since: run.lastTime } : null;
  }
  if (run.updatedAt === null) return null;
  const since = Date.parse(run.updatedAt) / 1000;
  const silent = nowSec - since;
  const allowed = stall.noTimeMinutes * 60;
  return silent > allowed ? { silentSec: silent, allowedSec: allowed, usualSec: null, since } : null;
}

/** Stalled runs, and the alerts of runs that left the store. */
function finishRunAlerts(sqlite: Database.Database, pass: AlertPass): void {
  sqlite.prepare('DELETE FROM alerts WHERE run_id NOT IN (SELECT id FROM runs)').run();
  const running = sqlite
    .prepare("SELECT pk, id, last_step AS lastStep, last_time AS lastTime, state_updated_at AS updatedAt FROM runs WHERE state = 'running'")
    .all() as Array<RunFacts & { pk: number }>;
  for (const run of running) {
    const stalled = stallOf(sqlite, pass, run.pk, run);
    if (!stalled) continue;
    recordAlert(sqlite, pass, {
      runId: run.id,
      metric: '',
      rule: 'stalled',
      step: run.lastStep ?? -1,
      value: stalled.silentSec / 60,
      level: stalled.usualSec,
      threshold: stalled.allowedSec / 60,
      detail: {},
      pointTime: stalled.since,
      live: isLiveAt(pass, stalled.since + stalled.allowedSec, DETECTOR_THRESHOLDS.stallLiveHorizonMinutes),
    });
  }
}

/** The end of a sync pass: looks for stalls and returns the ids of the alerts the pass found. */
export function closeAlertPass(sqlite: Database.Database, pass: AlertPass): number[] {
  sqlite.transaction(() => finishRunAlerts(sqlite, pass)).immediate();
  return sqlite.prepare('SELECT pk FROM alerts WHERE fired_at = ? AND superseded = 0 ORDER BY pk').pluck().all(pass.now) as number[];
}
