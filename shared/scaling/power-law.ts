import type { PowerLawFit } from './types';

/**
 * Fits y = k·x^exponent by ordinary least squares of log y on log x.
 * Non-positive or non-finite pairs are ignored; returns null with fewer than 2 usable
 * points or a single distinct x (no slope to fit).
 */
export function fitPowerLaw(x: ArrayLike<number>, y: ArrayLike<number>): PowerLawFit | null {
  const lx: number[] = [];
  const ly: number[] = [];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    if (xi > 0 && yi > 0 && Number.isFinite(xi) && Number.isFinite(yi)) {
      lx.push(Math.log(xi));
      ly.push(Math.log(yi));
    }
  }
  const n = lx.length;
  if (n < 2) return null;
  const mx = lx.reduce((s, v) => s + v, 0) / n;
  const my = ly.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = lx[i]! - mx;
    const dy = ly[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (!(sxx > 0)) return null;
  const exponent = sxy / sxx;
  const intercept = my - exponent * mx;
  const sse = Math.max(0, syy - exponent * sxy);
  return {
    k: Math.exp(intercept),
    exponent,
    exponentStdError: n > 2 ? Math.sqrt(sse / (n - 2) / sxx) : NaN,
    r2: syy > 0 ? 1 - sse / syy : 1,
    points: n,
  };
}
