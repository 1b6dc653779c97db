import { assertFinite, checkProbability } from './descriptive';
import { normalQuantile } from './normal';

/** Ranks 1..n; tied values share the average of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  // Every index below is into `values` or `order`, both of its length.
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    const rank = (start + 1 + end) / 2; // mean of ranks start+1 .. end
    for (let k = start; k < end; k++) ranks[order[k]!] = rank;
    start = end;
  }
  return ranks;
}

function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]! / n;
    my += y[i]! / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx ** 2;
    syy += dy ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

export interface CorrelationInterval {
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
  /** Standard error on the Fisher z scale. */
  readonly standardError: number;
}

export type SpearmanResult =
  | {
      readonly rho: number;
      readonly n: number;
      readonly interval: CorrelationInterval | null;
      /** Why there is no interval, when there is none. */
      readonly intervalReason: string | null;
    }
  | { readonly rho: null; readonly n: number; readonly reason: string };

/**
 * Spearman's rank correlation (the Pearson correlation of average ranks, exact with ties) and its
 * interval by Fisher's z: atanh(ρ) ± z_{1−α/2} · sqrt(1.06 / (n − 3)) mapped back through tanh.
 * The 1.06 is the variance inflation of z for Spearman's ρ found by Fieller, Hartley & Pearson (1957):
 * var(z) ≈ 1.06/(n − 3), so the standard error is sqrt(1.06/(n − 3)) ≈ 1.03/sqrt(n − 3).
 * No interval with fewer than 4 pairs (n − 3 ≤ 0) or when ρ = ±1 (z is infinite: the interval would
 * claim certainty that a handful of pairs cannot give).
 */
export function spearmanCorrelation(
  x: readonly number[],
  y: readonly number[],
  options: { confidence?: number } = {},
): SpearmanResult {
  const confidence = options.confidence ?? 0.95;
  checkProbability(confidence, 'confidence', 'spearmanCorrelation');
  if (x.length !== y.length) {
    throw new RangeError(`spearmanCorrelation: x has ${x.length} values but y has ${y.length}; expected pairs`);
  }
  assertFinite(x, 'spearmanCorrelation: x');
  assertFinite(y, 'spearmanCorrelation: y');
  const n = x.length;
  if (n < 2) return { rho: null, n, reason: `a rank correlation needs at least 2 pairs, got ${n}` };
  const rho = pearson(averageRanks(x), averageRanks(y));
  if (!Number.isFinite(rho)) return { rho: null, n, reason: 'one side has every value tied, so ranks cannot vary together' };
  if (n < 4) return { rho, n, interval: null, intervalReason: `the Fisher interval needs at least 4 pairs, got ${n}` };
  if (Math.abs(rho) >= 1) return { rho, n, interval: null, intervalReason: 'ρ is exactly ±1, where the Fisher z interval is undefined' };
  const standardError = Math.sqrt(1.06 / (n - 3));
  const half = normalQuantile(1 - (1 - confidence) / 2) * standardError;
  const z = Math.atanh(rho);
  return {
    rho,
    n,
    interval: { lower: Math.tanh(z - half), upper: Math.tanh(z + half), confidence, standardError },
    intervalReason: null,
  };
}
