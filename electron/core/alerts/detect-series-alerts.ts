// The sync's series hooks for alerts: run the point detectors (shared/alerts) over the points a pass
// wrote. A series' detectors are fed the points before the new ones again (their whole memory, a
// bounded tail) and then the new ones, so no detector state is stored beside the alerts, and a restart
// needs no undo: what was found from the restart's step on is superseded and found anew. Between the
// flushes of one connection the detectors are kept in memory instead, as long as the series grew by
// exactly the points they were fed (a rolled-back transaction or a restart sends them back to the
// replay). The writer says what a flush did, so a metric that is not loss-like costs nothing unless it
// logged a NaN.
import type Database from 'better-sqlite3';
import { LruCache } from '../../../shared/collections/lru-cache';
import { DETECTOR_THRESHOLDS, isLossLikeMetric } from '../../../shared/alerts/alert-rules';
import { LossSeriesDetector, NonFiniteRule, replayPointsFor, type SeriesFinding } from '../../../shared/alerts/series-detector';
import type { SeriesChange } from '../sync/series-change';
import { currentAlertPass, type AlertPass } from './alert-pass';
import { pointsBefore, pointsFrom } from './alert-points';
import { alertStatements, recordAlert, supersedeAlertsFrom } from './alert-records';

const REPLAY_POINTS = replayPointsFor();
/** Series whose detectors stay in memory between flushes (a few kB each), the least recently fed dropped first. */
const KEPT_DETECTORS = 2048;

interface Detectors {
  nonFinite: NonFiniteRule;
  loss: LossSeriesDetector | null;
  /** The series' points and last step once they were fed: what the next flush must start from. */
  pointCount: number;
  lastStep: number;
}

const keptDetectors = new WeakMap<Database.Database, LruCache<number, Detectors>>();

function detectorsFor(sqlite: Database.Database, seriesPk: number, fromStep: number, change: SeriesChange, freshCount: number, lossLike: boolean): Detectors {
  let kept = keptDetectors.get(sqlite);
  if (!kept) keptDetectors.set(sqlite, (kept = new LruCache({ capacity: KEPT_DETECTORS })));
  const before = change.pointCount - freshCount;
  const known = kept.get(seriesPk);
  kept.delete(seriesPk);
  if (known && !change.rewound && known.pointCount === before && fromStep > known.lastStep && (known.loss !== null) === lossLike) return known;
  const detectors: Detectors = { nonFinite: new NonFiniteRule(), loss: lossLike ? new LossSeriesDetector() : null, pointCount: before, lastStep: -Infinity };
  // Their memory: the points just before the new ones (none when every point is new).
  if (before > 0) {
    for (const [step, value] of pointsBefore(sqlite, seriesPk, fromStep, lossLike ? REPLAY_POINTS : DETECTOR_THRESHOLDS.nonFinite.rearmPoints + 1)) {
      detectors.nonFinite.push(step, value);
      detectors.loss?.push(step, value);
    }
  }
  return detectors;
}

function keepDetectors(sqlite: Database.Database, seriesPk: number, detectors: Detectors): void {
  keptDetectors.get(sqlite)?.set(seriesPk, detectors);
}

interface SeriesRow {
  key: string;
  runId: string;
}

const seriesStatements = new WeakMap<Database.Database, Database.Statement>();

function seriesRow(sqlite: Database.Database, seriesPk: number): SeriesRow | undefined {
  let st = seriesStatements.get(sqlite);
  if (!st) {
    st = sqlite.prepare('SELECT s.key, r.id AS runId FROM series s JOIN runs r ON r.pk = s.run_pk WHERE s.pk = ?');
    seriesStatements.set(sqlite, st);
  }
  return st.get(seriesPk) as SeriesRow | undefined;
}

/** On a cache's first sync only what happened within the live horizon is news; later, all of it is. */
export function isLiveAt(pass: AlertPass, timeSec: number | null, horizonMinutes: number = DETECTOR_THRESHOLDS.liveHorizonMinutes): boolean {
  if (!pass.firstPass) return true;
  return timeSec !== null && pass.nowMs / 1000 - timeSec <= horizonMinutes * 60;
}

/** Hook: points of `seriesPk` with step ≥ fromStep were written or superseded. */
export function detectSeriesAlerts(sqlite: Database.Database, seriesPk: number, fromStep: number, change: SeriesChange): void {
  const lossLike = isLossLikeMetric(change.key);
  // Any other metric is only checked for non-finite values, and only when it may have new ones.
  if (!lossLike && !change.nonFiniteWritten && !change.rewound) return;
  const series = seriesRow(sqlite, seriesPk);
  if (!series) return;
  if (change.rewound) supersedeAlertsFrom(sqlite, series.runId, series.key, fromStep);
  const pass = currentAlertPass(sqlite);
  const fresh = change.appended ?? pointsFrom(sqlite, seriesPk, fromStep);
  const detectors = detectorsFor(sqlite, seriesPk, fromStep, change, fresh.length, lossLike);
  const { nonFinite, loss } = detectors;
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
  for (let i = 0; i < fresh.length; i++) {
    const step = fresh.steps[i]!;
    const value = fresh.values[i]!;
    const opened = nonFinite.push(step, value);
    if (opened) record(opened, fresh.times[i]!);
    const found = loss?.push(step, value);
    if (found) for (const finding of found) record(finding, fresh.times[i]!);
  }
  detectors.pointCount = change.pointCount;
  if (fresh.length > 0) detectors.lastStep = fresh.steps[fresh.length - 1]!;
  keepDetectors(sqlite, seriesPk, detectors);
}

/** Hook: the series is gone (its run left the store, or its file is read again from scratch). */
export function supersedeSeriesAlerts(sqlite: Database.Database, seriesPk: number): void {
  keptDetectors.get(sqlite)?.delete(seriesPk);
  const series = seriesRow(sqlite, seriesPk);
  if (series) alertStatements(sqlite).supersedeMetric.run(series.runId, series.key);
}
