// Shapes shared by the series functions. Columns of numbers are plain arrays or Float64Arrays,
// so a query can hand over what SQLite gave it without copying.
export type NumericArray = Float64Array | readonly number[];

/** A series as parallel columns: xs[i] is the x of ys[i]. */
export interface Series {
  readonly xs: NumericArray;
  readonly ys: NumericArray;
}

/** The visible x range [x0, x1] drawn across `width` pixel columns. */
export interface PixelRange {
  readonly x0: number;
  readonly x1: number;
  readonly width: number;
}

export interface SeriesPoint {
  readonly x: number;
  readonly y: number;
}

export type NonFiniteKind = 'nan' | 'inf' | '-inf';

/** A point whose value was NaN or ±Infinity (a divergence): drawn as a marker, never dropped. */
export interface NonFiniteMarker {
  readonly x: number;
  readonly kind: NonFiniteKind;
}

/** What a chart receives for one series: the line (finite points, sorted by x) and the markers (sorted by x). */
export interface ReducedSeries {
  readonly points: SeriesPoint[];
  readonly markers: NonFiniteMarker[];
}

export function nonFiniteKind(y: number): NonFiniteKind {
  if (y === Infinity) return 'inf';
  if (y === -Infinity) return '-inf';
  return 'nan';
}
