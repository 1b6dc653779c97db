// Ablations across scale: fit every arm of an ablation (E shared or free), then turn each
// variant into its effective-compute multiplier over the baseline, as a curve over compute and
// at a target compute, with bootstrap intervals from resampling every arm's runs jointly.
import type { ArmLogParams } from './chinchilla-objective';
import {
  armParams,
  buildObjective,
  checkDelta,
  checkFixedE,
  DEFAULT_HUBER_DELTA,
  packJointStarts,
  packSingleArmStarts,
  prepareArm,
  toArmLogParams,
} from './chinchilla-problem';
import { parameterIntervals, type ParameterIntervals } from './bootstrap-chinchilla';
import { runBootstrap, type BootstrapControl, type BootstrapSummary } from './bootstrap';
import { fitChinchillaVariants, type ChinchillaVariantsFit, type ScalingArm } from './fit-chinchilla-variants';
import type { ChinchillaFitOptions } from './fit-chinchilla';
import { jointRefit, minimizeFromStarts } from './multi-start';
import { summarizeVariant, type VariantEffectiveCompute } from './variant-multiplier';
import { ScalingInputError } from './observations';
import { BOOTSTRAP_START_GRID, gridStarts, type StartGrid } from './start-grid';
import type { ChinchillaParams } from './types';

export interface AblationScalingOptions extends BootstrapControl {
  /** Key of the baseline arm. */
  baseline: string;
  /** E shared by all arms, or free per arm. */
  E: 'shared' | 'free';
  /** Compute at which to report one multiplier. */
  targetCompute?: number;
  /** Points of the multiplier curve (default 25). */
  curvePoints?: number;
  /** Compute range of the curve (default: the data's smallest compute to the larger of its largest and the target). */
  curveRange?: [number, number];
  fitOptions?: ChinchillaFitOptions;
  refitGrid?: StartGrid;
  /** Distinct model sizes every arm needs (default 3). */
  minDistinctN?: number;
}

export interface AblationScaling {
  baseline: string;
  eMode: ChinchillaVariantsFit['eMode'];
  fits: ChinchillaVariantsFit;
  /** Bootstrap intervals of every arm's parameters. */
  armIntervals: { key: string; intervals: ParameterIntervals }[];
  variants: VariantEffectiveCompute[];
  bootstrap: BootstrapSummary;
}


export async function analyzeAblationScaling(
  arms: readonly ScalingArm[],
  options: AblationScalingOptions,
): Promise<AblationScaling> {
  const baselineIndex = arms.findIndex((a) => a.key === options.baseline);
  if (baselineIndex < 0) {
    throw new ScalingInputError(
      `Ablation scaling: baseline "${options.baseline}" is not among the arms (${arms.map((a) => `"${a.key}"`).join(', ')})`,
    );
  }
  if (arms.length < 2) throw new ScalingInputError('Ablation scaling: needs the baseline and at least one variant');
  const fitOptions = options.fitOptions ?? {};
  const minDistinctN = options.minDistinctN ?? 3;
  const fits = fitChinchillaVariants(arms, { ...fitOptions, E: options.E, minDistinctN });

  const refit = makeRefit(arms, fits, fitOptions, options.refitGrid ?? BOOTSTRAP_START_GRID, minDistinctN);
  const { samples, summary } = await runBootstrap(refit.groupSizes, refit.run, options);

  const variants = arms
    .map((arm, index) => ({ arm, index }))
    .filter(({ index }) => index !== baselineIndex)
    .map(({ arm, index }) =>
      summarizeVariant({
        key: arm.key,
        baseline: fits.arms[baselineIndex]!.fit,
        variant: fits.arms[index]!.fit,
        samples: samples.map((s) => ({ baseline: s[baselineIndex]!, variant: s[index]! })),
        options,
      }),
    );
  return {
    baseline: options.baseline,
    eMode: fits.eMode,
    fits,
    armIntervals: fits.arms.map((a, v) => ({ key: a.key, intervals: parameterIntervals(a.fit.params, samples.map((s) => s[v]!)) })),
    variants,
    bootstrap: summary,
  };
}

/** The bootstrap refit of all arms for one resample: joint when E is shared, arm by arm otherwise. */
function makeRefit(
  arms: readonly ScalingArm[],
  fits: ChinchillaVariantsFit,
  fitOptions: ChinchillaFitOptions,
  grid: StartGrid,
  minDistinctN: number,
): { groupSizes: number[]; run: (multiplicity: readonly Float64Array[]) => ChinchillaParams[] | null } {
  const delta = checkDelta(fitOptions.delta ?? DEFAULT_HUBER_DELTA);
  const prepared = arms.map((arm) => prepareArm(arm.key, arm.observations, 4, minDistinctN));
  const groupSizes = prepared.map((p) => p.observations.length);
  const optimum = fits.arms.map((a) => a.fit.params);

  if (fits.eMode === 'shared') {
    const joint = buildObjective(prepared, delta, null);
    const gridPoints = gridStarts(grid);
    const starts = packJointStarts(joint, [
      { arms: optimum.map(toArmLogParams), e: Math.log(optimum[0]!.E) },
      ...gridPoints.map((g) => ({ arms: prepared.map((): ArmLogParams => g), e: g.e })),
    ]);
    return { groupSizes, run: jointRefit(joint, starts, groupSizes, (x) => prepared.map((_, v) => armParams(joint, x, v))) };
  }

  const fixedLogE = checkFixedE(fitOptions.fixedE);
  const perArm = prepared.map((arm, v) => {
    const objective = buildObjective([arm], delta, fixedLogE);
    const starts = packSingleArmStarts(objective, gridStarts(grid, fixedLogE === null), [optimum[v]!]);
    return { objective, starts };
  });
  return {
    groupSizes,
    run: (multiplicity) => {
      const result: ChinchillaParams[] = [];
      for (let v = 0; v < perArm.length; v++) {
        const { objective, starts } = perArm[v]!;
        objective.setMultiplicity(multiplicity[v]!);
        const outcome = minimizeFromStarts(objective, starts, { polishCount: 2 });
        if (!Number.isFinite(outcome.value)) return null;
        result.push(armParams(objective, outcome.x, 0));
      }
      return result;
    },
  };
}
