import { M4Accumulator } from './m4-accumulator';
import type { NumericArray, PixelRange, ReducedSeries } from './types';

/**
 * M4 reduction of a raw series for a chart `width` pixels wide showing [x0, x1]: per pixel column, the
 * first and last point by x and the points with the column's exact minimum and maximum y, sorted by x.
 * NaN and ±Infinity values are returned as markers (first of each kind per column) and excluded from the
 * extremes. Points outside [x0, x1] are not part of the result. xs need not be sorted.
 */
export function reduceM4(xs: NumericArray, ys: NumericArray, range: PixelRange): ReducedSeries {
  if (xs.length !== ys.length) {
    throw new RangeError(`reduceM4: xs has ${xs.length} values but ys has ${ys.length}; expected equal lengths`);
  }
  const accumulator = new M4Accumulator(range, 'reduceM4');
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (!Number.isFinite(x)) throw new RangeError(`reduceM4: xs[${i}] is ${x}; expected a finite x`);
    accumulator.add(x, ys[i]!);
  }
  return accumulator.result();
}
