// Each ablation variant's delta against its baseline at the smallest and the largest model size at which
// both ran, on one eval: the pairs behind that eval's predictivity.
import type { ScaleDeltaPair } from '../../../../shared/domain/eval-quality';
import { valueAtComparisonPoint, type ComparisonRun } from '../../../../shared/series';
import type { AblationSpecRow, EvalRunSeries } from './eval-runs';

/** The run's x column in the ablation's compare_at unit; NaN where the run did not log it. */
function xsOf(run: EvalRunSeries, compareAt: string): Float64Array {
  if (compareAt === 'step') return run.steps;
  if (compareAt === 'flops') {
    const perToken = run.flopsPerToken ?? Number.NaN;
    return run.tokens.map((t) => t * perToken);
  }
  return run.tokens;
}

interface ArmAtSize {
  mean: number;
  seeds: number;
}

/** Variant means at one size's comparison point (the largest x every run of that size reached), with their finite seeds. */
function armsAtSize(runs: readonly EvalRunSeries[], compareAt: string): Map<string, ArmAtSize> {
  const comparison: ComparisonRun[] = runs.map((run) => ({ runId: run.runId, variant: run.variant, xs: xsOf(run, compareAt), ys: run.values }));
  const point = valueAtComparisonPoint(comparison);
  const arms = new Map<string, ArmAtSize>();
  if (!point.ok) return arms;
  for (const v of point.variants) if (Number.isFinite(v.mean)) arms.set(v.variant, { mean: v.mean, seeds: v.n });
  return arms;
}

interface DeltaAtSize {
  delta: number;
  variantSeeds: number;
  baselineSeeds: number;
}

/**
 * For every ablation with a baseline and runs of this eval at two or more model sizes, each other
 * variant's (small, large) delta pair: variant mean − baseline mean at the smallest and at the largest
 * size where both have a finite value. Runs without a model size cannot be placed on a scale.
 */
export function scaleDeltaPairs(runs: readonly EvalRunSeries[], ablations: readonly AblationSpecRow[]): ScaleDeltaPair[] {
  const byAblation = new Map<string, EvalRunSeries[]>();
  for (const run of runs) {
    if (run.params === null) continue;
    const list = byAblation.get(run.ablation);
    if (list) list.push(run);
    else byAblation.set(run.ablation, [run]);
  }
  const pairs: ScaleDeltaPair[] = [];
  for (const ablation of ablations) {
    const members = byAblation.get(ablation.id);
    if (!members || ablation.baseline === null) continue;
    const sizes = [...new Set(members.map((r) => r.params!))].sort((a, b) => a - b);
    if (sizes.length < 2) continue;
    const deltasBySize = sizes.map((size) => {
      const arms = armsAtSize(members.filter((r) => r.params === size), ablation.compareAt);
      const base = arms.get(ablation.baseline!);
      const deltas = new Map<string, DeltaAtSize>();
      if (base === undefined) return deltas;
      for (const [variant, arm] of arms) {
        if (variant !== ablation.baseline) deltas.set(variant, { delta: arm.mean - base.mean, variantSeeds: arm.seeds, baselineSeeds: base.seeds });
      }
      return deltas;
    });
    const variants = [...new Set(members.map((r) => r.variant))].filter((v) => v !== ablation.baseline).sort();
    for (const variant of variants) {
      const at = sizes.flatMap((size, i) => {
        const found = deltasBySize[i]!.get(variant);
        return found ? [{ size, ...found }] : [];
      });
      if (at.length < 2) continue;
      const first = at[0]!;
      const last = at[at.length - 1]!;
      pairs.push({
        ablationId: ablation.id,
        variant,
        baseline: ablation.baseline,
        compareAt: ablation.compareAt,
        smallParams: first.size,
        largeParams: last.size,
        small: first.delta,
        large: last.delta,
        largeSeeds: { variant: last.variantSeeds, baseline: last.baselineSeeds },
      });
    }
  }
  return pairs;
}
