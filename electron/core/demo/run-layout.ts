// Which lines a run's metrics.jsonl holds: shared by the writer and by the point count, so the
// count a summary reports is exactly what was written.
import type { RunPlan } from './run-plan';

export const TRAIN_METRIC_KEYS = ['train/loss', 'train/lr', 'train/grad_norm'] as const;

/**
 * Visits every logged line in file order. attempt is 0, or 1 after a restart; a restarted job
 * appends its lines after the crashed attempt's, from the step after its checkpoint.
 */
export function forEachLogLine(plan: RunPlan, visit: (step: number, attempt: number, isEval: boolean) => void): void {
  const { logEvery, restart } = plan;
  const isEval = (step: number) => step % plan.evalEvery === 0 || (step === plan.totalSteps && plan.endStep === plan.totalSteps);
  const lastOfFirstAttempt = restart ? restart.crashStep : plan.endStep;
  const emitAttempt = (fromStep: number, toStep: number, attempt: number) => {
    let step = fromStep;
    for (; step < toStep; step += logEvery) visit(step, attempt, isEval(step));
    visit(toStep, attempt, isEval(toStep));
  };
  emitAttempt(0, lastOfFirstAttempt, 0);
  if (restart) emitAttempt(restart.resumeStep + logEvery, plan.endStep, 1);
}

/** The first step of the resumed attempt; earlier-attempt points at or after it are superseded. */
export function resumedFromStep(plan: RunPlan): number | null {
  return plan.restart ? plan.restart.resumeStep + plan.logEvery : null;
}

export interface RunPointCount {
  lines: number;
  /** Non-null metric values written, superseded ones included. */
  written: number;
  /** Non-null metric values in the run's final history (what a sync keeps). */
  final: number;
}

export function countRunPoints(plan: RunPlan): RunPointCount {
  const gaps = new Set(plan.gradNormGaps);
  const missing = new Map<number, number>();
  for (const m of plan.missingEvals) missing.set(m.step, (missing.get(m.step) ?? 0) + 1);
  const supersededFrom = resumedFromStep(plan);
  let lines = 0;
  let written = 0;
  let superseded = 0;
  forEachLogLine(plan, (step, attempt, isEval) => {
    lines++;
    let values = TRAIN_METRIC_KEYS.length + plan.auxMetricKeys.length;
    if (attempt === 0 && gaps.has(step)) values--;
    if (isEval) values += plan.evalKeys.length - (attempt === 0 ? (missing.get(step) ?? 0) : 0);
    written += values;
    if (attempt === 0 && supersededFrom !== null && step >= supersededFrom) superseded += values;
  });
  return { lines, written, final: written - superseded };
}
