// Bootstrap intervals for a Chinchilla fit and for anything predicted from it. Refits start
// from the full-data optimum plus a small grid: a resample's optimum lies near the full one,
// and the grid guards against it having moved to another basin.
import { armParams, buildObjective, checkDelta, checkFixedE, DEFAULT_HUBER_DELTA, packSingleArmStarts, prepareArm } from './chinchilla-problem';
import { computeOptimalAllocation, computeOptimalExponents, predictLoss } from './compute-optimal';
import { runBootstrap, type BootstrapControl, type BootstrapSummary } from './bootstrap';
import { fitChinchillaLoss, type ChinchillaFit, type ChinchillaFitOptions } from './fit-chinchilla';
import { minimizeFromStarts } from './multi-start';
import { summarizeInterval } from './summarize-interval';
import { BOOTSTRAP_START_GRID, gridStarts, type StartGrid } from './start-grid';
import type { ChinchillaParams, Interval, ScalingObservation } from './types';

export interface ChinchillaBootstrapOptions extends BootstrapControl {
  /** Options of the full-data fit and of every refit (delta, fixedE). */
  fitOptions?: ChinchillaFitOptions;
  /** A full-data fit already made with the same observations and fitOptions; skips refitting it. */
  fit?: ChinchillaFit;
  /** Extra starting points of each refit besides the full-data optimum (default BOOTSTRAP_START_GRID). */
  refitGrid?: StartGrid;
}

export interface ParameterIntervals {
  E: Interval;
  A: Interval;
  B: Interval;
  alpha: Interval;
  beta: Interval;
  /** Compute-optimal exponents: N_opt ∝ C^a, D_opt ∝ C^b. */
  a: Interval;
  b: Interval;
}

/** A fit and bootstrap parameter samples (empty when no bootstrap was run). */
export interface FitWithSamples {
  fit: ChinchillaFit;
  samples: readonly ChinchillaParams[];
}

export interface ChinchillaBootstrap extends BootstrapSummary, FitWithSamples {
  samples: ChinchillaParams[];
  /** Refits whose polished optimum met no stopping test (kept in the intervals). */
  unconverged: number;
  intervals: ParameterIntervals;
}

export async function bootstrapChinchillaFit(
  observations: readonly ScalingObservation[],
  options: ChinchillaBootstrapOptions = {},
): Promise<ChinchillaBootstrap> {
  const fitOptions = options.fitOptions ?? {};
  const fit = options.fit ?? fitChinchillaLoss(observations, fitOptions);
  const fixedLogE = checkFixedE(fitOptions.fixedE);
  const arm = prepareArm('', observations, fixedLogE === null ? 5 : 4);
  const objective = buildObjective([arm], checkDelta(fitOptions.delta ?? DEFAULT_HUBER_DELTA), fixedLogE);
  const starts = packSingleArmStarts(
    objective,
    gridStarts(options.refitGrid ?? BOOTSTRAP_START_GRID, fixedLogE === null),
    [fit.params],
  );
  let unconverged = 0;
  const { samples, summary } = await runBootstrap(
    [arm.observations.length],
    ([multiplicity]) => {
      objective.setMultiplicity(multiplicity!);
      const outcome = minimizeFromStarts(objective, starts, { polishCount: 2 });
      if (!Number.isFinite(outcome.value)) return null;
      if (!outcome.converged) unconverged++;
      return armParams(objective, outcome.x, 0);
    },
    options,
  );
  return { ...summary, fit, samples, unconverged, intervals: parameterIntervals(fit.params, samples) };
}

export function parameterIntervals(estimate: ChinchillaParams, samples: readonly ChinchillaParams[]): ParameterIntervals {
  const of = (fn: (p: ChinchillaParams) => number) => summarizeInterval(fn(estimate), samples.map(fn));
  return {
    E: of((p) => p.E),
    A: of((p) => p.A),
    B: of((p) => p.B),
    alpha: of((p) => p.alpha),
    beta: of((p) => p.beta),
    a: of((p) => computeOptimalExponents(p).a),
    b: of((p) => computeOptimalExponents(p).b),
  };
}

/** Interval of any quantity computed from the parameters: estimate from the fit, percentiles over the samples. */
export function bootstrapInterval(source: FitWithSamples, quantity: (p: ChinchillaParams) => number): Interval {
  return summarizeInterval(quantity(source.fit.params), source.samples.map(quantity));
}

export interface SizePrediction {
  N: number;
  D: number;
  /** 6·N·D. */
  C: number;
  /** C ÷ largest fitted compute. */
  extrapolationFactor: number;
  loss: Interval;
}

export interface ComputePrediction {
  C: number;
  extrapolationFactor: number;
  N: Interval;
  D: Interval;
  tokensPerParameter: Interval;
  /** Loss on the compute-optimal frontier. */
  loss: Interval;
}

/** Predicted loss of a model of N parameters trained on D tokens. */
export function predictAtSize(source: FitWithSamples, N: number, D: number): SizePrediction {
  const C = 6 * N * D;
  return {
    N,
    D,
    C,
    extrapolationFactor: C / source.fit.maxCompute,
    loss: bootstrapInterval(source, (p) => predictLoss(p, N, D)),
  };
}

/** Compute-optimal N, D, tokens per parameter and loss at training compute C. */
export function predictAtCompute(source: FitWithSamples, C: number): ComputePrediction {
  return {
    C,
    extrapolationFactor: C / source.fit.maxCompute,
    N: bootstrapInterval(source, (p) => computeOptimalAllocation(p, C).N),
    D: bootstrapInterval(source, (p) => computeOptimalAllocation(p, C).D),
    tokensPerParameter: bootstrapInterval(source, (p) => computeOptimalAllocation(p, C).tokensPerParameter),
    loss: bootstrapInterval(source, (p) => computeOptimalAllocation(p, C).loss),
  };
}
