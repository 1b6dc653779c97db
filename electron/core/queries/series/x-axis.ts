// The x unit of a chart and how a point's stored step, tokens or time becomes its x: a positive scale
// and an offset (FLOPs = tokens × FLOPs per token, relative time = time − run start), then log10 on a
// log axis. Every map is increasing, so an x range of points in step order stays a contiguous run.
import { STEPS, TIMES, TOKENS, VALUES } from '../../points/point-chunk';
import type { XKind } from '../../../../shared/domain/run-views';
import { END_STEP, END_TIME, END_TOKENS, REP_STEP, REP_TIME, REP_TOKENS, START_STEP, START_TIME, START_TOKENS, type PointColumns } from '../../series-summary/bucket-record';

export type { XKind } from '../../../../shared/domain/run-views';
export type XBase = 'step' | 'tokens' | 'time';

export interface XAxisMap {
  readonly kind: XKind;
  readonly base: XBase;
  readonly scale: number;
  readonly offset: number;
  readonly log: boolean;
}

export function baseOf(kind: XKind): XBase {
  if (kind === 'step') return 'step';
  if (kind === 'tokens' || kind === 'flops') return 'tokens';
  return 'time';
}

/** The chart x of a stored value; NaN when the point has no such value or it cannot sit on a log axis. */
export function mapX(axis: XAxisMap, value: number): number {
  const x = value * axis.scale + axis.offset;
  if (!axis.log) return x;
  return x > 0 ? Math.log10(x) : NaN;
}

/** Where a bucket record keeps its start/end and a representative's x for this axis. */
export function recordOffsets(base: XBase): { start: number; end: number; rep: number } {
  if (base === 'step') return { start: START_STEP, end: END_STEP, rep: REP_STEP };
  if (base === 'tokens') return { start: START_TOKENS, end: END_TOKENS, rep: REP_TOKENS };
  return { start: START_TIME, end: END_TIME, rep: REP_TIME };
}

/** The point columns a read must fill to place points on an axis of this base: its x and the values. */
export function columnsFor(base: XBase): number {
  return STEPS | VALUES | (base === 'tokens' ? TOKENS : 0) | (base === 'time' ? TIMES : 0);
}

export function baseColumn(points: PointColumns, base: XBase): Float64Array {
  return base === 'step' ? points.steps : base === 'tokens' ? points.tokens : points.times;
}
