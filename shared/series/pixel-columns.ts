import type { PixelRange } from './types';

/** Maps x to its pixel column; reduceM4 and mergeBucketsM4 share it so both cut columns identically. */
export interface ColumnMapper {
  readonly width: number;
  /** The column of x, or -1 when x lies outside [x0, x1]. */
  columnOf(x: number): number;
}

export function validatePixelRange(range: PixelRange, caller: string): void {
  const { x0, x1, width } = range;
  if (!Number.isFinite(x0) || !Number.isFinite(x1)) {
    throw new RangeError(`${caller}: x0 and x1 must be finite numbers, got x0=${x0}, x1=${x1}`);
  }
  if (x1 < x0) throw new RangeError(`${caller}: x1 (${x1}) must not be less than x0 (${x0})`);
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`${caller}: width must be a whole number of pixels ≥ 1, got ${width}`);
  }
}

export function columnMapper(range: PixelRange, caller: string): ColumnMapper {
  validatePixelRange(range, caller);
  const { x0, x1, width } = range;
  const span = x1 - x0;
  // A zero-width range (a single x) is one column; the right edge x1 belongs to the last column.
  const scale = span > 0 ? width / span : 0;
  const last = width - 1;
  return {
    width,
    columnOf(x: number): number {
      if (!(x >= x0 && x <= x1)) return -1;
      const column = Math.floor((x - x0) * scale);
      return column > last ? last : column;
    },
  };
}
