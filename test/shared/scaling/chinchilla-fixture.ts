// Known parameters shared by the scaling tests: the Chinchilla fit of Hoffmann et al. (2022).
import { logSpaced, type ChinchillaParams } from '../../../shared/scaling';

export const CHINCHILLA: ChinchillaParams = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };

/** The grid of the brief: N from 5e7 to 3e9, D from 1e9 to 1e11, log-spaced. */
export const gridN = (count: number) => logSpaced(5e7, 3e9, count);
export const gridD = (count: number) => logSpaced(1e9, 1e11, count);

export function relativeError(actual: number, expected: number): number {
  return Math.abs(actual / expected - 1);
}
