// Loss as a power law in training compute, L(C) = E + K·C^(−γ), for one or several arms with E
// shared or free. It is what runs at one tokens-per-parameter ratio identify: along D = k·N the
// Chinchilla law's two terms both fall with C and the data cannot tell them apart, but the loss
// against compute is in the data. Fitted like the Chinchilla law — Huber (δ = 1e-3) on log
// residuals, L-BFGS from a grid of starts, the best polished — over the parameters
//   κ_v = log K_v − γ_v·c̄ (c̄: the mean log C of all runs, so κ and γ are not collinear), γ_v, e = log E,
// with the prediction log(exp(κ_v − γ_v·(log C − c̄)) + exp(e)). Runs of one compute share a prediction
// (grouped-huber.ts). Bootstrap refits resample every arm's runs and start from the optimum.
import { runBootstrap, type BootstrapControl, type BootstrapSummary } from './bootstrap';
import { DEFAULT_HUBER_DELTA } from './chinchilla-problem';
import { GroupedHuberSums } from './grouped-huber';
import { jointRefit, minimizeFromStarts, type MultiStartOutcome } from './multi-start';
import { describeRejected, distinctCount, observationCompute, ScalingInputError, validateObservations } from './observations';
import { summarizeInterval } from './summarize-interval';
import type { Interval, ScalingObservation } from './types';

export interface ComputeLawParams {
  E: number;
  K: number;
  gamma: number;
}

export interface ComputeLawArm {
  key: string;
  observations: readonly ScalingObservation[];
}

export interface ComputeLawFit {
  key: string;
  params: ComputeLawParams;
  n: number;
  minCompute: number;
  maxCompute: number;
  /** Per run: the law's loss at its compute and log(predicted) − log(L). */
  residuals: { id: string; C: number; L: number; predicted: number; logResidual: number }[];
}

export interface ComputeLawsFit {
  eMode: 'shared' | 'free';
  arms: ComputeLawFit[];
  converged: boolean;
  starts: number;
  startsAtOptimum: number;
}

export interface ComputeLawIntervals {
  E: Interval;
  K: Interval;
  gamma: Interval;
}

/** Distinct computes a law of three parameters needs per arm. */
const MIN_COMPUTES = 3;
const GAMMA_STARTS = [0.02, 0.05, 0.1, 0.2, 0.35, 0.6];
/** Starting E as shares of an arm's smallest loss. */
const E_SHARES = [0.2, 0.5, 0.8, 0.95];

export function computeLawLoss(p: ComputeLawParams, C: number): number {
  return p.E + p.K * C ** -p.gamma;
}

/**
 * The compute at which the law reaches loss L: (K / (L − E))^(1/γ). Infinity when L is at or
 * below E (never reached); NaN when the law does not fall with compute (γ ≤ 0 or K ≤ 0).
 */
export function computeForLawLoss(p: ComputeLawParams, L: number): number {
  if (!(p.gamma > 0 && p.K > 0) || Number.isNaN(L)) return NaN;
  if (L <= p.E) return Infinity;
  return (p.K / (L - p.E)) ** (1 / p.gamma);
}

class ComputeLawObjective {
  readonly dimension: number;
  private readonly designStart: Int32Array;
  /** log C − c̄ of each design (distinct compute of an arm). */
  private readonly designX: Float64Array;
  private readonly huber: GroupedHuberSums;
  private readonly baseWeight: Float64Array;
  private scale = 1;

  constructor(
    readonly arms: readonly { C: number[]; L: number[]; weight: number[] }[],
    readonly sharedE: boolean,
    readonly center: number,
    delta: number,
  ) {
    this.dimension = 2 * arms.length + (sharedE ? 1 : arms.length);
    const group: number[] = [];
    const x: number[] = [];
    this.designStart = new Int32Array(arms.length + 1);
    arms.forEach((arm, v) => {
      this.designStart[v] = x.length;
      const seen = new Map<number, number>();
      for (const C of arm.C) {
        let g = seen.get(C);
        if (g === undefined) {
          g = x.length;
          seen.set(C, g);
          x.push(Math.log(C) - center);
        }
        group.push(g);
      }
    });
    this.designStart[arms.length] = x.length;
    this.designX = Float64Array.from(x);
    this.huber = new GroupedHuberSums(group, x.length, arms.flatMap((a) => a.L.map(Math.log)), delta);
    this.baseWeight = Float64Array.from(arms.flatMap((a) => a.weight));
    this.setMultiplicity(null);
  }

  setMultiplicity(multiplicity: ArrayLike<number> | null): void {
    const weight = Float64Array.from(this.baseWeight, (w, i) => w * (multiplicity ? multiplicity[i]! : 1));
    const total = weight.reduce((s, w) => s + w, 0);
    this.scale = total > 0 ? 1 / (this.huber.delta * total) : 1;
    this.huber.setWeights(weight);
  }

  eIndex(arm: number): number {
    return 2 * this.arms.length + (this.sharedE ? 0 : arm);
  }

  readonly evaluate = (p: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let total = 0;
    for (let v = 0; v < this.arms.length; v++) {
      const kappa = p[2 * v]!;
      const gamma = p[2 * v + 1]!;
      const ei = this.eIndex(v);
      const expE = Math.exp(p[ei]!);
      for (let g = this.designStart[v]!; g < this.designStart[v + 1]!; g++) {
        if (this.huber.weightOf(g) === 0) continue;
        const x = this.designX[g]!;
        const term = Math.exp(kappa - gamma * x);
        const sum = term + expE;
        total += this.huber.sum(g, Math.log(sum));
        const c = this.huber.slope / sum;
        gradient[2 * v]! += c * term;
        gradient[2 * v + 1]! -= c * term * x;
        gradient[ei]! += c * expE;
      }
    }
    for (let i = 0; i < gradient.length; i++) gradient[i]! *= this.scale;
    return total < Infinity ? total * this.scale : Infinity;
  };

  params(p: ArrayLike<number>, arm: number): ComputeLawParams {
    const gamma = p[2 * arm + 1]!;
    return { E: Math.exp(p[this.eIndex(arm)]!), K: Math.exp(p[2 * arm]! + gamma * this.center), gamma };
  }

  internal(params: readonly ComputeLawParams[]): Float64Array {
    const p = new Float64Array(this.dimension);
    params.forEach((q, v) => {
      p[2 * v] = Math.log(q.K) - q.gamma * this.center;
      p[2 * v + 1] = q.gamma;
      p[this.eIndex(v)] = Math.log(q.E);
    });
    return p;
  }
}

interface PreparedLawArm {
  key: string;
  observations: ScalingObservation[];
  C: number[];
  L: number[];
  weight: number[];
}

function prepareLawArms(arms: readonly ComputeLawArm[]): PreparedLawArm[] {
  if (arms.length === 0) throw new ScalingInputError('Compute power law: no arms to fit');
  return arms.map((arm) => {
    const { valid, rejected } = validateObservations(arm.observations);
    const C = valid.map(observationCompute);
    const where = arm.key === '' ? 'Compute power law' : `Compute power law of "${arm.key}"`;
    const note = rejected.length > 0 ? ` (rejected ${rejected.length}: ${describeRejected(rejected)})` : '';
    if (distinctCount(C) < MIN_COMPUTES) {
      throw new ScalingInputError(`${where}: needs runs at ${MIN_COMPUTES} or more distinct computes, got ${distinctCount(C)}${note}`, rejected);
    }
    return { key: arm.key, observations: valid, C, L: valid.map((o) => o.L), weight: valid.map((o) => o.weight ?? 1) };
  });
}

/** A grid of starts: every arm at one γ, E a share of the smallest loss, K through each arm's mean loss at c̄. */
function gridStarts(objective: ComputeLawObjective, arms: readonly PreparedLawArm[]): ComputeLawParams[][] {
  const minL = Math.min(...arms.flatMap((a) => a.L));
  const starts: ComputeLawParams[][] = [];
  for (const gamma of GAMMA_STARTS) {
    for (const share of E_SHARES) {
      const E = share * minL;
      starts.push(
        arms.map((a) => {
          const meanL = a.L.reduce((s, l) => s + l, 0) / a.L.length;
          return { E, gamma, K: Math.max(meanL - E, 1e-3 * meanL) * Math.exp(gamma * objective.center) };
        }),
      );
    }
  }
  return starts;
}

function pack(objective: ComputeLawObjective, starts: readonly (readonly ComputeLawParams[])[]): Float64Array {
  const packed = new Float64Array(starts.length * objective.dimension);
  starts.forEach((s, k) => packed.set(objective.internal(s), k * objective.dimension));
  return packed;
}

function describe(objective: ComputeLawObjective, arms: readonly PreparedLawArm[], outcome: MultiStartOutcome, eMode: 'shared' | 'free'): ComputeLawsFit {
  return {
    eMode,
    converged: outcome.converged,
    starts: outcome.starts,
    startsAtOptimum: outcome.startsAtOptimum,
    arms: arms.map((arm, v) => {
      const params = objective.params(outcome.x, v);
      return {
        key: arm.key,
        params,
        n: arm.observations.length,
        minCompute: Math.min(...arm.C),
        maxCompute: Math.max(...arm.C),
        residuals: arm.observations.map((o, i) => {
          const predicted = computeLawLoss(params, arm.C[i]!);
          return { id: o.id, C: arm.C[i]!, L: o.L, predicted, logResidual: Math.log(predicted) - Math.log(o.L) };
        }),
      };
    }),
  };
}

function setUp(arms: readonly ComputeLawArm[], eMode: 'shared' | 'free') {
  const prepared = prepareLawArms(arms);
  const logs = prepared.flatMap((a) => a.C.map(Math.log));
  const center = logs.reduce((s, v) => s + v, 0) / logs.length;
  const objective = new ComputeLawObjective(prepared, eMode === 'shared', center, DEFAULT_HUBER_DELTA);
  return { prepared, objective };
}

/** Fits L(C) = E + K·C^(−γ) to each arm, with one E for all arms or one each. */
export function fitComputeLaws(arms: readonly ComputeLawArm[], eMode: 'shared' | 'free' = 'shared'): ComputeLawsFit {
  const { prepared, objective } = setUp(arms, eMode);
  const outcome = minimizeFromStarts(objective, pack(objective, gridStarts(objective, prepared)));
  return describe(objective, prepared, outcome, eMode);
}

export function fitComputeLaw(observations: readonly ScalingObservation[]): ComputeLawFit {
  return fitComputeLaws([{ key: '', observations }], 'free').arms[0]!;
}

export interface ComputeLawsBootstrap {
  /** Per resample, every arm's parameters (in arm order). */
  samples: ComputeLawParams[][];
  summary: BootstrapSummary;
}

/** Resamples every arm's runs (independently, jointly refitted when E is shared), starting each refit at the optimum. */
export async function bootstrapComputeLaws(arms: readonly ComputeLawArm[], fit: ComputeLawsFit, control: BootstrapControl): Promise<ComputeLawsBootstrap> {
  const { prepared, objective } = setUp(arms, fit.eMode);
  const optimum = fit.arms.map((a) => a.params);
  const starts = pack(objective, [optimum, ...gridStarts(objective, prepared).filter((_, k) => k % 6 === 0)]);
  const sizes = prepared.map((a) => a.observations.length);
  const refit = jointRefit(objective, starts, sizes, (x) => prepared.map((_, v) => objective.params(x, v)));
  return runBootstrap(sizes, refit, control);
}

export function computeLawIntervals(estimate: ComputeLawParams, samples: readonly ComputeLawParams[]): ComputeLawIntervals {
  const of = (fn: (p: ComputeLawParams) => number) => summarizeInterval(fn(estimate), samples.map(fn));
  return { E: of((p) => p.E), K: of((p) => p.K), gamma: of((p) => p.gamma) };
}
