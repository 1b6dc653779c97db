import { interpolateAt } from './interpolate';
import type { NumericArray } from './types';

/** One run of an ablation: its metric against the ablation's compare_at unit (step, tokens or FLOPs). */
export interface ComparisonRun {
  readonly runId: string;
  readonly variant: string;
  /** compare_at values per point; NaN where the run did not log that unit (such points are skipped). */
  readonly xs: NumericArray;
  readonly ys: NumericArray;
}

export interface VariantAtComparison {
  readonly variant: string;
  readonly values: number[];
  readonly n: number;
  /** Over the finite values; NaN when none. std is the sample standard deviation, NaN with fewer than 2. */
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

export type ComparisonPoint =
  | {
      readonly ok: true;
      /** The largest x that every run reached. */
      readonly x: number;
      readonly runs: { readonly runId: string; readonly variant: string; readonly value: number }[];
      /** In order of first appearance in the input. */
      readonly variants: VariantAtComparison[];
    }
  | { readonly ok: false; readonly reason: string };

function finitePoints(run: ComparisonRun): { xs: number[]; ys: number[] } {
  const pairs: [number, number][] = [];
  for (let i = 0; i < run.xs.length; i++) {
    const x = run.xs[i]!;
    if (Number.isFinite(x)) pairs.push([x, run.ys[i]!]);
  }
  pairs.sort((a, b) => a[0] - b[0]);
  return { xs: pairs.map((p) => p[0]), ys: pairs.map((p) => p[1]) };
}

/**
 * The metric of every run at the ablation's comparison point: the largest x all its runs reached,
 * interpolated linearly (the run that stopped first is read at its own last point). A value may be
 * non-finite when a run diverged there; it is reported, and left out of the variant's statistics.
 */
export function valueAtComparisonPoint(runs: readonly ComparisonRun[]): ComparisonPoint {
  if (runs.length === 0) return { ok: false, reason: 'the ablation has no runs' };
  const measured = runs.map((run) => ({ run, ...finitePoints(run) }));
  const empty = measured.find((m) => m.xs.length === 0);
  if (empty) return { ok: false, reason: `run ${empty.run.runId} has no points with a compare_at value` };
  // Every run has a point now, and one target gives one value.
  const x = Math.min(...measured.map((m) => m.xs[m.xs.length - 1]!));
  const target = Float64Array.of(x);
  const values = measured.map(({ run, xs, ys }) => ({
    runId: run.runId,
    variant: run.variant,
    value: interpolateAt(xs, ys, target)[0]!,
  }));
  const order: string[] = [];
  const byVariant = new Map<string, number[]>();
  for (const v of values) {
    if (!byVariant.has(v.variant)) {
      byVariant.set(v.variant, []);
      order.push(v.variant);
    }
    byVariant.get(v.variant)!.push(v.value);
  }
  return { ok: true, x, runs: values, variants: order.map((variant) => summarize(variant, byVariant.get(variant)!)) };
}

function summarize(variant: string, values: number[]): VariantAtComparison {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  const mean = n > 0 ? finite.reduce((s, v) => s + v, 0) / n : NaN;
  const std = n > 1 ? Math.sqrt(finite.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : NaN;
  return {
    variant,
    values,
    n,
    mean,
    std,
    min: n > 0 ? Math.min(...finite) : NaN,
    max: n > 0 ? Math.max(...finite) : NaN,
  };
}
