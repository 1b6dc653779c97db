import { solveLowerTail } from './invert-cdf';
import { normalCdf, normalPdf, normalQuantile } from './normal';
import { logBeta, regularizedIncompleteBeta } from './special-functions';

function checkDf(df: number, caller: string): void {
  if (!(df > 0)) throw new RangeError(`${caller}: degrees of freedom must be > 0 (Infinity for the normal), got ${df}`);
}

/**
 * Past this df the incomplete-beta continued fraction needs very many terms and drifts (1e-10 at df = 1e7, 1e-9 at 1e9),
 * while the normal deviate below is exact to O(1/df²), far under double precision here.
 */
const LARGE_DF = 1e6;

/** z = t·(1 − 1/(4·df)) / sqrt(1 + t²/(2·df)) has P(Z ≤ z) ≈ P(T ≤ t) (Abramowitz & Stegun 26.7.8). */
function largeDfNormalDeviate(t: number, df: number): number {
  if (df === Infinity) return t;
  return (t * (1 - 1 / (4 * df))) / Math.sqrt(1 + (t * t) / (2 * df));
}

/**
 * P(|T| ≥ |t|) for Student's t with df degrees of freedom (fractional df allowed, as Welch needs):
 * I_x(df/2, ½) with x = df/(df + t²), computed directly so small p-values keep their precision.
 */
export function studentTTwoSidedP(t: number, df: number): number {
  checkDf(df, 'studentTTwoSidedP');
  if (Number.isNaN(t)) return NaN;
  if (df > LARGE_DF) return 2 * normalCdf(-largeDfNormalDeviate(Math.abs(t), df));
  const t2 = t * t;
  if (t2 === Infinity) return 0;
  return regularizedIncompleteBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
}

/** The CDF of Student's t. */
export function studentTCdf(t: number, df: number): number {
  checkDf(df, 'studentTCdf');
  if (df > LARGE_DF) return normalCdf(largeDfNormalDeviate(t, df));
  const tail = 0.5 * studentTTwoSidedP(t, df);
  return t < 0 ? tail : 1 - tail;
}

export function studentTPdf(t: number, df: number): number {
  checkDf(df, 'studentTPdf');
  if (df === Infinity) return normalPdf(t);
  const logNorm = -logBeta(df / 2, 0.5) - 0.5 * Math.log(df);
  return Math.exp(logNorm - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The quantile (inverse CDF) of Student's t: the t with P(T ≤ t) = p. */
export function studentTQuantile(p: number, df: number): number {
  checkDf(df, 'studentTQuantile');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`studentTQuantile: expected a probability in [0, 1], got ${p}`);
  if (df === Infinity) return normalQuantile(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = Math.min(p, 1 - p);
  // Start from the normal quantile with the first two Cornish–Fisher corrections for finite df.
  const z = normalQuantile(q);
  const guess = z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
  const t = solveLowerTail(
    (x) => studentTCdf(x, df),
    (x) => studentTPdf(x, df),
    q,
    guess,
  );
  return p < 0.5 ? t : -t;
}
