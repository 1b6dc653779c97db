// The effective-compute multiplier of a variant over a baseline at compute C: the compute the
// baseline needs, on its own compute-optimal frontier, to reach the loss the variant reaches on
// its frontier at C, divided by C. A variant equal to the baseline with its compute scaled by k
// has multiplier k at every C.
import { computeForFrontierLoss, frontierLoss } from './compute-optimal';
import type { ChinchillaParams } from './types';

export interface MultiplierPoint {
  C: number;
  /** Variant's loss on its compute-optimal frontier at C. */
  variantLoss: number;
  /** Compute the baseline needs for that loss (Infinity when below the baseline's E). */
  baselineCompute: number;
  multiplier: number;
  /** False when the baseline can never reach the variant's loss: the multiplier is unbounded. */
  reachable: boolean;
}

export function effectiveComputeMultiplier(baseline: ChinchillaParams, variant: ChinchillaParams, C: number): MultiplierPoint {
  const variantLoss = frontierLoss(variant, C);
  const baselineCompute = computeForFrontierLoss(baseline, variantLoss);
  return {
    C,
    variantLoss,
    baselineCompute,
    multiplier: baselineCompute / C,
    reachable: Number.isFinite(baselineCompute),
  };
}

export function multiplierCurve(baseline: ChinchillaParams, variant: ChinchillaParams, grid: readonly number[]): MultiplierPoint[] {
  return grid.map((C) => effectiveComputeMultiplier(baseline, variant, C));
}

/**
 * Least-squares slope of ln(multiplier) against ln C: > 0 when the gain grows with scale.
 * +Infinity when the multiplier becomes unbounded within the grid (the variant goes below the
 * baseline's irreducible loss), NaN when fewer than two points are defined.
 */
export function multiplierLogSlope(grid: readonly number[], multipliers: readonly number[]): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < grid.length; i++) {
    const m = multipliers[i]!;
    if (m === Infinity) return Infinity;
    if (m > 0 && Number.isFinite(m)) {
      xs.push(Math.log(grid[i]!));
      ys.push(Math.log(m));
    }
  }
  if (xs.length < 2) return NaN;
  const mx = xs.reduce((s, v) => s + v, 0) / xs.length;
  const my = ys.reduce((s, v) => s + v, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/**
 * Compute values where the multiplier crosses 1 (the variant's advantage changes sign),
 * interpolated in log–log between the grid points on either side. Touching 1 is not a crossing.
 */
export function multiplierCrossings(grid: readonly number[], multipliers: readonly number[]): number[] {
  const crossings: number[] = [];
  let lastX = NaN;
  let lastY = NaN;
  for (let i = 0; i < grid.length; i++) {
    const m = multipliers[i]!;
    if (!(m > 0)) continue;
    const y = Math.log(m);
    if (y === 0) continue;
    const x = Math.log(grid[i]!);
    if (!Number.isNaN(lastY) && Math.sign(y) !== Math.sign(lastY)) {
      const t = Number.isFinite(y) ? lastY / (lastY - y) : 0;
      crossings.push(Math.exp(lastX + t * (x - lastX)));
    }
    lastX = x;
    lastY = y;
  }
  return crossings;
}
