// What the comparison point needs of one run, read without loading the run: how far it got in the
// ablation's compare_at unit, and its points on either side of a given x.
import type Database from 'better-sqlite3';
import type { ComparisonRun } from '../../../../shared/series';
import { STEPS, TOKENS, VALUES } from '../../points/point-chunk';
import { readSeriesPoints, type PointColumns } from '../../points/read-series-points';

export type CompareAt = 'step' | 'tokens' | 'flops';

export interface ComparedRun {
  runId: string;
  variant: string;
  seriesPk: number;
  /** Multiplies tokens into FLOPs; null when the run's FLOPs are unknown. */
  flopsPerToken: number | null;
}

/** The run's steps, tokens and values (tokens only when the unit needs them). */
function columnsOf(sqlite: Database.Database, run: ComparedRun, unit: CompareAt): PointColumns {
  return readSeriesPoints(sqlite, run.seriesPk, {}, unit === 'step' ? STEPS | VALUES : STEPS | VALUES | TOKENS);
}

/** The largest compare_at value the run reached; null when it never logged that unit. */
export function reachOf(sqlite: Database.Database, run: ComparedRun, unit: CompareAt): number | null {
  const points = columnsOf(sqlite, run, unit);
  if (unit === 'step') return points.length > 0 ? points.steps[points.length - 1]! : null;
  let last = points.length - 1;
  while (last >= 0 && Number.isNaN(points.tokens[last]!)) last--;
  if (last < 0) return null;
  const tokens = points.tokens[last]!;
  if (unit === 'flops') return run.flopsPerToken === null ? null : tokens * run.flopsPerToken;
  return tokens;
}

/**
 * The run's points around x (the last at or before it and the first after it), as valueAtComparisonPoint
 * takes them: interpolating between them equals interpolating the whole run there. A point without
 * tokens is on neither side on a tokens axis.
 */
export function sliceAround(sqlite: Database.Database, run: ComparedRun, unit: CompareAt, x: number): ComparisonRun {
  const scale = unit === 'flops' ? run.flopsPerToken! : 1;
  const target = x / scale;
  const points = columnsOf(sqlite, run, unit);
  const xs = unit === 'step' ? points.steps : points.tokens;
  // The last point (by step) at or before the target, and the first after it; NaN compares false both ways.
  let before = points.length - 1;
  while (before >= 0 && !(xs[before]! <= target)) before--;
  let after = 0;
  while (after < points.length && !(xs[after]! > target)) after++;
  const picked = [before, after].filter((i) => i >= 0 && i < points.length);
  return {
    runId: run.runId,
    variant: run.variant,
    xs: picked.map((i) => (unit === 'flops' ? xs[i]! * scale : xs[i]!)),
    ys: picked.map((i) => points.values[i]!),
  };
}
