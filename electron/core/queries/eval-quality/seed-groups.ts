// Groups of seeds of otherwise identical runs, each read at matched tokens: the input of the noise floor.
import { valueAtComparisonPoint, type ComparisonRun } from '../../../../shared/series';
import type { EvalRunSeries } from './eval-runs';

/** Runs that differ only by seed: same ablation, variant, model size and planned tokens. */
function groupKey(run: EvalRunSeries): string {
  return JSON.stringify([run.ablation, run.variant, run.params, run.plannedTokens]);
}

const hasTokens = (run: EvalRunSeries) => run.tokens.some(Number.isFinite);

/**
 * Each group's finite values at the largest tokens all its seeds reached (interpolated). A group in
 * which some run logged no tokens is matched by step instead. Groups of one run are kept (they add
 * no degrees of freedom) so the caller can count them.
 */
export function seedGroupValues(runs: readonly EvalRunSeries[]): number[][] {
  const groups = new Map<string, EvalRunSeries[]>();
  for (const run of runs) {
    const key = groupKey(run);
    const list = groups.get(key);
    if (list) list.push(run);
    else groups.set(key, [run]);
  }
  const out: number[][] = [];
  for (const members of groups.values()) {
    const byTokens = members.every(hasTokens);
    const comparison: ComparisonRun[] = members.map((run) => ({
      runId: run.runId,
      variant: run.variant,
      xs: byTokens ? run.tokens : run.steps,
      ys: run.values,
    }));
    const point = valueAtComparisonPoint(comparison);
    if (!point.ok) continue;
    out.push(point.runs.map((r) => r.value).filter(Number.isFinite));
  }
  return out;
}
