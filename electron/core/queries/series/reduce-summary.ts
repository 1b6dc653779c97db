// The chart query for one series: M4 per pixel column from the multi-resolution summary. It walks down
// from the coarsest level to the coarsest one with at least a bucket per pixel column over the visible
// range, takes every bucket that falls inside one column as it is, and opens a bucket that straddles a
// column edge (into its four children; a 64-point bucket into the points of the quarters that matter)
// only while one of its quarters could still hold a column's exact minimum or maximum, or a non-finite
// kind the column does not show yet. So each column ends up with its exact extremes, and the work grows
// with the pixel width, not with the run's length. Zoomed in deeper than 64 points a column, it reads
// the visible points.
import type { PixelRange, ReducedSeries } from '../../../../shared/series';
import { M4Accumulator } from '../../../../shared/series/m4-accumulator';
import { columnMapper } from '../../../../shared/series/pixel-columns';
import { FIELDS, START_STEP, END_STEP, COUNT } from '../../series-summary/bucket-record';
import { LEVEL_FACTOR, bucketPoints } from '../../series-summary/summary-levels';
import { ColumnState } from './column-state';
import { bucketTotal, type BucketRun, type SummarySource } from './summary-source';
import { baseColumn, columnsFor, mapX, recordOffsets, type XAxisMap } from './x-axis';

/** Buckets per pixel column at the level the query starts from. */
export const BUCKETS_PER_COLUMN = 1;

export interface SummaryReduction {
  reduced: ReducedSeries;
  /** The level read first (−1 when the points were read directly). */
  level: number;
  bucketsRead: number;
  pointsRead: number;
}

interface Window {
  level: number;
  first: number;
  records: Float64Array;
  count: number;
}

/** Narrows a window of records to the buckets that reach into [x0, x1]; null when none does. */
function visiblePart(window: Window, state: ColumnState): Window | null {
  let lo = 0;
  let hi = window.count - 1;
  while (lo <= hi && state.placement(window.records, lo * FIELDS) === 'outside') lo++;
  while (hi >= lo && state.placement(window.records, hi * FIELDS) === 'outside') hi--;
  if (lo > hi) return null;
  return { level: window.level, first: window.first + lo, records: window.records.subarray(lo * FIELDS, (hi + 1) * FIELDS), count: hi - lo + 1 };
}

/**
 * The visible buckets one level down from [lo, hi]: only the children of the two edge buckets can be
 * outside the range, so only they are looked at; the records in between are read at the target level.
 */
function visibleChildren(source: SummarySource, state: ColumnState, level: number, lo: number, hi: number): [number, number] | null {
  const total = bucketTotal(source, level - 1);
  const childrenOf = (parent: number) => {
    const list: number[] = [];
    for (let c = parent * LEVEL_FACTOR; c < Math.min(total, (parent + 1) * LEVEL_FACTOR); c++) list.push(c);
    return list;
  };
  let first = -1;
  for (let parent = lo; parent <= hi && first < 0; parent++) {
    const children = childrenOf(parent);
    const lookup = source.bucketsOf(level - 1, children);
    first = children.find((c) => state.placement(lookup(c).records, lookup(c).at) !== 'outside') ?? -1;
  }
  if (first < 0) return null;
  let last = -1;
  for (let parent = hi; parent >= lo && last < 0; parent--) {
    const children = childrenOf(parent);
    const lookup = source.bucketsOf(level - 1, children);
    last = [...children].reverse().find((c) => state.placement(lookup(c).records, lookup(c).at) !== 'outside') ?? -1;
  }
  return last >= first ? [first, last] : null;
}

/** Points in the visible range, estimated from bucket counts and how much of each bucket's x span is visible. */
function visiblePoints(window: Window, axis: XAxisMap, range: PixelRange): number {
  const { start, end } = recordOffsets(axis.base);
  let total = 0;
  for (let b = 0; b < window.count; b++) {
    const at = b * FIELDS;
    const sx = mapX(axis, window.records[at + start]);
    const ex = mapX(axis, window.records[at + end]);
    const span = ex - sx;
    const seen = span > 0 ? (Math.min(ex, range.x1) - Math.max(sx, range.x0)) / span : 1;
    total += window.records[at + COUNT] * Math.min(1, Math.max(0, Number.isFinite(seen) ? seen : 1));
  }
  return total;
}

function reduceRawPoints(source: SummarySource, window: Window, axis: XAxisMap, range: PixelRange): SummaryReduction {
  const runs: BucketRun[] = [
    {
      first: window.first,
      last: window.first + window.count - 1,
      fromStep: window.records[START_STEP],
      toStep: window.records[(window.count - 1) * FIELDS + END_STEP],
    },
  ];
  const points = source.points(runs, columnsFor(axis.base));
  const base = baseColumn(points, axis.base);
  // The summary answers only where x rises with step, so columns come in runs; a log axis takes the general way.
  const reduced = axis.log ? reducePointColumns(points.length, base, points.values, axis, range) : reduceRisingPoints(points.length, base, points.values, axis, range);
  return { reduced, level: -1, bucketsRead: 0, pointsRead: points.length };
}

/**
 * M4 of raw columns on an axis; points this axis cannot place are left out. The points go straight into
 * the accumulator (a zoom can hold millions: no arrays of them are built).
 */
export function reducePointColumns(length: number, base: Float64Array, values: Float64Array, axis: XAxisMap, range: PixelRange): ReducedSeries {
  const accumulator = new M4Accumulator(range, 'getSeries');
  for (let i = 0; i < length; i++) {
    const x = mapX(axis, base[i]);
    if (Number.isFinite(x)) accumulator.add(x, values[i]);
  }
  const reduced = accumulator.result();
  if (!axis.log) return reduced;
  // A log axis answers in linear units: give back the stored x of each point kept, not 10^log10(x).
  const kept = new Set<number>();
  for (const p of reduced.points) kept.add(p.x);
  for (const m of reduced.markers) kept.add(m.x);
  const exact = new Map<number, number>();
  for (let i = 0; i < length; i++) {
    const x = mapX(axis, base[i]);
    if (kept.has(x)) exact.set(x, base[i] * axis.scale + axis.offset);
  }
  const linear = (x: number) => exact.get(x) ?? 10 ** x;
  return {
    points: reduced.points.map((p) => ({ x: linear(p.x), y: p.y })),
    markers: reduced.markers.map((m) => ({ x: linear(m.x), kind: m.kind })),
  };
}

/**
 * reducePointColumns for points whose x never falls (in step order) on a linear axis: a column's points
 * are consecutive, so each column's first, lowest, highest and last finite point are found in a tight
 * loop and only those (and the non-finite points) go into the accumulator, in their order. The
 * accumulator keeps the first of equal extremes and the last point, so it answers as if fed every point.
 */
export function reduceRisingPoints(length: number, base: Float64Array, values: Float64Array, axis: XAxisMap, range: PixelRange): ReducedSeries {
  const accumulator = new M4Accumulator(range, 'getSeries');
  const columns = columnMapper(range, 'getSeries');
  const { scale, offset } = axis;
  const x = (i: number) => base[i] * scale + offset;
  let i = 0;
  while (i < length) {
    const column = columns.columnOf(x(i));
    if (column < 0) {
      i++;
      continue;
    }
    let first = -1;
    let low = -1;
    let high = -1;
    let last = -1;
    for (; i < length && columns.columnOf(x(i)) === column; i++) {
      const y = values[i];
      if (!Number.isFinite(y)) {
        accumulator.add(x(i), y);
        continue;
      }
      if (first < 0) first = low = high = i;
      else {
        if (y < values[low]) low = i;
        if (y > values[high]) high = i;
      }
      last = i;
    }
    if (first < 0) continue;
    const picks = [first, low, high, last].sort((a, b) => a - b);
    for (let k = 0; k < 4; k++) if (k === 0 || picks[k] !== picks[k - 1]) accumulator.add(x(picks[k]), values[picks[k]]);
  }
  return accumulator.result();
}

/** A straddler to open into points: only those that beat what its columns hold are needed. */
function runOf(bucket: number, { records, at }: { records: Float64Array; at: number }, state: ColumnState): BucketRun {
  return { first: bucket, last: bucket, ...state.probe(records, at) };
}

function openIntoPoints(source: SummarySource, state: ColumnState, axis: XAxisMap, runs: BucketRun[]): number {
  if (runs.length === 0) return 0;
  const points = source.points(runs, columnsFor(axis.base));
  const base = baseColumn(points, axis.base);
  for (let i = 0; i < points.length; i++) state.addPoint(base[i], points.values[i]);
  return points.length;
}

export function reduceFromSummary(source: SummarySource, axis: XAxisMap, range: PixelRange): SummaryReduction {
  const state = new ColumnState(range, axis);
  const coarsest = source.levelCount - 1;
  let window: Window | null = { level: coarsest, first: 0, records: source.levelRange(coarsest, 0, bucketTotal(source, coarsest) - 1), count: bucketTotal(source, coarsest) };
  let bucketsRead = window.count;
  window = visiblePart(window, state);
  if (!window) return { reduced: { points: [], markers: [] }, level: coarsest, bucketsRead, pointsRead: 0 };
  const perColumn = visiblePoints(window, axis, range) / range.width;
  let target = -1;
  for (let level = coarsest; level >= 0; level--) {
    if (bucketPoints(level) * BUCKETS_PER_COLUMN <= perColumn) {
      target = level;
      break;
    }
  }
  const stopAt = Math.max(target, 0);
  let lo = window.first;
  let hi = window.first + window.count - 1;
  for (let level = coarsest; level > stopAt; level--) {
    const children = visibleChildren(source, state, level, lo, hi);
    if (!children) return { reduced: { points: [], markers: [] }, level: stopAt, bucketsRead, pointsRead: 0 };
    [lo, hi] = children;
  }
  if (target < 0) {
    if (stopAt < coarsest) window = { level: stopAt, first: lo, records: source.levelRange(stopAt, lo, hi), count: hi - lo + 1 };
    const raw = reduceRawPoints(source, window, axis, range);
    return { ...raw, bucketsRead: bucketsRead + window.count };
  }

  // Buckets inside one column go in as they are; those straddling an edge wait to see whether they must open.
  const straddlers: { records: Float64Array; at: number; bucket: number }[] = [];
  source.eachBucket(stopAt, lo, hi, (records, at, bucket) => {
    const column = state.columnOfBucket(records, at);
    if (column >= 0) state.addInside(records, at, column);
    else if (column === -1) {
      state.addRecord(records, at);
      straddlers.push({ records, at, bucket });
    }
  });
  bucketsRead += hi - lo + 1;
  let open = straddlers.filter((s) => state.needsOpening(s.records, s.at));
  let level = stopAt;
  let pointsRead = 0;
  if (level === 0) pointsRead += openIntoPoints(source, state, axis, open.map((s) => runOf(s.bucket, s, state)));
  while (open.length > 0 && level > 0) {
    level--;
    const total = bucketTotal(source, level);
    const children: number[] = [];
    for (const parent of open) for (let c = parent.bucket * LEVEL_FACTOR; c < Math.min(total, (parent.bucket + 1) * LEVEL_FACTOR); c++) children.push(c);
    const lookup = source.bucketsOf(level, children);
    bucketsRead += children.length;
    const next: { records: Float64Array; at: number; bucket: number }[] = [];
    for (const child of children) {
      const { records, at } = lookup(child);
      const column = state.columnOfBucket(records, at);
      if (column >= 0) state.addInside(records, at, column);
      else if (column === -1) {
        state.addRecord(records, at);
        next.push({ records, at, bucket: child });
      }
    }
    open = next.filter((s) => state.needsOpening(s.records, s.at));
    if (level === 0) {
      pointsRead += openIntoPoints(source, state, axis, open.map((s) => runOf(s.bucket, s, state)));
      open = [];
    }
  }
  return { reduced: state.result(), level: stopAt, bucketsRead, pointsRead };
}

