// The sync's series hooks for alerts: run the point detectors (shared/alerts) over the points a pass
// wrote. A series' detectors are fed the points before the new ones again (their whole memory, a
// bounded tail) and then the new ones, so nothing but the alerts and a read position is kept, and
// a restart needs no undo: what was found from the restart's step on is superseded and found anew.
import type Database from 'better-sqlite3';
import { DETECTOR_THRESHOLDS, isLossLikeMetric } from '../../../shared/alerts/alert-rules';
import { LossSeriesDetector, NonFiniteRule, replayPointsFor, type SeriesFinding } from '../../../shared/alerts/series-detector';
import { currentAlertPass, type AlertPass } from './alert-pass';
import { pointsBefore, pointsFrom } from './alert-points';
import { alertStatements, recordAlert, supersedeAlertsFrom } from './alert-records';

const REPLAY_POINTS = replayPointsFor();

interface SeriesRow {
  key: string;
  runId: string;
  lastStep: number | null;
  nonFiniteCount: number;
}

interface StateRow {
  lastStep: number | null;
  nonFiniteCount: number;
}

function prepare(sqlite: Database.Database) {
  return {
    series: sqlite.prepare(
      `SELECT s.key, r.id AS runId, s.last_step AS lastStep, s.non_finite_count AS nonFiniteCount
       FROM series s JOIN runs r ON r.pk = s.run_pk WHERE s.pk = ?`,
    ),
    state: sqlite.prepare('SELECT last_step AS lastStep, non_finite_count AS nonFiniteCount FROM alert_series_state WHERE series_pk = ?'),
    saveState: sqlite.prepare('INSERT OR REPLACE INTO alert_series_state (series_pk, last_step, non_finite_count) VALUES (?, ?, ?)'),
  };
}

const cache = new WeakMap<Database.Database, ReturnType<typeof prepare>>();

function statements(sqlite: Database.Database) {
  let st = cache.get(sqlite);
  if (!st) {
    st = prepare(sqlite);
    cache.set(sqlite, st);
  }
  return st;
}

/** On a cache's first sync only what happened within the live horizon is news; later, all of it is. */
export function isLiveAt(pass: AlertPass, timeSec: number | null, horizonMinutes: number = DETECTOR_THRESHOLDS.liveHorizonMinutes): boolean {
  if (!pass.firstPass) return true;
  return timeSec !== null && pass.nowMs / 1000 - timeSec <= horizonMinutes * 60;
}

/** Hook: points of `seriesPk` with step ≥ fromStep were written or superseded. */
export function detectSeriesAlerts(sqlite: Database.Database, seriesPk: number, fromStep: number): void {
  const st = statements(sqlite);
  const series = st.series.get(seriesPk) as SeriesRow | undefined;
  if (!series) return;
  const state = st.state.get(seriesPk) as StateRow | undefined;
  const restarted = state !== undefined && state.lastStep !== null && fromStep <= state.lastStep;
  if (restarted) supersedeAlertsFrom(sqlite, series.runId, series.key, fromStep);
  const lossLike = isLossLikeMetric(series.key);
  // Any other metric is only checked for non-finite values, and only when it has new ones.
  const newNonFinite = restarted || series.nonFiniteCount !== (state?.nonFiniteCount ?? 0);
  if (lossLike || newNonFinite) runDetectors(sqlite, seriesPk, series, fromStep, lossLike);
  st.saveState.run(seriesPk, series.lastStep, series.nonFiniteCount);
}

function runDetectors(sqlite: Database.Database, seriesPk: number, series: SeriesRow, fromStep: number, lossLike: boolean): void {
  const pass = currentAlertPass(sqlite);
  const nonFinite = new NonFiniteRule();
  const loss = lossLike ? new LossSeriesDetector() : null;
  for (const [step, value] of pointsBefore(sqlite, seriesPk, fromStep, lossLike ? REPLAY_POINTS : DETECTOR_THRESHOLDS.nonFinite.rearmPoints + 1)) {
    nonFinite.push(step, value);
    loss?.push(step, value);
  }
  const points = pointsFrom(sqlite, seriesPk, fromStep);
  const record = (finding: SeriesFinding, time: number) => {
    const pointTime = Number.isNaN(time) ? null : time;
    recordAlert(sqlite, pass, {
      runId: series.runId,
      metric: series.key,
      rule: finding.rule,
      step: finding.step,
      value: finding.value,
      level: finding.level,
      threshold: finding.threshold,
      detail: finding.detail,
      pointTime,
      live: isLiveAt(pass, pointTime),
    });
  };
  for (let i = 0; i < points.length; i++) {
    const step = points.steps[i]!;
    const value = points.values[i]!;
    const opened = nonFinite.push(step, value);
    if (opened) record(opened, points.times[i]!);
    const found = loss?.push(step, value);
    if (found) for (const finding of found) record(finding, points.times[i]!);
  }
}

/** Hook: the series is gone (its run left the store, or its file is read again from scratch). */
export function supersedeSeriesAlerts(sqlite: Database.Database, seriesPk: number): void {
  const series = statements(sqlite).series.get(seriesPk) as SeriesRow | undefined;
  if (series) alertStatements(sqlite).supersedeMetric.run(series.runId, series.key);
}
