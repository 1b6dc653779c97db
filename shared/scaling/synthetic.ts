// Synthetic scaling data from known parameters: for tests, the benchmark and the demo lab.
import { computeOptimalAllocation, predictLoss } from './compute-optimal';
import { logSpaced } from './log-spaced';
import { createSeededRandom } from '../random/seeded-random';
import type { ChinchillaParams, ScalingObservation } from './types';
import type { TrainingCurve } from './loss-envelope';

export interface SyntheticGridOptions {
  params: ChinchillaParams;
  N: readonly number[];
  D: readonly number[];
  /** Standard deviation of multiplicative log-normal noise on L (0.02 ≈ 2 %). */
  noise?: number;
  seed?: number;
  /** Number of runs whose loss is multiplied by `outlierFactor` (diverged or buggy runs). */
  outliers?: number;
  outlierFactor?: number;
  /** Runs per (N, D) pair, each with its own noise, as seeds and sweeps repeat a design (default 1). */
  replicates?: number;
}

/** One run (or `replicates`) per (N, D) pair of the grid. Outlier ids end in "-outlier". */
export function syntheticGridObservations(options: SyntheticGridOptions): ScalingObservation[] {
  const rng = createSeededRandom(options.seed ?? 1);
  const noise = options.noise ?? 0;
  const runs: ScalingObservation[] = [];
  for (const N of options.N) {
    for (const D of options.D) {
      for (let r = 0; r < (options.replicates ?? 1); r++) {
        const L = predictLoss(options.params, N, D) * Math.exp(noise * rng.normal());
        runs.push({ id: `run-${runs.length}`, N, D, L });
      }
    }
  }
  const outliers = Math.min(options.outliers ?? 0, runs.length);
  const chosen = new Set<number>();
  while (chosen.size < outliers) chosen.add(rng.index(runs.length));
  for (const i of chosen) {
    const run = runs[i]!;
    runs[i] = { ...run, id: `${run.id}-outlier`, L: run.L * (options.outlierFactor ?? 1.3) };
  }
  return runs;
}

export interface SyntheticIsoFlopOptions {
  params: ChinchillaParams;
  budgets: readonly number[];
  sizesPerBudget: number;
  /** Model sizes span ±spanDecades/2 around the true N_opt(C). */
  spanDecades?: number;
  noise?: number;
  seed?: number;
}

/** An isoFLOP design: at each budget C, several N with D = C/(6N), labelled with computeBudget. */
export function syntheticIsoFlopObservations(options: SyntheticIsoFlopOptions): ScalingObservation[] {
  const rng = createSeededRandom(options.seed ?? 1);
  const noise = options.noise ?? 0;
  const span = options.spanDecades ?? 1;
  const runs: ScalingObservation[] = [];
  for (const C of options.budgets) {
    const nOpt = computeOptimalAllocation(options.params, C).N;
    for (const N of logSpaced(nOpt * 10 ** (-span / 2), nOpt * 10 ** (span / 2), options.sizesPerBudget)) {
      const D = C / (6 * N);
      const L = predictLoss(options.params, N, D) * Math.exp(noise * rng.normal());
      runs.push({ id: `iso-${runs.length}`, N, D, L, computeBudget: C });
    }
  }
  return runs;
}

export interface SyntheticCurveOptions {
  params: ChinchillaParams;
  N: readonly number[];
  /** Tokens at the end of each run (one value for all, or per model size). */
  finalTokens: number | readonly number[];
  pointsPerCurve: number;
  /** First logged point, as a fraction of the final tokens. */
  firstFraction?: number;
  noise?: number;
  seed?: number;
}

/** Training curves whose every point follows L(N, tokens seen). */
export function syntheticTrainingCurves(options: SyntheticCurveOptions): TrainingCurve[] {
  const rng = createSeededRandom(options.seed ?? 1);
  const noise = options.noise ?? 0;
  return options.N.map((N, i) => {
    const final = typeof options.finalTokens === 'number' ? options.finalTokens : options.finalTokens[i]!;
    const tokens = logSpaced(final * (options.firstFraction ?? 0.01), final, options.pointsPerCurve);
    return {
      id: `curve-${i}`,
      N,
      points: tokens.map((t) => ({ tokens: t, loss: predictLoss(options.params, N, t) * Math.exp(noise * rng.normal()) })),
    };
  });
}
