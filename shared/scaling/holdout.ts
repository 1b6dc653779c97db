// "Does it predict?": fit without the largest compute scale and predict it. Small-scale
// evidence is only worth what it predicts at scale.
import { predictLoss } from './compute-optimal';
import { fitChinchillaLoss, type ChinchillaFit, type ChinchillaFitOptions } from './fit-chinchilla';
import { observationCompute, ScalingInputError, validateObservations } from './observations';
import type { ScalingObservation } from './types';

export interface HoldoutOptions extends ChinchillaFitOptions {
  /** Runs within this many decades of the largest compute are held out together (default 0.05, about ±12 %). */
  toleranceDecades?: number;
}

export interface HoldoutPrediction {
  id: string;
  N: number;
  D: number;
  C: number;
  actual: number;
  predicted: number;
  /** (predicted − actual) / actual. */
  relativeError: number;
}

export interface HoldoutResult {
  /** Compute of the held-out scale (the largest) and of the largest run kept in the fit. */
  heldOutCompute: number;
  largestFittedCompute: number;
  /** Held-out compute ÷ largest fitted compute: how far the check extrapolates. */
  extrapolationFactor: number;
  fit: ChinchillaFit;
  predictions: HoldoutPrediction[];
  /** Mean of |relative error| and mean signed relative error (bias) over held-out runs. */
  meanAbsRelativeError: number;
  meanRelativeError: number;
}

export function holdoutLargestCompute(
  observations: readonly ScalingObservation[],
  options: HoldoutOptions = {},
): HoldoutResult {
  const split = splitLargestCompute(observations, options.toleranceDecades);
  return holdoutFromFit(split, fitChinchillaLoss(split.kept, options));
}

export interface HoldoutSplit {
  /** Runs the smaller-scale fit is made on. */
  kept: ScalingObservation[];
  /** Runs of the largest compute scale, to predict. */
  heldOut: ScalingObservation[];
}

/** Holds out the runs within `toleranceDecades` (default 0.05, about ±12 %) of the largest compute. */
export function splitLargestCompute(observations: readonly ScalingObservation[], toleranceDecades = 0.05): HoldoutSplit {
  const { valid } = validateObservations(observations);
  // An isoFLOP design holds out its whole largest budget, whatever each run's exact compute.
  const scale = (o: ScalingObservation) => Math.log10(o.computeBudget ?? observationCompute(o));
  const logMax = Math.max(...valid.map(scale));
  const isHeldOut = (o: ScalingObservation) => logMax - scale(o) <= toleranceDecades;
  const heldOut = valid.filter(isHeldOut);
  const kept = valid.filter((o) => !isHeldOut(o));
  if (heldOut.length === 0 || kept.length === 0) {
    throw new ScalingInputError(
      `Holdout: needs runs at more than one compute scale, got ${valid.length} usable runs within ${toleranceDecades} decades of each other`,
    );
  }
  return { kept, heldOut };
}

/** How the fit of the kept runs predicts the held-out ones. */
export function holdoutFromFit({ heldOut }: HoldoutSplit, fit: ChinchillaFit): HoldoutResult {
  const predictions = heldOut.map((o) => {
    const predicted = predictLoss(fit.params, o.N, o.D);
    return { id: o.id, N: o.N, D: o.D, C: observationCompute(o), actual: o.L, predicted, relativeError: (predicted - o.L) / o.L };
  });
  const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
  const heldOutCompute = Math.max(...heldOut.map(observationCompute));
  return {
    heldOutCompute,
    largestFittedCompute: fit.maxCompute,
    extrapolationFactor: heldOutCompute / fit.maxCompute,
    fit,
    predictions,
    meanAbsRelativeError: mean(predictions.map((p) => Math.abs(p.relativeError))),
    meanRelativeError: mean(predictions.map((p) => p.relativeError)),
  };
}
