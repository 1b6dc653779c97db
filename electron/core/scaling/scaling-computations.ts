// What a scaling fit computes once its observations are read: the Chinchilla fit (approach 3) and
// whether the runs identify its parameters, isoFLOP profiles (approach 2), the loss envelope
// (approach 1), the holdout check, and — when asked — the bootstrap with the frontier's bands.
// When the parameters are not identifiable (runs at one tokens-per-parameter ratio), the power
// law of loss in compute is fitted and bootstrapped instead: it is what such runs support. Plain
// data in and out, so the compute worker and the CLI run exactly the same code.
import {
  bootstrapChinchillaFit,
  bootstrapComputeLaws,
  chinchillaIdentifiability,
  computeLawLoss,
  fitComputeLaw,
  summarizeInterval,
  bootstrapInterval,
  computeLossEnvelope,
  computeOptimalAllocation,
  chinchillaStartCount,
  fitChinchillaLossAsync,
  fitIsoFlopProfiles,
  holdoutFromFit,
  splitLargestCompute,
  logSpaced,
  ScalingInputError,
  type BootstrapControl,
  type BootstrapSummary,
  type ChinchillaFit,
  type ChinchillaParams,
  type ComputeLawFit,
  type ComputeLawParams,
  type FitIdentifiability,
  type HoldoutResult,
  type IsoFlopProfiles,
  type LossEnvelope,
  type MultiStartControl,
  type ParameterIntervals,
  type ScalingObservation,
  type TrainingCurve,
} from '../../../shared/scaling/index';

export interface ScalingBase {
  fit: ChinchillaFit | null;
  fitError: string | null;
  identifiability: FitIdentifiability | null;
  /** L(C) = E + K·C^(−γ), fitted when the Chinchilla parameters are not identifiable. */
  law: ComputeLawFit | null;
  isoflop: IsoFlopProfiles;
  envelope: Omit<LossEnvelope, 'rejected'>;
  holdout: Omit<HoldoutResult, 'fit'> & { fitParams: ChinchillaParams; fitN: number } | null;
  holdoutError: string | null;
}

export interface ScalingBootstrap {
  summary: BootstrapSummary;
  /** Chinchilla resamples: only when its parameters are identifiable. */
  samples: ChinchillaParams[];
  intervals: ParameterIntervals | null;
  unconverged: number;
  /** Resamples of the power law in compute, when it stands in for the Chinchilla fit. */
  lawSamples: ComputeLawParams[];
}

export interface FrontierPoint {
  C: number;
  N: number;
  D: number;
  loss: number;
  p80: [number, number] | null;
  p95: [number, number] | null;
}

/** Model-level failures (too few runs, sizes, token counts) are reported, not thrown. */
function attempt<T>(work: () => T): { value: T | null; error: string | null } {
  try {
    return { value: work(), error: null };
  } catch (error) {
    if (error instanceof ScalingInputError) return { value: null, error: error.message };
    throw error;
  }
}

/**
 * The fit and the holdout fit, each a multi-start search of thousands of starts: on a large lab
 * that takes seconds, so it reports the starts searched (both fits as one count) and stops on the
 * signal, throwing FitCancelledError.
 */
export async function computeScalingBase(
  observations: readonly ScalingObservation[],
  curves: readonly TrainingCurve[],
  control: MultiStartControl = {},
): Promise<ScalingBase> {
  const starts = chinchillaStartCount();
  const split = attempt(() => splitLargestCompute(observations));
  const total = split.value ? 2 * starts : starts;
  const fit = await attemptAsync(() => fitChinchillaLossAsync(observations, {}, { ...control, progressTotal: total }));
  const holdout = split.value
    ? await attemptAsync(async () => {
        const smaller = await fitChinchillaLossAsync(split.value!.kept, {}, { ...control, progressOffset: starts, progressTotal: total });
        const { fit: _fit, ...rest } = holdoutFromFit(split.value!, smaller);
        return { ...rest, fitParams: smaller.params, fitN: smaller.n };
      })
    : { value: null, error: split.error };
  const { rejected: _rejected, ...envelope } = computeLossEnvelope(curves);
  const identifiability = fit.value ? chinchillaIdentifiability(observations, fit.value.params) : null;
  const law = identifiability && !identifiability.identifiable ? attempt(() => fitComputeLaw(observations)).value : null;
  return {
    fit: fit.value,
    fitError: fit.error,
    identifiability,
    law,
    isoflop: fitIsoFlopProfiles(observations),
    envelope,
    holdout: holdout.value,
    holdoutError: holdout.error,
  };
}

async function attemptAsync<T>(work: () => Promise<T>): Promise<{ value: T | null; error: string | null }> {
  try {
    return { value: await work(), error: null };
  } catch (error) {
    if (error instanceof ScalingInputError) return { value: null, error: error.message };
    throw error;
  }
}

/** Bootstraps the Chinchilla fit, or — when its parameters are not identifiable — the power law that stands in for it. */
export async function bootstrapScalingFit(
  observations: readonly ScalingObservation[],
  base: Pick<ScalingBase, 'fit' | 'law'>,
  control: BootstrapControl,
): Promise<ScalingBootstrap> {
  if (base.law) {
    const boot = await bootstrapComputeLaws([{ key: '', observations }], { eMode: 'free', arms: [base.law], converged: true, starts: 0, startsAtOptimum: 0 }, control);
    return { summary: boot.summary, samples: [], intervals: null, unconverged: 0, lawSamples: boot.samples.map((s) => s[0]!) };
  }
  const boot = await bootstrapChinchillaFit(observations, { ...control, fit: base.fit! });
  const { requested, completed, failed, cancelled, seed } = boot;
  return { summary: { requested, completed, failed, cancelled, seed }, samples: boot.samples, intervals: boot.intervals, unconverged: boot.unconverged, lawSamples: [] };
}

/** The power law's loss from a tenth of the smallest to 1,000× the largest compute fitted, with its bands. */
export function lawCurve(law: ComputeLawFit, samples: readonly ComputeLawParams[], points = 49): FrontierPoint[] {
  return logSpaced(law.minCompute / 10, law.maxCompute * 1000, points).map((C) => {
    const loss = computeLawLoss(law.params, C);
    if (samples.length === 0) return { C, N: NaN, D: NaN, loss, p80: null, p95: null };
    const interval = summarizeInterval(loss, samples.map((p) => computeLawLoss(p, C)));
    return { C, N: NaN, D: NaN, loss, p80: interval.p80, p95: interval.p95 };
  });
}

/** Points of the compute-optimal frontier from a tenth of the smallest to 1,000× the largest compute fitted. */
export function frontierCurve(fit: ChinchillaFit, samples: readonly ChinchillaParams[], points = 49): FrontierPoint[] {
  const source = { fit, samples };
  return logSpaced(fit.minCompute / 10, fit.maxCompute * 1000, points).map((C) => {
    const at = computeOptimalAllocation(fit.params, C);
    if (samples.length === 0) return { C, N: at.N, D: at.D, loss: at.loss, p80: null, p95: null };
    const loss = bootstrapInterval(source, (p) => computeOptimalAllocation(p, C).loss);
    return { C, N: at.N, D: at.D, loss: at.loss, p80: loss.p80, p95: loss.p95 };
  });
}
