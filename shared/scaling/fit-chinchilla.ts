// Chinchilla approach 3 (Hoffmann et al. 2022): fit L(N, D) = E + A/N^α + B/D^β by minimizing
// Σ Huber_δ(LSE(a − α·log N, b − β·log D, e) − log L) with L-BFGS from a grid of starts, keeping the best.
import type { ChinchillaObjective } from './chinchilla-objective';
import {
  armParams,
  buildObjective,
  checkDelta,
  checkFixedE,
  DEFAULT_HUBER_DELTA,
  huber,
  packSingleArmStarts,
  prepareArm,
  type PreparedArm,
} from './chinchilla-problem';
import { maxObservedCompute, predictLoss } from './compute-optimal';
import type { LbfgsOptions } from './lbfgs';
import { minimizeFromStarts, minimizeFromStartsAsync, type MultiStartOutcome } from './multi-start';
import { observationCompute } from './observations';
import { CHINCHILLA_START_GRID, gridStarts, type StartGrid } from './start-grid';
import type { ChinchillaParams, RejectedObservation, ScalingObservation } from './types';

export interface ChinchillaFitOptions {
  /** Huber threshold on log-loss residuals (default 1e-3, as in Chinchilla). */
  delta?: number;
  /** Hold E at this value instead of fitting it (e.g. an E shared with other fits). */
  fixedE?: number;
  /** Starting grid (default CHINCHILLA_START_GRID, 5,400 starts; 900 with fixed E). */
  grid?: StartGrid;
  /** More starting points, e.g. a previous fit's parameters. */
  extraStarts?: readonly ChinchillaParams[];
  /** How many of the best searches are polished to tight tolerance (default 5). */
  polishCount?: number;
  search?: LbfgsOptions;
  polish?: LbfgsOptions;
}

export interface FitResidual {
  id: string;
  N: number;
  D: number;
  L: number;
  predicted: number;
  /** log(predicted) − log(L): the residual the Huber loss sees. */
  logResidual: number;
}

export interface ChinchillaFit {
  params: ChinchillaParams;
  /** a = log A, b = log B, e = log E: the coordinates the fit works in. */
  logParams: { a: number; b: number; e: number; alpha: number; beta: number };
  /** Weighted sum of Huber losses at the optimum (this arm's share in a joint fit). */
  objective: number;
  delta: number;
  /** 'free': E fitted; 'fixed': E given; 'shared': one E fitted jointly with other arms. */
  eMode: 'free' | 'fixed' | 'shared';
  /** Observations used. */
  n: number;
  /** Smallest and largest training compute among them (FLOPs); the largest is the reference of extrapolation factors. */
  minCompute: number;
  maxCompute: number;
  starts: number;
  /** Starts whose L-BFGS search met a stopping test. */
  convergedStarts: number;
  /** Starts whose search ended at the optimum (within 1e-4 relative): how many basins agree. */
  startsAtOptimum: number;
  /** The polished optimum met a stopping test. */
  converged: boolean;
  residuals: FitResidual[];
  rejected: RejectedObservation[];
}

export function fitChinchillaLoss(
  observations: readonly ScalingObservation[],
  options: ChinchillaFitOptions = {},
): ChinchillaFit {
  const problem = singleFitProblem(observations, options);
  return problem.describe(minimizeFromStarts(problem.objective, problem.starts, options));
}

/**
 * The same fit, cancellable and with progress (starts searched), for fits large enough to take
 * seconds: it yields to the event loop between starts and throws FitCancelledError when stopped.
 */
export async function fitChinchillaLossAsync(
  observations: readonly ScalingObservation[],
  options: ChinchillaFitOptions,
  control: Parameters<typeof minimizeFromStartsAsync>[3],
): Promise<ChinchillaFit> {
  const problem = singleFitProblem(observations, options);
  return problem.describe(await minimizeFromStartsAsync(problem.objective, problem.starts, options, control));
}

/** Starting points a fit of these options searches (for progress totals). */
export function chinchillaStartCount(options: ChinchillaFitOptions = {}): number {
  return gridStarts(options.grid ?? CHINCHILLA_START_GRID, options.fixedE === undefined).length + (options.extraStarts?.length ?? 0);
}

function singleFitProblem(observations: readonly ScalingObservation[], options: ChinchillaFitOptions) {
  const delta = checkDelta(options.delta ?? DEFAULT_HUBER_DELTA);
  const fixedLogE = checkFixedE(options.fixedE);
  const arm = prepareArm('', observations, fixedLogE === null ? 5 : 4);
  const objective = buildObjective([arm], delta, fixedLogE);
  const starts = packSingleArmStarts(
    objective,
    gridStarts(options.grid ?? CHINCHILLA_START_GRID, fixedLogE === null),
    options.extraStarts ?? [],
  );
  return {
    objective,
    starts,
    describe: (outcome: MultiStartOutcome) => describeArmFit(objective, outcome, arm, 0, fixedLogE === null ? 'free' : 'fixed'),
  };
}

/** Builds the public result for arm `index` of an optimized objective. */
export function describeArmFit(
  objective: ChinchillaObjective,
  outcome: MultiStartOutcome,
  arm: PreparedArm,
  index: number,
  eMode: ChinchillaFit['eMode'],
): ChinchillaFit {
  const params = armParams(objective, outcome.x, index);
  const delta = objective.delta;
  let sum = 0;
  const residuals = arm.observations.map((o) => {
    const predicted = predictLoss(params, o.N, o.D);
    const logResidual = Math.log(predicted) - Math.log(o.L);
    sum += (o.weight ?? 1) * huber(logResidual, delta);
    return { id: o.id, N: o.N, D: o.D, L: o.L, predicted, logResidual };
  });
  return {
    params,
    logParams: {
      a: Math.log(params.A),
      b: Math.log(params.B),
      e: Math.log(params.E),
      alpha: params.alpha,
      beta: params.beta,
    },
    objective: sum,
    delta,
    eMode,
    n: arm.observations.length,
    minCompute: Math.min(...arm.observations.map(observationCompute)),
    maxCompute: maxObservedCompute(arm.observations),
    starts: outcome.starts,
    convergedStarts: outcome.convergedStarts,
    startsAtOptimum: outcome.startsAtOptimum,
    converged: outcome.converged,
    residuals,
    rejected: arm.rejected,
  };
}
