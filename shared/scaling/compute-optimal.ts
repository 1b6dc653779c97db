// Closed forms on a fitted L(N, D) = E + A/N^α + B/D^β under the compute constraint C = 6·N·D
// (Hoffmann et al. 2022, eq. 4):
//   N_opt(C) = G·(C/6)^a,  D_opt(C) = G⁻¹·(C/6)^b,  G = (αA / βB)^(1/(α+β)),  a = β/(α+β),  b = α/(α+β).
// Both reducible terms then scale as (C/6)^(−γ) with γ = αβ/(α+β), so the frontier is
//   L*(C) = E + K·(C/6)^(−γ),  K = A·G^(−α) + B·G^β,
// which is strictly decreasing towards E and inverts in closed form.
import { observationCompute } from './observations';
import type { ChinchillaParams, ScalingObservation } from './types';

export interface ComputeOptimalPoint {
  /** Training compute in FLOPs. */
  C: number;
  N: number;
  D: number;
  tokensPerParameter: number;
  /** Predicted loss at (N, D): the loss on the compute-optimal frontier at C. */
  loss: number;
}

export function predictLoss(p: ChinchillaParams, N: number, D: number): number {
  return p.E + p.A * Math.pow(N, -p.alpha) + p.B * Math.pow(D, -p.beta);
}

/** The frontier exists only for positive A, B, α, β; otherwise more scale never helps along one axis. */
export function hasComputeOptimalFrontier(p: ChinchillaParams): boolean {
  return p.A > 0 && p.B > 0 && p.alpha > 0 && p.beta > 0 && Number.isFinite(p.A) && Number.isFinite(p.B);
}

/** Exponents of N_opt ∝ C^a and D_opt ∝ C^b. */
export function computeOptimalExponents(p: ChinchillaParams): { a: number; b: number } {
  const s = p.alpha + p.beta;
  return { a: p.beta / s, b: p.alpha / s };
}

function logG(p: ChinchillaParams): number {
  return (Math.log(p.alpha) + Math.log(p.A) - Math.log(p.beta) - Math.log(p.B)) / (p.alpha + p.beta);
}

/** N_opt, D_opt, tokens per parameter and loss at compute C (NaN fields when there is no frontier). */
export function computeOptimalAllocation(p: ChinchillaParams, C: number): ComputeOptimalPoint {
  if (!hasComputeOptimalFrontier(p) || !(C > 0)) return { C, N: NaN, D: NaN, tokensPerParameter: NaN, loss: NaN };
  const { a, b } = computeOptimalExponents(p);
  const lg = logG(p);
  const logC6 = Math.log(C / 6);
  const logN = lg + a * logC6;
  const logD = -lg + b * logC6;
  const loss = p.E + Math.exp(Math.log(p.A) - p.alpha * logN) + Math.exp(Math.log(p.B) - p.beta * logD);
  return { C, N: Math.exp(logN), D: Math.exp(logD), tokensPerParameter: Math.exp(logD - logN), loss };
}

/** Loss on the compute-optimal frontier at compute C. */
export function frontierLoss(p: ChinchillaParams, C: number): number {
  return computeOptimalAllocation(p, C).loss;
}

function logK(p: ChinchillaParams): number {
  const lg = logG(p);
  return Math.log(p.A * Math.exp(-p.alpha * lg) + p.B * Math.exp(p.beta * lg));
}

/**
 * Compute at which the frontier reaches loss L: Infinity when L ≤ E (unreachable at any scale),
 * NaN when the fit has no frontier.
 */
export function computeForFrontierLoss(p: ChinchillaParams, L: number): number {
  if (!hasComputeOptimalFrontier(p) || Number.isNaN(L)) return NaN;
  if (L <= p.E) return Infinity;
  const gamma = (p.alpha * p.beta) / (p.alpha + p.beta);
  return 6 * Math.exp((logK(p) - Math.log(L - p.E)) / gamma);
}

/** Largest training compute among the observations (reported FLOPs, else 6·N·D). */
export function maxObservedCompute(observations: readonly ScalingObservation[]): number {
  let max = 0;
  for (const o of observations) max = Math.max(max, observationCompute(o));
  return max;
}

/** How far a prediction reaches beyond the data: target compute ÷ largest fitted compute. */
export function extrapolationFactor(targetCompute: number, observations: readonly ScalingObservation[] | number): number {
  const max = typeof observations === 'number' ? observations : maxObservedCompute(observations);
  return targetCompute / max;
}
