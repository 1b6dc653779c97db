// Chinchilla approach 1: the lower envelope of loss against training FLOPs over all training
// curves (intermediate points included), the model size that reaches it, and N_opt ∝ C^a over it.
import { fitPowerLaw } from './power-law';
import { isPositive } from './observations';
import type { PowerLawFit } from './types';

export interface TrainingCurvePoint {
  loss: number;
  /** Tokens seen so far; FLOPs are then 6·N·tokens. */
  tokens?: number;
  /** FLOPs so far, when the run reports them. */
  flops?: number;
}

export interface TrainingCurve {
  id: string;
  N: number;
  points: readonly TrainingCurvePoint[];
}

export interface EnvelopePoint {
  flops: number;
  loss: number;
  /** Size of the model on the envelope here, and its run. */
  N: number;
  runId: string;
  tokens: number;
}

export interface RejectedCurvePoint {
  curveId: string;
  /** Index of the point in its curve, or -1 when the whole curve was rejected. */
  index: number;
  field: string;
  value: unknown;
  expected: string;
}

export interface LossEnvelope {
  points: EnvelopePoint[];
  /** N on the envelope ∝ C^a (null with fewer than 2 sizes on the fitted stretch). */
  nOpt: PowerLawFit | null;
  /** Tokens on the envelope ∝ C^b. */
  dOpt: PowerLawFit | null;
  /** Whether stretches won by the smallest or largest model were left out of the power laws. */
  edgeSizesExcluded: boolean;
  curvesUsed: number;
  rejected: RejectedCurvePoint[];
}

export interface LossEnvelopeOptions {
  /** Grid points, log-spaced over the FLOP range (default 200). */
  gridSize?: number;
  minFlops?: number;
  maxFlops?: number;
  /** Leave stretches won by the smallest or largest model out of the power laws (default true). */
  excludeEdgeSizes?: boolean;
}

interface PreparedCurve {
  id: string;
  N: number;
  logF: Float64Array;
  loss: Float64Array;
}

export function computeLossEnvelope(curves: readonly TrainingCurve[], options: LossEnvelopeOptions = {}): LossEnvelope {
  const rejected: RejectedCurvePoint[] = [];
  const prepared = curves.map((c) => prepareCurve(c, rejected)).filter((c): c is PreparedCurve => c !== null);
  const empty: LossEnvelope = { points: [], nOpt: null, dOpt: null, edgeSizesExcluded: false, curvesUsed: prepared.length, rejected };
  if (prepared.length === 0) return empty;

  let lo = Infinity;
  let hi = -Infinity;
  for (const c of prepared) {
    lo = Math.min(lo, c.logF[0]!);
    hi = Math.max(hi, c.logF[c.logF.length - 1]!);
  }
  if (options.minFlops !== undefined) lo = Math.max(lo, Math.log(options.minFlops));
  if (options.maxFlops !== undefined) hi = Math.min(hi, Math.log(options.maxFlops));
  if (!(hi >= lo)) return empty;
  const size = Math.max(2, Math.floor(options.gridSize ?? 200));
  const grid = Float64Array.from({ length: size }, (_, g) => lo + ((hi - lo) * g) / (size - 1));
  const best = new Float64Array(size).fill(Infinity);
  const owner = new Int32Array(size).fill(-1);

  prepared.forEach((c, ci) => {
    const last = c.logF.length - 1;
    let j = 0;
    for (let g = 0; g < size; g++) {
      const x = grid[g]!;
      if (x < c.logF[0]! || x > c.logF[last]!) continue;
      while (j < last - 1 && c.logF[j + 1]! < x) j++;
      const loss = last === 0 ? c.loss[0]! : interpolate(c, j, x);
      if (loss < best[g]!) {
        best[g] = loss;
        owner[g] = ci;
      }
    }
  });

  const points: EnvelopePoint[] = [];
  for (let g = 0; g < size; g++) {
    const ci = owner[g]!;
    if (ci < 0) continue;
    const c = prepared[ci]!;
    const flops = Math.exp(grid[g]!);
    points.push({ flops, loss: best[g]!, N: c.N, runId: c.id, tokens: flops / (6 * c.N) });
  }
  // Where the smallest (largest) model is on the envelope, the optimum may lie below (above)
  // every size trained: those stretches only say "this size or beyond", so by default they are
  // left out of the power law, as isoFLOP bins with a minimum outside their sizes are.
  const sizes = prepared.map((c) => c.N);
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  const interior = points.filter((p) => p.N !== smallest && p.N !== largest);
  const excludeEdges = options.excludeEdgeSizes !== false && new Set(interior.map((p) => p.N)).size >= 2;
  const fitted = excludeEdges ? interior : points;
  const fitFlops = fitted.map((p) => p.flops);
  const enough = new Set(fitted.map((p) => p.N)).size >= 2;
  return {
    points,
    nOpt: enough ? fitPowerLaw(fitFlops, fitted.map((p) => p.N)) : null,
    dOpt: enough ? fitPowerLaw(fitFlops, fitted.map((p) => p.tokens)) : null,
    edgeSizesExcluded: excludeEdges,
    curvesUsed: prepared.length,
    rejected,
  };
}

/** Loss between points j and j+1, linear in log FLOPs. */
function interpolate(c: PreparedCurve, j: number, x: number): number {
  const x0 = c.logF[j]!;
  const x1 = c.logF[j + 1]!;
  if (x1 === x0) return Math.min(c.loss[j]!, c.loss[j + 1]!);
  const t = Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  return c.loss[j]! + t * (c.loss[j + 1]! - c.loss[j]!);
}

function prepareCurve(curve: TrainingCurve, rejected: RejectedCurvePoint[]): PreparedCurve | null {
  const id = typeof curve?.id === 'string' ? curve.id : '?';
  if (!isPositive(curve?.N)) {
    rejected.push({ curveId: id, index: -1, field: 'N', value: curve?.N, expected: 'a finite number > 0' });
    return null;
  }
  if (!Array.isArray(curve.points)) {
    rejected.push({ curveId: id, index: -1, field: 'points', value: curve.points, expected: 'an array of {loss, tokens | flops}' });
    return null;
  }
  const kept: { logF: number; loss: number }[] = [];
  curve.points.forEach((p, index) => {
    const flops = p?.flops !== undefined ? p.flops : isPositive(p?.tokens) ? 6 * curve.N * p.tokens : undefined;
    if (!isPositive(flops)) {
      rejected.push({ curveId: id, index, field: p?.flops !== undefined ? 'flops' : 'tokens', value: p?.flops ?? p?.tokens, expected: 'a finite number > 0' });
    } else if (!isPositive(p.loss)) {
      rejected.push({ curveId: id, index, field: 'loss', value: p.loss, expected: 'a finite number > 0' });
    } else {
      kept.push({ logF: Math.log(flops), loss: p.loss });
    }
  });
  if (kept.length === 0) return null;
  kept.sort((a, b) => a.logF - b.logF);
  return {
    id,
    N: curve.N,
    logF: Float64Array.from(kept, (k) => k.logF),
    loss: Float64Array.from(kept, (k) => k.loss),
  };
}
