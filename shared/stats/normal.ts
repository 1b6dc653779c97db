import { solveLowerTail } from './invert-cdf';
import { regularizedGammaQ } from './special-functions';

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Φ(z), the standard normal CDF, via erfc(|z|/√2) = Q(½, z²/2): full precision in both tails. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN;
  if (z === -Infinity) return 0;
  if (z === Infinity) return 1;
  const tail = 0.5 * regularizedGammaQ(0.5, 0.5 * z * z);
  return z < 0 ? tail : 1 - tail;
}

/** Φ⁻¹(p): the z with Φ(z) = p. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile: expected a probability in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = Math.min(p, 1 - p);
  const z = solveLowerTail(normalCdf, normalPdf, q, roughLowerQuantile(q));
  return p < 0.5 ? z : -z;
}

/** Abramowitz & Stegun 26.2.23 (error below 4.5e-4): only a starting point for Newton. */
function roughLowerQuantile(q: number): number {
  const t = Math.sqrt(-2 * Math.log(q));
  return -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t));
}
