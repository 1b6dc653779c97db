// Writes the points of one run and keeps its series and run statistics current, in memory
// between statements so the hot path is one prepared INSERT per point. The caller owns the
// transaction; flush() writes the statistics and calls the series hooks inside it.
//
// Invariant used for the statistics: within a series, every stored point has step ≤ last_step,
// because lines arrive in step order and a lower step (a restart) first deletes every point at
// or above it. So a point at step > last_step is new, and one at step = last_step replaces it.
import type Database from 'better-sqlite3';
import { keepAppendedPointsOf, onSeriesAppended, onSeriesRemoved } from './series-hooks';

interface SeriesState {
  pk: number;
  pointCount: number;
  lastStep: number | null;
  /** NaN for a NaN value; null only when the series has no points. */
  lastValue: number | null;
  nonFiniteCount: number;
  /** Lowest step written or superseded since the last flush, or null when untouched. */
  dirtyFrom: number | null;
  /** The points appended since the last flush, for the hooks; null when not kept or no longer exactly those. */
  kept: { steps: number[]; values: number[]; times: number[] } | null;
  keeps: boolean;
  key: string;
  nonFiniteWritten: boolean;
  rewound: boolean;
}

function keepsPoints(key: string): boolean {
  return keepAppendedPointsOf.some((wanted) => wanted(key));
}

const emptyKept = () => ({ steps: [], values: [], times: [] });

export interface RunProgressState {
  lastStep: number | null;
  lastTokens: number | null;
  lastTime: number | null;
}

export interface MetricsStatements {
  insertPoint: Database.Statement;
  insertSeries: Database.Statement;
  loadSeries: Database.Statement;
  updateSeries: Database.Statement;
  countFrom: Database.Statement;
  deleteFrom: Database.Statement;
  lastPoint: Database.Statement;
  deleteSeriesPoints: Database.Statement;
  deleteRunSeries: Database.Statement;
  pointAt: Database.Statement;
  updateRun: Database.Statement;
}

const statementCache = new WeakMap<Database.Database, MetricsStatements>();

export function metricsStatements(sqlite: Database.Database): MetricsStatements {
  let st = statementCache.get(sqlite);
  if (!st) {
    st = {
      insertPoint: sqlite.prepare('INSERT OR REPLACE INTO points (series_pk, step, tokens, time, value) VALUES (?, ?, ?, ?, ?)'),
      insertSeries: sqlite.prepare('INSERT INTO series (run_pk, key) VALUES (?, ?)'),
      loadSeries: sqlite.prepare(
        'SELECT pk, key, point_count AS pointCount, last_step AS lastStep, last_value AS lastValue, non_finite_count AS nonFiniteCount FROM series WHERE run_pk = ?',
      ),
      updateSeries: sqlite.prepare('UPDATE series SET point_count = ?, last_step = ?, last_value = ?, non_finite_count = ? WHERE pk = ?'),
      countFrom: sqlite.prepare(
        `SELECT count(*) AS n, coalesce(sum(value IS NULL OR value IN (9e999, -9e999)), 0) AS nonFinite
         FROM points WHERE series_pk = ? AND step >= ?`,
      ),
      deleteFrom: sqlite.prepare('DELETE FROM points WHERE series_pk = ? AND step >= ?'),
      lastPoint: sqlite.prepare('SELECT step, value FROM points WHERE series_pk = ? ORDER BY step DESC LIMIT 1'),
      deleteSeriesPoints: sqlite.prepare('DELETE FROM points WHERE series_pk = ?'),
      deleteRunSeries: sqlite.prepare('DELETE FROM series WHERE run_pk = ?'),
      pointAt: sqlite.prepare('SELECT time, value FROM points WHERE series_pk = ? AND step = ?'),
      updateRun: sqlite.prepare(
        'UPDATE runs SET last_step = ?, last_tokens = ?, last_time = ?, point_count = ?, synced_at = ? WHERE pk = ?',
      ),
    };
    statementCache.set(sqlite, st);
  }
  return st;
}

/** NaN and ±Infinity: x - x is 0 for every finite number and NaN otherwise. */
function isNonFinite(value: number): boolean {
  return value - value !== 0;
}

export class RunMetricsWriter {
  private readonly series = new Map<string, SeriesState>();
  /** The series of each key position of the last line: lines usually repeat their keys in order. */
  private readonly slotKeys: string[] = [];
  private readonly slotSeries: SeriesState[] = [];
  private pointCount = 0;
  /** Points written (inserted or replaced) by this writer. */
  pointsWritten = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly runPk: number,
    private readonly st: MetricsStatements = metricsStatements(sqlite),
  ) {
    const rows = st.loadSeries.all(runPk) as Array<Omit<SeriesState, 'dirtyFrom' | 'kept' | 'keeps' | 'nonFiniteWritten' | 'rewound'>>;
    for (const row of rows) {
      const hasPoints = row.lastStep !== null;
      const keeps = keepsPoints(row.key);
      this.series.set(row.key, {
        pk: row.pk,
        pointCount: row.pointCount,
        lastStep: row.lastStep,
        lastValue: hasPoints ? (row.lastValue ?? NaN) : null,
        nonFiniteCount: row.nonFiniteCount,
        dirtyFrom: null,
        keeps,
        kept: keeps ? emptyKept() : null,
        key: row.key,
        nonFiniteWritten: false,
        rewound: false,
      });
      this.pointCount += row.pointCount;
    }
  }

  /** The hot path: `slot` is the key's position in its line, which lets repeated layouts skip the map. */
  append(slot: number, key: string, step: number, tokens: number | null, time: number | null, value: number): void {
    let s: SeriesState;
    if (this.slotKeys[slot] === key) {
      s = this.slotSeries[slot]!;
    } else {
      s = this.seriesOf(key);
      this.slotKeys[slot] = key;
      this.slotSeries[slot] = s;
    }
    this.st.insertPoint.run(s.pk, step, tokens, time, value);
    this.pointsWritten++;
    const kept = s.kept;
    if (kept) {
      const n = kept.steps.length;
      // A line repeating the last step replaces its point: in what is kept too, or (an older point) nothing is exact any more.
      if (s.lastStep === step && (n === 0 || kept.steps[n - 1] !== step)) s.kept = null;
      else {
        const at = s.lastStep === step ? n - 1 : n;
        kept.steps[at] = step;
        kept.values[at] = value;
        kept.times[at] = time ?? NaN;
      }
    }
    if (s.lastStep === step) {
      s.rewound = true;
      if (isNonFinite(s.lastValue!)) s.nonFiniteCount--;
    } else {
      s.pointCount++;
      this.pointCount++;
    }
    if (isNonFinite(value)) {
      s.nonFiniteCount++;
      s.nonFiniteWritten = true;
    }
    s.lastStep = step;
    s.lastValue = value;
    if (s.dirtyFrom === null || step < s.dirtyFrom) s.dirtyFrom = step;
  }

  /**
   * For sources that log steps in any order (MLflow): writes the point at `step` unless the one there
   * was logged later (by `time`), so the chart shows per step the entry logged last. Points below the
   * last step are inserted in place; the summary is redone from `step` at flush.
   */
  placeByTime(key: string, step: number, time: number | null, value: number): void {
    const s = this.seriesOf(key);
    if (s.lastStep === null || step > s.lastStep) {
      this.append(0, key, step, null, time, value);
      return;
    }
    const there = this.st.pointAt.get(s.pk, step) as { time: number | null; value: number | null } | undefined;
    if (there && there.time !== null && time !== null && there.time > time) return;
    this.st.insertPoint.run(s.pk, step, null, time, value);
    this.pointsWritten++;
    // A point placed below the last step: the kept points no longer are the series from the flush's first
    // change on, so the hooks read them back; one that replaced a point counts as a rewind.
    s.kept = null;
    if (there) {
      s.rewound = true;
      if (there.value === null || isNonFinite(there.value)) s.nonFiniteCount--;
    } else {
      s.pointCount++;
      this.pointCount++;
    }
    if (isNonFinite(value)) {
      s.nonFiniteCount++;
      s.nonFiniteWritten = true;
    }
    if (step === s.lastStep) s.lastValue = value;
    if (s.dirtyFrom === null || step < s.dirtyFrom) s.dirtyFrom = step;
  }

  /** The last step a key's series holds, or null when it holds none. */
  lastStepOf(key: string): number | null {
    return this.series.get(key)?.lastStep ?? null;
  }

  /** The series' row id, created when the key is new. */
  seriesPkOf(key: string): number {
    return this.seriesOf(key).pk;
  }

  /** Drops the points (not the series) of one key, to place them again differently. */
  clearSeriesPoints(key: string): void {
    const s = this.series.get(key);
    if (!s) return;
    for (const hook of onSeriesRemoved) hook(this.sqlite, s.pk);
    this.st.deleteSeriesPoints.run(s.pk);
    this.pointCount -= s.pointCount;
    Object.assign(s, { pointCount: 0, lastStep: null, lastValue: null, nonFiniteCount: 0, dirtyFrom: 0 });
    const slot = this.slotKeys.indexOf(key);
    if (slot >= 0) this.slotKeys[slot] = '';
  }

  private seriesOf(key: string): SeriesState {
    let s = this.series.get(key);
    if (s === undefined) {
      const pk = Number(this.st.insertSeries.run(this.runPk, key).lastInsertRowid);
      const keeps = keepsPoints(key);
      s = { pk, pointCount: 0, lastStep: null, lastValue: null, nonFiniteCount: 0, dirtyFrom: null, keeps, kept: keeps ? emptyKept() : null, key, nonFiniteWritten: false, rewound: false };
      this.series.set(key, s);
    }
    return s;
  }

  /** A restart: points of every series of the run (or only of `key`'s) at step ≥ `step` are superseded. */
  supersedeFrom(step: number, key?: string): void {
    const only = key === undefined ? undefined : this.series.get(key);
    for (const s of key === undefined ? this.series.values() : only ? [only] : []) {
      if (s.lastStep === null || s.lastStep < step) continue;
      // What is kept no longer starts where the flush's changes start: the hooks read the points again.
      s.kept = null;
      s.rewound = true;
      const removed = this.st.countFrom.get(s.pk, step) as { n: number; nonFinite: number };
      this.st.deleteFrom.run(s.pk, step);
      s.pointCount -= removed.n;
      s.nonFiniteCount -= removed.nonFinite;
      this.pointCount -= removed.n;
      const last = this.st.lastPoint.get(s.pk) as { step: number; value: number | null } | undefined;
      s.lastStep = last ? last.step : null;
      s.lastValue = last ? (last.value ?? NaN) : null;
      if (s.dirtyFrom === null || step < s.dirtyFrom) s.dirtyFrom = step;
    }
  }

  /** The file was rewritten: every series and point of the run goes, before reading it again. */
  clearAll(): void {
    for (const s of this.series.values()) {
      for (const hook of onSeriesRemoved) hook(this.sqlite, s.pk);
      this.st.deleteSeriesPoints.run(s.pk);
    }
    this.st.deleteRunSeries.run(this.runPk);
    this.series.clear();
    this.slotKeys.length = 0;
    this.slotSeries.length = 0;
    this.pointCount = 0;
  }

  /** Writes series and run statistics and tells the hooks what changed. */
  flush(progress: RunProgressState, syncedAt: string): void {
    for (const s of this.series.values()) {
      if (s.dirtyFrom === null) continue;
      this.st.updateSeries.run(s.pointCount, s.lastStep, s.lastValue, s.nonFiniteCount, s.pk);
      const kept = s.kept && s.kept.steps[0] === s.dirtyFrom ? s.kept : null;
      const change = {
        key: s.key,
        pointCount: s.pointCount,
        appended: kept ? { length: kept.steps.length, ...kept } : undefined,
        nonFiniteWritten: s.nonFiniteWritten,
        rewound: s.rewound,
      };
      for (const hook of onSeriesAppended) hook(this.sqlite, s.pk, s.dirtyFrom, change);
      s.dirtyFrom = null;
      s.kept = s.keeps ? emptyKept() : null;
      s.nonFiniteWritten = false;
      s.rewound = false;
    }
    this.st.updateRun.run(progress.lastStep, progress.lastTokens, progress.lastTime, this.pointCount, syncedAt, this.runPk);
  }
}
