// Shared plumbing of the Chinchilla fits: validating arms, building the objective and
// start points, and turning an optimum back into published parameters.
import { ChinchillaObjective, type ArmArrays, type ArmLogParams } from './chinchilla-objective';
import { describeRejected, distinctCount, ScalingInputError, validateObservations } from './observations';
import type { GridStart } from './start-grid';
import type { ChinchillaParams, RejectedObservation, ScalingObservation } from './types';

export const DEFAULT_HUBER_DELTA = 1e-3;

export interface PreparedArm {
  key: string;
  observations: ScalingObservation[];
  rejected: RejectedObservation[];
  arrays: ArmArrays;
}

export function prepareArm(
  key: string,
  observations: readonly ScalingObservation[],
  minObservations: number,
  minDistinctN = 2,
): PreparedArm {
  if (!Array.isArray(observations)) {
    throw new ScalingInputError(`${label(key)}: observations must be an array of {id, N, D, L}`);
  }
  const { valid, rejected } = validateObservations(observations);
  const where = label(key);
  const rejectedNote = rejected.length > 0 ? ` (rejected ${rejected.length}: ${describeRejected(rejected)})` : '';
  if (valid.length < minObservations) {
    throw new ScalingInputError(
      `${where}: needs at least ${minObservations} usable observations, got ${valid.length}${rejectedNote}`,
      rejected,
    );
  }
  const distinctN = distinctCount(valid.map((o) => o.N));
  if (distinctN < minDistinctN) {
    throw new ScalingInputError(
      `${where}: needs runs at ${minDistinctN} or more distinct model sizes N, got ${distinctN}${rejectedNote}`,
      rejected,
    );
  }
  const distinctD = distinctCount(valid.map((o) => o.D));
  if (distinctD < 2) {
    throw new ScalingInputError(`${where}: needs runs at 2 or more distinct token counts D, got ${distinctD}${rejectedNote}`, rejected);
  }
  if (!valid.some((o) => (o.weight ?? 1) > 0)) {
    throw new ScalingInputError(`${where}: every observation has weight 0`, rejected);
  }
  return {
    key,
    observations: valid,
    rejected,
    arrays: {
      N: valid.map((o) => o.N),
      D: valid.map((o) => o.D),
      L: valid.map((o) => o.L),
      weight: valid.map((o) => o.weight ?? 1),
    },
  };
}

function label(key: string): string {
  return key ? `Chinchilla fit of "${key}"` : 'Chinchilla fit';
}

export function checkDelta(delta: number): number {
  if (!(Number.isFinite(delta) && delta > 0)) {
    throw new ScalingInputError(`Chinchilla fit: delta must be a finite number > 0, got ${delta}`);
  }
  return delta;
}

export function checkFixedE(E: number | undefined): number | null {
  if (E === undefined) return null;
  if (!(Number.isFinite(E) && E > 0)) {
    throw new ScalingInputError(`Chinchilla fit: fixedE must be a finite number > 0, got ${E}`);
  }
  return Math.log(E);
}

export function buildObjective(arms: readonly PreparedArm[], delta: number, fixedLogE: number | null): ChinchillaObjective {
  return new ChinchillaObjective(
    arms.map((arm) => arm.arrays),
    delta,
    fixedLogE,
  );
}

export function toArmLogParams(p: ChinchillaParams): ArmLogParams {
  return { a: Math.log(p.A), b: Math.log(p.B), alpha: p.alpha, beta: p.beta };
}

export function fromLogParams(arm: ArmLogParams, e: number): ChinchillaParams {
  return { E: Math.exp(e), A: Math.exp(arm.a), B: Math.exp(arm.b), alpha: arm.alpha, beta: arm.beta };
}

/** Packs single-arm starts (grid points and explicit parameter sets) into one flat array. */
export function packSingleArmStarts(
  objective: ChinchillaObjective,
  grid: readonly GridStart[],
  extra: readonly ChinchillaParams[],
): Float64Array {
  const dim = objective.dimension;
  const out = new Float64Array((grid.length + extra.length) * dim);
  grid.forEach((s, k) => objective.toInternal([s], s.e, out.subarray(k * dim, (k + 1) * dim)));
  extra.forEach((p, j) => {
    const k = grid.length + j;
    objective.toInternal([toArmLogParams(p)], Math.log(p.E), out.subarray(k * dim, (k + 1) * dim));
  });
  return out;
}

/** Packs joint starts, each a list of per-arm parameters plus e. */
export function packJointStarts(
  objective: ChinchillaObjective,
  starts: readonly { arms: readonly ArmLogParams[]; e: number }[],
): Float64Array {
  const dim = objective.dimension;
  const out = new Float64Array(starts.length * dim);
  starts.forEach((s, k) => objective.toInternal(s.arms, s.e, out.subarray(k * dim, (k + 1) * dim)));
  return out;
}

export function armParams(objective: ChinchillaObjective, x: ArrayLike<number>, arm: number): ChinchillaParams {
  return fromLogParams(objective.armFromInternal(x, arm), objective.eFromInternal(x));
}

export function huber(r: number, delta: number): number {
  const abs = Math.abs(r);
  return abs <= delta ? 0.5 * r * r : delta * (abs - 0.5 * delta);
}

