// An ablation across scale: every variant with runs at 3 or more sizes becomes an arm. When the
// arms were run at several tokens-per-parameter ratios, each arm gets a Chinchilla fit (E shared
// or free) and each variant's effective-compute multiplier is read off the compute-optimal
// frontiers, as issue 6 states. When every arm was run at one ratio (D ∝ N), the frontier is not
// in the data: each arm gets the power law of loss in compute its runs do identify (E shared or
// free), and the multiplier is read along it (design-ratio-multiplier.ts).
import {
  analyzeAblationScaling,
  bootstrapComputeLaws,
  chinchillaIdentifiability,
  computeLawIntervals,
  fitComputeLaws,
  hasComputeOptimalFrontier,
  ScalingInputError,
  type BootstrapControl,
  type BootstrapSummary,
  type ChinchillaParams,
  type ComputeLawIntervals,
  type ComputeLawParams,
  type FitIdentifiability,
  type ParameterIntervals,
  type ScalingArm,
  type VariantEffectiveCompute,
} from '../../../shared/scaling/index';
import type { ObservedRun, ScalingData } from '../queries/scaling-observations';
import { fitObservations } from '../queries/scaling-observations';
import { summarizeDesignRatioVariant } from './design-ratio-multiplier';

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

/** One arm's fit: the Chinchilla law (frontier method) or the power law of loss in compute (design ratio). */
export interface ArmFit {
  key: string;
  chinchilla: { params: ChinchillaParams; intervals: ParameterIntervals; identifiability: FitIdentifiability } | null;
  law: { params: ComputeLawParams; intervals: ComputeLawIntervals } | null;
  minCompute: number;
  maxCompute: number;
  residuals: { id: string; predicted: number; logResidual: number }[];
}

export interface AblationAnalysis {
  eMode: 'shared' | 'free';
  arms: ArmFit[];
  variants: VariantEffectiveCompute[];
  bootstrap: BootstrapSummary;
}

export interface AblationComputation {
  baseline: string;
  targetCompute: number;
  method: AblationMethod;
  /** What the method means for these arms, in a sentence or two. */
  methodNote: string | null;
  arms: ArmFacts[];
  analysis: AblationAnalysis | null;
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
  const result = { baseline: baseline ?? '', targetCompute, method, methodNote: methodNote(method, usableFacts, options.E), arms, analysis: null };

  if (baseline === null) return { ...result, error: `Ablation ${data.scope.id} names no baseline variant (baseline: in its YAML file).` };
  const usable: ScalingArm[] = usableFacts.map((a) => ({ key: a.key, observations: fitObservations(byVariant.get(a.key)!) }));
  if (!usable.some((a) => a.key === baseline)) {
    return { ...result, error: `The baseline ${baseline} has no runs at ${MIN_SIZES} or more model sizes with a final ${data.metric}.` };
  }
  if (usable.length < 2) return { ...result, error: `No variant besides ${baseline} has runs at ${MIN_SIZES} or more model sizes.` };
  try {
    if (method === 'design-ratio') return { ...result, analysis: await analyzeAlongLaws(usable, baseline, targetCompute, options), error: null };
    const scaling = await analyzeAblationScaling(usable, { ...options, baseline, E: options.E, targetCompute });
    const analysis: AblationAnalysis = {
      eMode: scaling.eMode === 'free' ? 'free' : 'shared',
      variants: scaling.variants,
      bootstrap: scaling.bootstrap,
      arms: scaling.fits.arms.map(({ key, fit }, v) => ({
        key,
        chinchilla: {
          params: fit.params,
          intervals: scaling.armIntervals[v]!.intervals,
          identifiability: chinchillaIdentifiability(usable[v]!.observations, fit.params),
        },
        law: null,
        minCompute: fit.minCompute,
        maxCompute: fit.maxCompute,
        residuals: fit.residuals,
      })),
    };
    for (const arm of analysis.arms) {
      const facts = arms.find((a) => a.key === arm.key)!;
      const { params, identifiability } = arm.chinchilla!;
      if (!identifiability.identifiable) facts.warnings.push(`${arm.key}: ${identifiability.reason} Its frontier, and any multiplier read off it, rests on the fit, not the data.`);
      else if (!hasComputeOptimalFrontier(params)) {
        facts.warnings.push(
          `The fit of ${arm.key} has α = ${params.alpha.toPrecision(3)}, β = ${params.beta.toPrecision(3)}: with an exponent ≤ 0 there is no compute-optimal frontier, so its multiplier is undefined.`,
        );
      }
    }
    return { ...result, analysis, error: null };
  } catch (error) {
    if (error instanceof ScalingInputError) return { ...result, error: error.message };
    throw error;
  }
}

function methodNote(method: AblationMethod, arms: readonly ArmFacts[], E: 'shared' | 'free'): string | null {
  if (method === 'frontier') return null;
  const ratios = arms.map((a) => `${a.key} ${Math.round(a.ratio!)}`).join(', ');
  return (
    `Every arm was trained at one tokens-per-parameter ratio (${ratios}), so N and D grow together and the compute-optimal frontier is not in the data. ` +
    `What the data do identify is each arm's loss against compute, fitted as L(C) = E + K·C^−γ (E ${E === 'shared' ? 'shared by the arms' : 'free per arm'}). ` +
    "The multiplier is read along these laws: the compute the baseline needs, trained at its ratio, to reach the variant's loss."
  );
}

/** Each arm's power law of loss in compute, fitted (E shared or free) and bootstrapped over every arm's runs together. */
async function analyzeAlongLaws(arms: readonly ScalingArm[], baseline: string, targetCompute: number, control: AblationComputationOptions): Promise<AblationAnalysis> {
  const fit = fitComputeLaws(arms, control.E);
  const resamples = Math.max(0, Math.floor(control.resamples ?? 0));
  const boot = resamples > 0 ? await bootstrapComputeLaws(arms, fit, { ...control, resamples }) : null;
  const samples = boot?.samples ?? [];
  const fitted = fit.arms.map((law, v) => ({ key: law.key, fit: law, samples: samples.map((s) => s[v]!) }));
  const base = fitted.find((a) => a.key === baseline)!;
  return {
    eMode: fit.eMode,
    arms: fitted.map((a) => ({
      key: a.key,
      chinchilla: null,
      law: { params: a.fit.params, intervals: computeLawIntervals(a.fit.params, a.samples) },
      minCompute: a.fit.minCompute,
      maxCompute: a.fit.maxCompute,
      residuals: a.fit.residuals,
    })),
    variants: fitted.filter((a) => a.key !== baseline).map((a) => summarizeDesignRatioVariant(base, a, targetCompute)),
    bootstrap: boot?.summary ?? { requested: 0, completed: 0, failed: 0, cancelled: false, seed: control.seed ?? 1 },
  };
}
