import type { NumericArray } from './types';

export const MAX_SMOOTHING_WEIGHT = 0.999;

/**
 * TensorBoard's debiased exponential moving average (vz_line_chart2 `resmoothDataset`):
 *   last = last·w + (1−w)·y;  smoothed = last / (1 − w^k), k = finite points seen so far.
 * The state starts at 0 and the debias term removes that start's pull, so the first finite point is kept as is.
 * Non-finite values pass through unsmoothed and leave the state untouched; a constant series is returned
 * unchanged (TensorBoard #786: no rounding wobble on flat lines). Run it on the full-resolution series,
 * before reduction, so the smoothed line is the same at every zoom level.
 */
export function smoothEma(ys: NumericArray, weight: number): Float64Array {
  if (!(weight >= 0 && weight <= MAX_SMOOTHING_WEIGHT)) {
    throw new RangeError(`smoothEma: weight must be between 0 and ${MAX_SMOOTHING_WEIGHT}, got ${weight}`);
  }
  const n = ys.length;
  const out = new Float64Array(n);
  const first = ys[0];
  let isConstant = true;
  for (let i = 1; i < n && isConstant; i++) isConstant = ys[i] === first;
  let last = 0;
  let numAccum = 0;
  // Once w^k < 2^-55, 1 − w^k rounds to exactly 1 in double precision: skipping Math.pow from there on
  // changes no bit of the output and makes long series cheap.
  let debiasSettled = weight === 0;
  for (let i = 0; i < n; i++) {
    const y = ys[i]!;
    if (isConstant || !Number.isFinite(y)) {
      out[i] = y;
      continue;
    }
    last = last * weight + (1 - weight) * y;
    numAccum++;
    if (debiasSettled) {
      out[i] = last;
    } else {
      const decay = Math.pow(weight, numAccum);
      debiasSettled = decay < 2 ** -55;
      out[i] = last / (1 - decay);
    }
  }
  return out;
}
