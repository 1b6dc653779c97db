import { aggregateOnGrid, type SeedAggregate } from './seed-aggregate';
import { commonGrid, type GridSpec } from './interpolate';
import type { Series } from './types';

/**
 * How the band around a delta is built from the two arms' seed spreads:
 * - 'standard-error': delta ± sqrt(s_v²/n_v + s_b²/n_b), one standard error of the difference of means
 *   (the quantity Welch's test divides by). NaN when either arm has fewer than 2 finite seeds at that x:
 *   one seed gives no spread, and none is invented.
 * - 'min-max': from (variant min − baseline max) to (variant max − baseline min), the range of every
 *   seed-against-seed difference. With one seed per arm it collapses onto the delta.
 */
export type DeltaBand = 'standard-error' | 'min-max';

export interface DeltaSeries {
  readonly band: DeltaBand;
  readonly xs: Float64Array;
  /** variant mean − baseline mean; NaN where either arm has no finite value. */
  readonly delta: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  readonly variantCount: Uint32Array;
  readonly baselineCount: Uint32Array;
}

/**
 * A variant minus its baseline at matched x. Both arms are interpolated on one grid built from all their
 * runs; only x covered by at least one run of each arm are kept.
 */
export function deltaVsBaseline(
  variantRuns: readonly Series[],
  baselineRuns: readonly Series[],
  options: { grid: GridSpec; band: DeltaBand },
): DeltaSeries {
  const gridXs = commonGrid([...variantRuns, ...baselineRuns], options.grid);
  return deltaOfAggregates(aggregateOnGrid(variantRuns, gridXs), aggregateOnGrid(baselineRuns, gridXs), options.band);
}

/** The delta of two aggregates; x present in only one of them are left out. */
export function deltaOfAggregates(variant: SeedAggregate, baseline: SeedAggregate, band: DeltaBand): DeltaSeries {
  const pairs: [number, number][] = [];
  let j = 0;
  for (let i = 0; i < variant.xs.length; i++) {
    const x = variant.xs[i]!;
    while (j < baseline.xs.length && baseline.xs[j]! < x) j++;
    if (baseline.xs[j] === x) pairs.push([i, j]);
  }
  const size = pairs.length;
  const out = {
    band,
    xs: new Float64Array(size),
    delta: new Float64Array(size),
    lower: new Float64Array(size),
    upper: new Float64Array(size),
    variantCount: new Uint32Array(size),
    baselineCount: new Uint32Array(size),
  };
  // v and b index the aggregates' columns, all of one length (the pairs were found in their xs).
  pairs.forEach(([v, b], k) => {
    const delta = variant.mean[v]! - baseline.mean[b]!;
    out.xs[k] = variant.xs[v]!;
    out.delta[k] = delta;
    out.variantCount[k] = variant.count[v]!;
    out.baselineCount[k] = baseline.count[b]!;
    if (band === 'min-max') {
      out.lower[k] = variant.min[v]! - baseline.max[b]!;
      out.upper[k] = variant.max[v]! - baseline.min[b]!;
    } else {
      const nv = variant.count[v]!;
      const nb = baseline.count[b]!;
      const se =
        nv >= 2 && nb >= 2 ? Math.sqrt(variant.std[v]! ** 2 / nv + baseline.std[b]! ** 2 / nb) : NaN;
      out.lower[k] = delta - se;
      out.upper[k] = delta + se;
    }
  });
  return out;
}
