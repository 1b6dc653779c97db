// What a scaling fit computes once its observations are read: the Chinchilla fit (approach 3),
// isoFLOP profiles (approach 2), the loss envelope (approach 1), the holdout check, and — when
// asked — the bootstrap with the frontier's bands. Plain data in and out, so the compute worker
// and the CLI run exactly the same code.
import {
  bootstrapChinchillaFit,
  bootstrapInterval,
  computeLossEnvelope,
  computeOptimalAllocation,
  fitChinchillaLoss,
  fitIsoFlopProfiles,
  holdoutLargestCompute,
  logSpaced,
  ScalingInputError,
  type BootstrapControl,
  type BootstrapSummary,
  type ChinchillaFit,
  type ChinchillaParams,
  type HoldoutResult,
  type IsoFlopProfiles,
  type LossEnvelope,
  type ParameterIntervals,
  type ScalingObservation,
  type TrainingCurve,
} from '../../../shared/scaling';

export interface ScalingBase {
  fit: ChinchillaFit | null;
  fitError: string | null;
  isoflop: IsoFlopProfiles;
  envelope: Omit<LossEnvelope, 'rejected'>;
  holdout: Omit<HoldoutResult, 'fit'> & { fitParams: ChinchillaParams; fitN: number } | null;
  holdoutError: string | null;
}

export interface ScalingBootstrap {
  summary: BootstrapSummary;
  samples: ChinchillaParams[];
  intervals: ParameterIntervals;
  unconverged: number;
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

export function computeScalingBase(observations: readonly ScalingObservation[], curves: readonly TrainingCurve[]): ScalingBase {
  const fit = attempt(() => fitChinchillaLoss(observations));
  const holdout = attempt(() => {
    const { fit: smaller, ...rest } = holdoutLargestCompute(observations);
    return { ...rest, fitParams: smaller.params, fitN: smaller.n };
  });
  const { rejected: _rejected, ...envelope } = computeLossEnvelope(curves);
  return {
    fit: fit.value,
    fitError: fit.error,
    isoflop: fitIsoFlopProfiles(observations),
    envelope,
    holdout: holdout.value,
    holdoutError: holdout.error,
  };
}

export async function bootstrapScalingFit(
  observations: readonly ScalingObservation[],
  fit: ChinchillaFit,
  control: BootstrapControl,
): Promise<ScalingBootstrap> {
  const boot = await bootstrapChinchillaFit(observations, { ...control, fit });
  const { requested, completed, failed, cancelled, seed } = boot;
  return { summary: { requested, completed, failed, cancelled, seed }, samples: boot.samples, intervals: boot.intervals, unconverged: boot.unconverged };
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
