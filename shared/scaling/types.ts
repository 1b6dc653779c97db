// Domain types of the scaling-law analyses. Plain data only, so callers can filter
// (exclusions), serialize (IPC/HTTP) and store them.

/** One training run reduced to a point: N parameters, D tokens, final loss L. */
export interface ScalingObservation {
  id: string;
  /** Model parameters (`model.params`). */
  N: number;
  /** Training tokens (`data.tokens`). */
  D: number;
  /** Final value of the chosen loss metric. */
  L: number;
  /** Relative weight in the fit; 1 when absent. */
  weight?: number;
  /** Training compute in FLOPs when the run reports it; otherwise 6·N·D is used. */
  flops?: number;
  /** Nominal compute budget of an isoFLOP design (the label the run was launched under). */
  computeBudget?: number;
}

/** L(N, D) = E + A / N^alpha + B / D^beta. */
export interface ChinchillaParams {
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/** An observation the analysis could not use, and why. */
export interface RejectedObservation {
  index: number;
  id: string;
  field: string;
  value: unknown;
  expected: string;
}

/** A bootstrap interval around a point estimate (the estimate comes from the full-data fit). */
export interface Interval {
  estimate: number;
  median: number;
  /** 10th and 90th percentiles. */
  p80: [number, number];
  /** 2.5th and 97.5th percentiles. */
  p95: [number, number];
  /** Number of bootstrap values the percentiles were taken over. */
  samples: number;
}

/** Called between resamples: done of total. */
export type ProgressCallback = (done: number, total: number) => void;

/** Anything with an `aborted` flag, e.g. an AbortSignal. Checked between resamples. */
export interface CancellationFlag {
  readonly aborted: boolean;
}

/** y = k · x^exponent, fitted by least squares on log y against log x. */
export interface PowerLawFit {
  k: number;
  exponent: number;
  /** Standard error of the exponent (NaN with fewer than 3 points). */
  exponentStdError: number;
  /** Coefficient of determination in log space. */
  r2: number;
  points: number;
}
