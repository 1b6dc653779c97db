// Several variants of one ablation fitted together: each with its own A, B, α, β, and E either
// free per variant or one E shared by all (the irreducible loss of the data, which a modelling
// change should not move). The shared-E fit is started from the profile over e: for each e on
// the grid, each variant's best fit with E held there; plus each variant's free fit.
import type { ArmLogParams } from './chinchilla-objective';
import {
  buildObjective,
  checkDelta,
  checkFixedE,
  DEFAULT_HUBER_DELTA,
  packJointStarts,
  packSingleArmStarts,
  prepareArm,
  toArmLogParams,
  type PreparedArm,
} from './chinchilla-problem';
import { describeArmFit, fitChinchillaLoss, type ChinchillaFit, type ChinchillaFitOptions } from './fit-chinchilla';
import { minimizeFromStarts } from './multi-start';
import { ScalingInputError } from './observations';
import { CHINCHILLA_START_GRID, gridStarts } from './start-grid';
import type { ScalingObservation } from './types';

/** One variant of an ablation (or any group of runs) and its observations. */
export interface ScalingArm {
  key: string;
  observations: readonly ScalingObservation[];
}

export interface ChinchillaVariantsOptions extends ChinchillaFitOptions {
  /** 'shared': one E fitted for all arms; 'free': each arm its own E. `fixedE` overrides both. */
  E: 'shared' | 'free';
  /** Distinct model sizes each arm needs (default 3). */
  minDistinctN?: number;
}

export interface ChinchillaVariantsFit {
  eMode: 'shared' | 'free' | 'fixed';
  /** Weighted Huber sum over all arms. */
  objective: number;
  arms: { key: string; fit: ChinchillaFit }[];
  /** L-BFGS starts run in total (free fits, the e profile and the joint fit). */
  starts: number;
  converged: boolean;
}

export function fitChinchillaVariants(
  arms: readonly ScalingArm[],
  options: ChinchillaVariantsOptions,
): ChinchillaVariantsFit {
  if (!Array.isArray(arms) || arms.length === 0) {
    throw new ScalingInputError('Chinchilla variants fit: needs at least one arm {key, observations}');
  }
  const keys = new Set<string>();
  for (const arm of arms) {
    if (keys.has(arm.key)) throw new ScalingInputError(`Chinchilla variants fit: arm key "${arm.key}" appears twice`);
    keys.add(arm.key);
  }
  const fixedLogE = checkFixedE(options.fixedE);
  const prepared = arms.map((arm) => prepareArm(arm.key, arm.observations, 4, options.minDistinctN ?? 3));
  if (fixedLogE !== null || options.E === 'free') {
    const fits = prepared.map((arm) => ({ key: arm.key, fit: fitChinchillaLoss(arm.observations, options) }));
    return {
      eMode: fixedLogE !== null ? 'fixed' : 'free',
      objective: fits.reduce((sum, f) => sum + f.fit.objective, 0),
      arms: fits,
      starts: fits.reduce((sum, f) => sum + f.fit.starts, 0),
      converged: fits.every((f) => f.fit.converged),
    };
  }
  return fitSharedE(prepared, options);
}

function fitSharedE(prepared: readonly PreparedArm[], options: ChinchillaFitOptions): ChinchillaVariantsFit {
  const delta = checkDelta(options.delta ?? DEFAULT_HUBER_DELTA);
  const grid = options.grid ?? CHINCHILLA_START_GRID;
  const armGrid = gridStarts(grid, false);
  let starts = 0;
  const jointStarts: { arms: ArmLogParams[]; e: number }[] = [];

  for (const e of grid.e) {
    const profile = prepared.map((arm) => {
      const objective = buildObjective([arm], delta, e);
      const outcome = minimizeFromStarts(objective, packSingleArmStarts(objective, armGrid, []), {
        ...options,
        polishCount: 1,
      });
      starts += outcome.starts;
      return objective.armFromInternal(outcome.x, 0);
    });
    jointStarts.push({ arms: profile, e });
  }
  const free = prepared.map((arm) => fitChinchillaLoss(arm.observations, options));
  starts += free.reduce((sum, f) => sum + f.starts, 0);
  const freeArms = free.map((f) => toArmLogParams(f.params));
  for (const f of free) jointStarts.push({ arms: freeArms, e: f.logParams.e });
  jointStarts.push({ arms: freeArms, e: free.reduce((sum, f) => sum + f.logParams.e, 0) / free.length });

  const joint = buildObjective(prepared, delta, null);
  const outcome = minimizeFromStarts(joint, packJointStarts(joint, jointStarts), options);
  starts += outcome.starts;
  const fits = prepared.map((arm, v) => ({ key: arm.key, fit: describeArmFit(joint, outcome, arm, v, 'shared') }));
  return {
    eMode: 'shared',
    objective: fits.reduce((sum, f) => sum + f.fit.objective, 0),
    arms: fits,
    starts,
    converged: outcome.converged,
  };
}
