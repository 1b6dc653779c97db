// An ablation across scale: every variant with runs at 3 or more sizes becomes an arm, fitted with
// E shared or free, and each variant's effective-compute multiplier over the baseline comes with
// its bootstrap interval. Arms whose design cannot pin down the Chinchilla surface are flagged.
import {
  analyzeAblationScaling,
  hasComputeOptimalFrontier,
  ScalingInputError,
  type AblationScaling,
  type BootstrapControl,
  type ScalingArm,
} from '../../../shared/scaling';
import type { ObservedRun, ScalingData } from '../queries/scaling-observations';
import { fitObservations } from '../queries/scaling-observations';

export interface ArmFacts {
  key: string;
  n: number;
  sizes: number;
  excluded: number;
  warnings: string[];
}

export interface AblationComputation {
  baseline: string;
  targetCompute: number;
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

function designWarnings(key: string, runs: readonly ObservedRun[]): string[] {
  const ratios = runs.map((r) => r.D / r.N);
  const lo = Math.min(...ratios);
  const hi = Math.max(...ratios);
  if (runs.length === 0 || hi / lo >= SAME_RATIO) return [];
  return [
    `Every run of ${key} trains on about ${Math.round(Math.sqrt(lo * hi))} tokens per parameter, so N and D grow together: ` +
      'the data cannot tell A/N^α from B/D^β, and the compute-optimal frontier (and any multiplier read off it) rests on the fit, not the data. ' +
      'Runs at a second tokens-per-parameter ratio pin it down.',
  ];
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
    const warnings = designWarnings(key, included);
    if (sizes < MIN_SIZES) warnings.unshift(`${key} has runs at ${sizes} model size${sizes === 1 ? '' : 's'}; a scaling fit needs ${MIN_SIZES}.`);
    return { key, n: included.length, sizes, excluded: runs.length - included.length, warnings };
  });
  if (baseline !== null) arms.sort((a, b) => Number(b.key === baseline) - Number(a.key === baseline) || a.key.localeCompare(b.key));
  const fitted = data.runs.filter((r) => !r.excluded).map((r) => r.C);
  const targetCompute = options.targetCompute ?? (fitted.length > 0 ? Math.max(...fitted) : 1);
  const result = { baseline: baseline ?? '', targetCompute, arms, analysis: null };

  if (baseline === null) return { ...result, error: `Ablation ${data.scope.id} names no baseline variant (baseline: in its YAML file).` };
  const usable: ScalingArm[] = arms
    .filter((a) => a.sizes >= MIN_SIZES)
    .map((a) => ({ key: a.key, observations: fitObservations(byVariant.get(a.key)!) }));
  if (!usable.some((a) => a.key === baseline)) {
    return { ...result, error: `The baseline ${baseline} has no runs at ${MIN_SIZES} or more model sizes with a final ${data.metric}.` };
  }
  if (usable.length < 2) return { ...result, error: `No variant besides ${baseline} has runs at ${MIN_SIZES} or more model sizes.` };
  try {
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
