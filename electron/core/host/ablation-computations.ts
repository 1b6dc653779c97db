// An ablation across scale: every variant with runs at 3 or more sizes becomes an arm. When the
// arms were run at several tokens-per-parameter ratios, each arm gets a Chinchilla fit (E shared
// or free) and each variant's effective-compute multiplier is read off the compute-optimal
// frontiers, as issue 6 states. When every arm was run at one ratio (D ∝ N), the frontier is not
// in the data, and the multiplier is read along each arm's ratio instead (design-ratio-multiplier.ts).
import {
  analyzeAblationScaling,
  bootstrapChinchillaFit,
  fitChinchillaLoss,
  hasComputeOptimalFrontier,
  parameterIntervals,
  ScalingInputError,
  type AblationScaling,
  type BootstrapControl,
  type ChinchillaParams,
  type ScalingArm,
} from '../../../shared/scaling';
import type { ObservedRun, ScalingData } from '../queries/scaling-observations';
import { fitObservations } from '../queries/scaling-observations';
import { summarizeDesignRatioVariant, type DesignRatioArm } from './design-ratio-multiplier';

export type AblationMethod = 'frontier' | 'design-ratio';

export interface ArmFacts {
  key: string;
  n: number;
  sizes: number;
  excluded: number;
  /** Tokens per parameter when every run of the arm used about the same ratio, else null. */
  ratio: number | null;
  warnings: string[];
}

export interface AblationComputation {
  baseline: string;
  targetCompute: number;
  method: AblationMethod;
  /** What the method means for these arms, in a sentence or two. */
  methodNote: string | null;
  arms: ArmFacts[];
  analysis: AblationScaling | null;
  error: string | null;
}

export interface AblationComputationOptions extends BootstrapControl {
  E: 'shared' | 'free';
  targetCompute?: number;
}

const MIN_SIZES = 3;

/** Tokens per parameter that differ by less than this factor count as one design ratio. */
const SAME_RATIO = 1.1;

function singleRatio(runs: readonly ObservedRun[]): number | null {
  if (runs.length === 0) return null;
  const ratios = runs.map((r) => r.D / r.N);
  const lo = Math.min(...ratios);
  const hi = Math.max(...ratios);
  return hi / lo < SAME_RATIO ? Math.sqrt(lo * hi) : null;
}

export async function computeAblationScaling(data: ScalingData, options: AblationComputationOptions): Promise<AblationComputation> {
  const baseline = data.scope.ablation?.baseline ?? null;
  const byVariant = new Map<string, ObservedRun[]>();
  for (const run of data.runs) {
    if (run.variant === null) continue;
    byVariant.set(run.variant, [...(byVariant.get(run.variant) ?? []), run]);
  }
  const arms: ArmFacts[] = [...byVariant.entries()].map(([key, runs]) => {
    const included = runs.filter((r) => !r.excluded);
    const sizes = new Set(included.map((r) => r.N)).size;
    const warnings = sizes < MIN_SIZES ? [`${key} has runs at ${sizes} model size${sizes === 1 ? '' : 's'}; a scaling fit needs ${MIN_SIZES}.`] : [];
    return { key, n: included.length, sizes, excluded: runs.length - included.length, ratio: singleRatio(included), warnings };
  });
  if (baseline !== null) arms.sort((a, b) => Number(b.key === baseline) - Number(a.key === baseline) || a.key.localeCompare(b.key));
  // By default the multiplier is read at the baseline's largest run: no extrapolation.
  const reference = data.runs.filter((r) => !r.excluded && (baseline === null || r.variant === baseline)).map((r) => r.C);
  const targetCompute = options.targetCompute ?? (reference.length > 0 ? Math.max(...reference) : 1);
  const usableFacts = arms.filter((a) => a.sizes >= MIN_SIZES);
  const method: AblationMethod = usableFacts.length > 0 && usableFacts.every((a) => a.ratio !== null) ? 'design-ratio' : 'frontier';
  const result = { baseline: baseline ?? '', targetCompute, method, methodNote: methodNote(method, usableFacts), arms, analysis: null };

  if (baseline === null) return { ...result, error: `Ablation ${data.scope.id} names no baseline variant (baseline: in its YAML file).` };
  const usable: ScalingArm[] = usableFacts.map((a) => ({ key: a.key, observations: fitObservations(byVariant.get(a.key)!) }));
  if (!usable.some((a) => a.key === baseline)) {
    return { ...result, error: `The baseline ${baseline} has no runs at ${MIN_SIZES} or more model sizes with a final ${data.metric}.` };
  }
  if (usable.length < 2) return { ...result, error: `No variant besides ${baseline} has runs at ${MIN_SIZES} or more model sizes.` };
  try {
    if (method === 'design-ratio') {
      const ratios = new Map(usableFacts.map((a) => [a.key, a.ratio!]));
      return { ...result, analysis: await analyzeAlongRatios(usable, ratios, baseline, targetCompute, options), error: null };
    }
    for (const arm of arms) if (arm.ratio !== null) arm.warnings.push(oneRatioWarning(arm));
    const analysis = await analyzeAblationScaling(usable, { ...options, baseline, E: options.E, targetCompute });
    for (const { key, fit } of analysis.fits.arms) {
      if (hasComputeOptimalFrontier(fit.params)) continue;
      const p = fit.params;
      arms.find((a) => a.key === key)?.warnings.push(
        `The fit of ${key} has α = ${p.alpha.toPrecision(3)}, β = ${p.beta.toPrecision(3)}: with an exponent ≤ 0 there is no compute-optimal frontier, so its multiplier is undefined.`,
      );
    }
    return { ...result, analysis, error: null };
  } catch (error) {
    if (error instanceof ScalingInputError) return { ...result, error: error.message };
    throw error;
  }
}

function oneRatioWarning(arm: ArmFacts): string {
  return (
    `Every run of ${arm.key} trains on about ${Math.round(arm.ratio!)} tokens per parameter, so N and D grow together: ` +
    'the data cannot tell A/N^α from B/D^β, and the compute-optimal frontier (and any multiplier read off it) rests on the fit, not the data. ' +
    'Runs at a second tokens-per-parameter ratio pin it down.'
  );
}

function methodNote(method: AblationMethod, arms: readonly ArmFacts[]): string | null {
  if (method === 'frontier') return null;
  const ratios = arms.map((a) => `${a.key} ${Math.round(a.ratio!)}`).join(', ');
  return (
    `Every arm was trained at one tokens-per-parameter ratio (${ratios}), so N and D grow together and the compute-optimal frontier is not in the data. ` +
    "The multiplier is read along each arm's own ratio: the compute the baseline needs, trained at its ratio, to reach the variant's loss. " +
    'Each arm is fitted with its own E, and bootstrapped over its own runs.'
  );
}

/** Each arm fitted and bootstrapped on its own; the multipliers compare losses along the arms' ratios. */
async function analyzeAlongRatios(
  arms: readonly ScalingArm[],
  ratios: ReadonlyMap<string, number>,
  baseline: string,
  targetCompute: number,
  control: AblationComputationOptions,
): Promise<AblationScaling> {
  const resamples = Math.max(0, Math.floor(control.resamples ?? 0));
  const fitted: DesignRatioArm[] = [];
  const summaries = [];
  for (const [index, arm] of arms.entries()) {
    const fit = fitChinchillaLoss(arm.observations);
    let samples: ChinchillaParams[] = [];
    if (resamples > 0) {
      const boot = await bootstrapChinchillaFit(arm.observations, {
        fit,
        resamples,
        seed: (control.seed ?? 1) + index,
        signal: control.signal,
        yieldEveryMs: control.yieldEveryMs,
        onProgress: (done) => control.onProgress?.(index * resamples + done, arms.length * resamples),
      });
      samples = boot.samples;
      summaries.push(boot);
    }
    fitted.push({ key: arm.key, ratio: ratios.get(arm.key)!, fit, samples });
  }
  const base = fitted.find((a) => a.key === baseline)!;
  return {
    baseline,
    eMode: 'free',
    fits: {
      eMode: 'free',
      objective: fitted.reduce((s, a) => s + a.fit.objective, 0),
      arms: fitted.map((a) => ({ key: a.key, fit: a.fit })),
      starts: fitted.reduce((s, a) => s + a.fit.starts, 0),
      converged: fitted.every((a) => a.fit.converged),
    },
    armIntervals: fitted.map((a) => ({ key: a.key, intervals: parameterIntervals(a.fit.params, a.samples) })),
    variants: fitted.filter((a) => a.key !== baseline).map((a) => summarizeDesignRatioVariant(base, a, targetCompute)),
    bootstrap: {
      requested: resamples,
      completed: summaries.length === arms.length ? Math.min(...summaries.map((s) => s.completed)) : 0,
      failed: summaries.reduce((s, b) => s + b.failed, 0),
      cancelled: summaries.some((s) => s.cancelled) || (resamples > 0 && summaries.length < arms.length),
      seed: control.seed ?? 1,
    },
  };
}
