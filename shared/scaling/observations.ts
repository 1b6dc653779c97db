import type { RejectedObservation, ScalingObservation } from './types';

/** Thrown when an analysis cannot run on the data it was given; the message says what is missing. */
export class ScalingInputError extends Error {
  constructor(
    message: string,
    readonly rejected: RejectedObservation[] = [],
  ) {
    super(message);
    this.name = 'ScalingInputError';
  }
}

/** Training compute of a run: its reported FLOPs, else 6·N·D. */
export function observationCompute(o: Pick<ScalingObservation, 'N' | 'D' | 'flops'>): number {
  return o.flops !== undefined ? o.flops : 6 * o.N * o.D;
}

export interface ValidatedObservations {
  valid: ScalingObservation[];
  rejected: RejectedObservation[];
}

const positive = 'a finite number > 0';

/**
 * Splits observations into usable ones and rejected ones with the field and what was expected,
 * so one bad run never hides the good ones. `needD` is false for analyses that only use N and compute.
 */
export function validateObservations(
  observations: readonly ScalingObservation[],
  needD = true,
): ValidatedObservations {
  const valid: ScalingObservation[] = [];
  const rejected: RejectedObservation[] = [];
  observations.forEach((o, index) => {
    const id = typeof o?.id === 'string' ? o.id : `#${index}`;
    const reject = (field: string, value: unknown, expected: string) =>
      rejected.push({ index, id, field, value, expected });
    if (o === null || typeof o !== 'object') return reject('observation', o, 'an object {id, N, D, L}');
    if (!isPositive(o.N)) return reject('N', o.N, positive);
    if ((needD || o.D !== undefined) && !isPositive(o.D)) return reject('D', o.D, positive);
    if (!isPositive(o.L)) return reject('L', o.L, positive);
    if (o.weight !== undefined && !(Number.isFinite(o.weight) && o.weight >= 0)) {
      return reject('weight', o.weight, 'a finite number ≥ 0');
    }
    if (o.flops !== undefined && !isPositive(o.flops)) return reject('flops', o.flops, positive);
    if (o.computeBudget !== undefined && !isPositive(o.computeBudget)) {
      return reject('computeBudget', o.computeBudget, positive);
    }
    valid.push(o);
  });
  return { valid, rejected };
}

export function isPositive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

export function distinctCount(values: readonly number[]): number {
  return new Set(values).size;
}

export function describeRejected(rejected: readonly RejectedObservation[]): string {
  return rejected
    .slice(0, 5)
    .map((r) => `${r.id} (index ${r.index}): ${r.field} = ${String(r.value)}, expected ${r.expected}`)
    .join('; ');
}
