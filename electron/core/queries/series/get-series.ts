// getSeries: many runs × metrics at one pixel width over one x range, each reduced to M4 per pixel column
// (from the multi-resolution summary where it can answer, else from the points), non-finite values as
// markers, and the smoothed line when asked — smoothed over every point first, then reduced the same way.
import type Database from 'better-sqlite3';
import type { ChartSeries, SeriesResult, XKind } from '../../../../shared/domain/run-views';
import { smoothEma, type PixelRange, type ReducedSeries } from '../../../../shared/series';
import { END_STEP, END_TIME, END_TOKENS, START_STEP, START_TIME, START_TOKENS, TIME_DROPS, TIME_GAPS, TOKENS_DROPS, TOKENS_GAPS, type PointColumns } from '../../series-summary/bucket-record';
import { firstPointWhere } from '../../points/point-lookups';
import { readPointsAfter } from '../../series-summary/read-points';
import type { TrustOf } from '../runs/eval-trust';
import { reduceFromSummary, reducePointColumns } from './reduce-summary';
import { runAxis } from './run-axis';
import { findSeriesTargets, type SeriesTarget } from './series-targets';
import { smoothedSummary, storedLevel0 } from './smoothed-summary';
import { CacheSummarySource } from './summary-source';
import { baseColumn, mapX, type XAxisMap } from './x-axis';

export interface SeriesQuery {
  runIds: readonly string[];
  metrics: readonly string[];
  width: number;
  from?: number;
  to?: number;
  x: XKind;
  xLog: boolean;
  smoothing: number;
}

export class SeriesQueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeriesQueryError';
  }
}

interface Prepared {
  target: SeriesTarget;
  axis: XAxisMap | null;
  note: string | null;
  /** Whether the stored summary can answer on this axis (x rises with step, every point has one). */
  summaryFits: boolean;
  /** Points read whole, for series the summary cannot answer. */
  points: PointColumns | null;
  extent: [number, number] | null;
  /** Points with no value in the x unit (no tokens or time logged). */
  unplaced: number;
  /** Points whose x is 0 or less, which a log axis cannot place. */
  belowLogAxis: number;
}

function summaryFits(target: SeriesTarget, axis: XAxisMap): boolean {
  const summary = target.summary;
  if (!summary || summary.levelCount === 0) return false;
  const t = summary.totals;
  if (axis.base === 'tokens') return t[TOKENS_GAPS] === 0 && t[TOKENS_DROPS] === 0;
  if (axis.base === 'time') return t[TIME_GAPS] === 0 && t[TIME_DROPS] === 0;
  return true;
}

/** The first point's x that a log axis can show: the first positive one (x rises with step here). */
function firstPositive(sqlite: Database.Database, seriesPk: number, axis: XAxisMap): { value: number; before: number } | null {
  const column = axis.base;
  const found = firstPointWhere(sqlite, seriesPk, (p, i) => (column === 'step' ? p.steps : column === 'tokens' ? p.tokens : p.times)[i]! * axis.scale + axis.offset > 0);
  if (!found) return null;
  return { value: column === 'step' ? found.step : column === 'tokens' ? found.tokens : found.time, before: found.index };
}

function prepare(sqlite: Database.Database, target: SeriesTarget, query: SeriesQuery): Prepared {
  const none = (note: string): Prepared => ({ target, axis: null, note, summaryFits: false, points: null, extent: null, unplaced: 0, belowLogAxis: 0 });
  if (!target.run) return none(`no run "${target.runId}" in the cache`);
  if (target.seriesPk === null || target.pointCount === 0) return none(`run ${target.runId} has not logged ${target.metric}`);
  const made = runAxis(sqlite, target.run, query.x, query.xLog);
  if ('note' in made) return none(made.note);
  const axis = made.axis;
  if (summaryFits(target, axis)) {
    const t = target.summary!.totals;
    const [start, end] = axis.base === 'step' ? [START_STEP, END_STEP] : axis.base === 'tokens' ? [START_TOKENS, END_TOKENS] : [START_TIME, END_TIME];
    let lo = mapX(axis, t[start]);
    let belowLogAxis = 0;
    // The summary answers only where every point has this x and it rises with step: the points before the
    // first positive one are all at 0 or less.
    if (axis.log && !Number.isFinite(lo)) {
      const positive = firstPositive(sqlite, target.seriesPk, axis);
      if (!positive) return { ...none(`no ${query.x} of run ${target.runId} is above 0, so none can sit on a log axis`), belowLogAxis: target.pointCount };
      lo = mapX(axis, positive.value);
      belowLogAxis = positive.before;
    }
    return { target, axis, note: null, summaryFits: true, points: null, extent: [lo, mapX(axis, t[end])], unplaced: 0, belowLogAxis };
  }
  const points = readPointsAfter(sqlite, target.seriesPk);
  const base = baseColumn(points, axis.base);
  let lo = Infinity;
  let hi = -Infinity;
  let unplaced = 0;
  let belowLogAxis = 0;
  for (let i = 0; i < points.length; i++) {
    const x = mapX(axis, base[i]);
    if (!Number.isFinite(base[i])) unplaced++;
    else if (!Number.isFinite(x)) belowLogAxis++;
    else {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  const note = lo > hi ? `run ${target.runId} logged no ${query.x === 'flops' ? 'tokens' : axis.base}${query.xLog ? ' above 0' : ''} with ${target.metric}` : null;
  return { target, axis, note, summaryFits: false, points, extent: lo <= hi ? [lo, hi] : null, unplaced, belowLogAxis };
}

function pixelRange(prepared: Prepared[], query: SeriesQuery): PixelRange | null {
  const toAxis = (v: number) => (query.xLog ? Math.log10(v) : v);
  if (query.xLog && ((query.from !== undefined && query.from <= 0) || (query.to !== undefined && query.to <= 0))) {
    throw new SeriesQueryError(`from and to must be above 0 on a log x axis (got from=${query.from}, to=${query.to})`);
  }
  const extents = prepared.flatMap((p) => (p.extent ? [p.extent] : []));
  const x0 = query.from !== undefined ? toAxis(query.from) : Math.min(...extents.map((e) => e[0]));
  const x1 = query.to !== undefined ? toAxis(query.to) : Math.max(...extents.map((e) => e[1]));
  if (!Number.isFinite(x0) || !Number.isFinite(x1)) return null;
  if (x1 < x0) throw new SeriesQueryError(`to (${query.to}) must not be less than from (${query.from})`);
  return { x0, x1, width: query.width };
}

function reduceRaw(p: Prepared, range: PixelRange, smoothing: number): { reduced: ReducedSeries; smoothed: ReducedSeries | null } {
  const points = p.points!;
  const base = baseColumn(points, p.axis!.base);
  const reduced = reducePointColumns(points.length, base, points.values, p.axis!, range);
  const smoothed = smoothing > 0 ? reducePointColumns(points.length, base, smoothEma(points.values.subarray(0, points.length), smoothing), p.axis!, range) : null;
  return { reduced, smoothed };
}

function reduceSummarized(sqlite: Database.Database, p: Prepared, range: PixelRange, smoothing: number): { reduced: ReducedSeries; smoothed: ReducedSeries | null } {
  const { target } = p;
  const source = new CacheSummarySource(sqlite, target.seriesPk!, target.summary!);
  const { reduced } = reduceFromSummary(source, p.axis!, range);
  if (smoothing === 0) return { reduced, smoothed: null };
  const pk = target.seriesPk!;
  const smoothedSource = smoothedSummary(sqlite, pk, target.summary!.generation, smoothing, p.axis!.base, () => storedLevel0(sqlite, pk, target.summary!.pointCount));
  return { reduced, smoothed: reduceFromSummary(smoothedSource, p.axis!, range).reduced };
}

function chartSeries(p: Prepared, trust: TrustOf, reduced: ReducedSeries | null, smoothed: ReducedSeries | null): ChartSeries {
  return {
    runId: p.target.runId,
    metric: p.target.metric,
    xs: reduced ? reduced.points.map((q) => q.x) : [],
    ys: reduced ? reduced.points.map((q) => q.y) : [],
    markerXs: reduced ? reduced.markers.map((m) => m.x) : [],
    markerKinds: reduced ? reduced.markers.map((m) => m.kind) : [],
    smoothed: smoothed ? { xs: smoothed.points.map((q) => q.x), ys: smoothed.points.map((q) => q.y) } : null,
    pointCount: p.target.pointCount,
    unplaced: p.unplaced,
    belowLogAxis: p.belowLogAxis,
    read: p.summaryFits ? 'summary' : 'points',
    note: p.note,
    trust: trust(p.target.metric),
  };
}

/**
 * One read transaction for the whole chart: the sync writes from another connection, and a summary's
 * state and chunks must come from the same moment (WAL gives the snapshot without blocking the writer).
 */
export function getSeries(sqlite: Database.Database, query: SeriesQuery, trust: TrustOf): SeriesResult {
  return sqlite.transaction(() => readSeries(sqlite, query, trust))();
}

function readSeries(sqlite: Database.Database, query: SeriesQuery, trust: TrustOf): SeriesResult {
  const prepared = findSeriesTargets(sqlite, query.runIds, query.metrics).map((target) => prepare(sqlite, target, query));
  const range = pixelRange(prepared, query);
  const linear = (v: number) => (query.xLog ? 10 ** v : v);
  const series = prepared.map((p) => {
    if (!range || !p.axis || p.note) return chartSeries(p, trust, null, null);
    const { reduced, smoothed } = p.summaryFits ? reduceSummarized(sqlite, p, range, query.smoothing) : reduceRaw(p, range, query.smoothing);
    return chartSeries(p, trust, reduced, smoothed);
  });
  return {
    x: query.x,
    xLog: query.xLog,
    width: query.width,
    from: range ? (query.from ?? linear(range.x0)) : null,
    to: range ? (query.to ?? linear(range.x1)) : null,
    smoothing: query.smoothing,
    series,
  };
}
