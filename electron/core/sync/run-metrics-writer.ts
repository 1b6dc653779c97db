// Writes the points of one run and keeps its series and run statistics current. Points go into each
// series' open chunk in memory (electron/core/points); the caller owns the transaction, and flush()
// writes the open chunks, the statistics and calls the series hooks inside it.
//
// A lab-store run's tokens and time are kept once per step in the run's axis, not in every series: its
// lines carry them for every metric at once. A source's metrics (TensorBoard, MLflow, W&B) carry their
// own times, so their series keep tokens and time in their own chunks.
//
// Invariant used for the statistics: within a series, every stored point has step ≤ last_step,
// because lines arrive in step order and a lower step (a restart) first deletes every point at
// or above it. So a point at step > last_step is new, and one at step = last_step replaces it.
// placeByTime (MLflow) is the one way to write below the last step: such points wait in the series'
// `placed` list and are merged into the chunks at the flush, one rewrite of the tail for all of them.
import type Database from 'better-sqlite3';
import { chunkTables } from '../points/chunk-rows';
import { isNonFinite, openSeriesChunk, type OpenChunk } from '../points/open-chunk';
import { STEPS, TIMES, TOKENS, VALUES } from '../points/point-chunk';
import { mergePlacedPoints, type PlacedPoint } from '../points/place-points';
import { RunAxisTail } from '../points/run-axis-tail';
import { keepAppendedPointsOf, onSeriesAppended, onSeriesRemoved } from './series-hooks';

interface SeriesState {
  pk: number;
  key: string;
  pointCount: number;
  lastStep: number | null;
  /** NaN for a NaN value; null only when the series has no points. */
  lastValue: number | null;
  nonFiniteCount: number;
  /** Lowest step written or superseded since the last flush, or null when untouched. */
  dirtyFrom: number | null;
  chunk: OpenChunk;
  /** Points placed at or below the last step, in the order placed, waiting for the flush's merge. */
  placed: PlacedPoint[] | null;
  /** The points appended since the last flush, for the hooks; null when not kept or no longer exactly those. */
  kept: { steps: number[]; values: number[]; times: number[] } | null;
  keeps: boolean;
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

function statements(sqlite: Database.Database) {
  return {
    runSource: sqlite.prepare('SELECT source FROM runs WHERE pk = ?').pluck(),
    insertSeries: sqlite.prepare('INSERT INTO series (run_pk, key) VALUES (?, ?)'),
    loadSeries: sqlite.prepare(
      'SELECT pk, key, point_count AS pointCount, last_step AS lastStep, last_value AS lastValue, non_finite_count AS nonFiniteCount FROM series WHERE run_pk = ?',
    ),
    updateSeries: sqlite.prepare('UPDATE series SET point_count = ?, last_step = ?, last_value = ?, non_finite_count = ? WHERE pk = ?'),
    deleteRunSeries: sqlite.prepare('DELETE FROM series WHERE run_pk = ?'),
    deleteRunAxis: sqlite.prepare('DELETE FROM run_axis_chunks WHERE run_pk = ?'),
    updateRun: sqlite.prepare('UPDATE runs SET last_step = ?, last_tokens = ?, last_time = ?, point_count = ?, synced_at = ? WHERE pk = ?'),
  };
}

type MetricsStatements = ReturnType<typeof statements>;
const statementCache = new WeakMap<Database.Database, MetricsStatements>();

function metricsStatements(sqlite: Database.Database): MetricsStatements {
  let st = statementCache.get(sqlite);
  if (!st) statementCache.set(sqlite, (st = statements(sqlite)));
  return st;
}

export class RunMetricsWriter {
  private readonly series = new Map<string, SeriesState>();
  /** The series of each key position of the last line: lines usually repeat their keys in order. */
  private readonly slotKeys: string[] = [];
  private readonly slotSeries: SeriesState[] = [];
  private pointCount = 0;
  /** Null for a source's run, whose series keep their own tokens and time. */
  private readonly axis: RunAxisTail | null;
  private readonly seriesMask: number;
  private readonly st: MetricsStatements;
  /** Points written (inserted or replaced) by this writer. */
  pointsWritten = 0;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly runPk: number,
  ) {
    this.st = metricsStatements(sqlite);
    const labStore = (this.st.runSource.get(runPk) ?? 'labstore') === 'labstore';
    this.axis = labStore ? new RunAxisTail(sqlite, runPk) : null;
    this.seriesMask = labStore ? STEPS | VALUES : STEPS | VALUES | TOKENS | TIMES;
    const rows = this.st.loadSeries.all(runPk) as Array<Pick<SeriesState, 'pk' | 'key' | 'pointCount' | 'lastStep' | 'lastValue' | 'nonFiniteCount'>>;
    for (const row of rows) {
      const hasPoints = row.lastStep !== null;
      this.series.set(row.key, this.newState(row.pk, row.key, {
        pointCount: row.pointCount,
        lastStep: row.lastStep,
        lastValue: hasPoints ? (row.lastValue ?? NaN) : null,
        nonFiniteCount: row.nonFiniteCount,
      }));
      this.pointCount += row.pointCount;
    }
  }

  private newState(pk: number, key: string, stats: Pick<SeriesState, 'pointCount' | 'lastStep' | 'lastValue' | 'nonFiniteCount'>): SeriesState {
    const keeps = keepsPoints(key);
    return {
      pk,
      key,
      ...stats,
      dirtyFrom: null,
      chunk: openSeriesChunk(this.sqlite, pk, this.seriesMask),
      placed: null,
      keeps,
      kept: keeps ? emptyKept() : null,
      nonFiniteWritten: false,
      rewound: false,
    };
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
    const tk = tokens ?? NaN;
    const tm = time ?? NaN;
    this.axis?.note(step, tk, tm);
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
        kept.times[at] = tm;
      }
    }
    if (s.lastStep === step) {
      s.rewound = true;
      if (isNonFinite(s.lastValue!)) s.nonFiniteCount--;
      s.chunk.replaceLast(value, tk, tm);
    } else {
      s.chunk.append(step, value, tk, tm);
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
   * was logged later (by `time`), so the chart shows per step the entry logged last. A point at or
   * below the last step waits for the flush, which merges every such point into the chunks at once.
   */
  placeByTime(key: string, step: number, time: number | null, value: number): void {
    const s = this.seriesOf(key);
    if (s.lastStep === null || step > s.lastStep) {
      this.append(0, key, step, null, time, value);
      return;
    }
    (s.placed ??= []).push({ step, time: time ?? NaN, value });
    // The kept points no longer are the series from the flush's first change on: the hooks read them back.
    s.kept = null;
    if (s.dirtyFrom === null || step < s.dirtyFrom) s.dirtyFrom = step;
  }

  /** Merges the placed points into the chunks and the statistics. */
  private settlePlaced(s: SeriesState): void {
    const placed = s.placed;
    if (!placed) return;
    s.placed = null;
    const merged = mergePlacedPoints(this.sqlite, s.pk, s.chunk, placed);
    s.pointCount += merged.added;
    this.pointCount += merged.added;
    s.nonFiniteCount += merged.nonFiniteChange;
    this.pointsWritten += merged.written;
    if (merged.replaced) s.rewound = true;
    if (merged.nonFiniteWritten) s.nonFiniteWritten = true;
    const tail = s.chunk.columns();
    s.lastStep = tail.length > 0 ? tail.steps[tail.length - 1]! : null;
    s.lastValue = tail.length > 0 ? tail.values![tail.length - 1]! : null;
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
    chunkTables(this.sqlite).series.deleteFrom(s.pk, 0);
    s.chunk.reset();
    this.pointCount -= s.pointCount;
    Object.assign(s, { pointCount: 0, lastStep: null, lastValue: null, nonFiniteCount: 0, dirtyFrom: 0, placed: null, kept: null });
    const slot = this.slotKeys.indexOf(key);
    if (slot >= 0) this.slotKeys[slot] = '';
  }

  private seriesOf(key: string): SeriesState {
    let s = this.series.get(key);
    if (s === undefined) {
      const pk = Number(this.st.insertSeries.run(this.runPk, key).lastInsertRowid);
      s = this.newState(pk, key, { pointCount: 0, lastStep: null, lastValue: null, nonFiniteCount: 0 });
      this.series.set(key, s);
    }
    return s;
  }

  /** A restart: points of every series of the run (or only of `key`'s) at step ≥ `step` are superseded. */
  supersedeFrom(step: number, key?: string): void {
    if (key === undefined) this.axis?.truncateFrom(step);
    const only = key === undefined ? undefined : this.series.get(key);
    for (const s of key === undefined ? this.series.values() : only ? [only] : []) {
      this.settlePlaced(s);
      if (s.lastStep === null || s.lastStep < step) continue;
      // What is kept no longer starts where the flush's changes start: the hooks read the points again.
      s.kept = null;
      s.rewound = true;
      const removed = s.chunk.truncateFrom(step);
      s.pointCount -= removed.points;
      s.nonFiniteCount -= removed.nonFinite;
      this.pointCount -= removed.points;
      const tail = s.chunk.columns();
      s.lastStep = tail.length > 0 ? tail.steps[tail.length - 1]! : null;
      s.lastValue = tail.length > 0 ? tail.values![tail.length - 1]! : null;
      if (s.dirtyFrom === null || step < s.dirtyFrom) s.dirtyFrom = step;
    }
  }

  /** The file was rewritten: every series and point of the run goes, before reading it again. */
  clearAll(): void {
    for (const s of this.series.values()) for (const hook of onSeriesRemoved) hook(this.sqlite, s.pk);
    // Chunks go with their series (ON DELETE CASCADE).
    this.st.deleteRunSeries.run(this.runPk);
    this.st.deleteRunAxis.run(this.runPk);
    this.axis?.reset();
    this.series.clear();
    this.slotKeys.length = 0;
    this.slotSeries.length = 0;
    this.pointCount = 0;
  }

  /** Writes the open chunks, series and run statistics, and tells the hooks what changed. */
  flush(progress: RunProgressState, syncedAt: string): void {
    // The axis first: the hooks read each series' tokens and time through it.
    this.axis?.flush();
    for (const s of this.series.values()) {
      if (s.dirtyFrom === null) continue;
      this.settlePlaced(s);
      s.chunk.flush();
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
