import { commonGrid, interpolateAt, type GridSpec } from './interpolate';
import type { Series } from './types';

/**
 * Several seeds of one variant on a common grid. Only x covered by at least one run are kept: a run
 * covers x when x lies within its first and last x. At each x:
 * - `runs`: how many runs cover x; `count`: how many of those have a finite value there (the statistics use
 *   only these); `nonFinite` = runs − count, seeds that diverged, so the chart can say so.
 * - `mean`, `min`, `max` over the finite values (NaN when count = 0); `std` is the sample standard
 *   deviation (n − 1), NaN when count < 2: one seed has no spread to show.
 */
export interface SeedAggregate {
  readonly xs: Float64Array;
  readonly mean: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly std: Float64Array;
  readonly count: Uint32Array;
  readonly runs: Uint32Array;
  readonly nonFinite: Uint32Array;
}

export function aggregateSeeds(runs: readonly Series[], grid: GridSpec): SeedAggregate {
  return aggregateOnGrid(runs, commonGrid(runs, grid));
}

/** aggregateSeeds on a grid the caller already has (e.g. shared with a baseline). */
export function aggregateOnGrid(runs: readonly Series[], gridXs: Float64Array): SeedAggregate {
  const values = runs.map((run) => interpolateAt(run.xs, run.ys, gridXs));
  const starts = runs.map((run) => run.xs[0] ?? Infinity);
  const ends = runs.map((run) => run.xs[run.xs.length - 1] ?? -Infinity);
  const covers = (r: number, x: number): boolean => x >= starts[r]! && x <= ends[r]!;
  const kept: number[] = [];
  for (let j = 0; j < gridXs.length; j++) {
    for (let r = 0; r < runs.length; r++) {
      if (covers(r, gridXs[j]!)) {
        kept.push(j);
        break;
      }
    }
  }

  const size = kept.length;
  const out = {
    xs: new Float64Array(size),
    mean: new Float64Array(size),
    min: new Float64Array(size),
    max: new Float64Array(size),
    std: new Float64Array(size),
    count: new Uint32Array(size),
    runs: new Uint32Array(size),
    nonFinite: new Uint32Array(size),
  };
  kept.forEach((j, k) => {
    const x = gridXs[j]!;
    let covering = 0;
    let n = 0;
    let mean = 0;
    let m2 = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let r = 0; r < runs.length; r++) {
      if (!covers(r, x)) continue;
      covering++;
      const v = values[r]![j]!;
      if (!Number.isFinite(v)) continue;
      // Welford: stable for values with a large common offset (losses near 2.0 differing in the 4th decimal).
      n++;
      const d = v - mean;
      mean += d / n;
      m2 += d * (v - mean);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    out.xs[k] = x;
    out.runs[k] = covering;
    out.count[k] = n;
    out.nonFinite[k] = covering - n;
    out.mean[k] = n > 0 ? mean : NaN;
    out.min[k] = n > 0 ? min : NaN;
    out.max[k] = n > 0 ? max : NaN;
    out.std[k] = n > 1 ? Math.sqrt(m2 / (n - 1)) : NaN;
  });
  return out;
}
