// Runs one compute task against a cache connection: reads the scope's runs, then fits. The compute
// worker runs it off the core thread; `tessera fit` runs it in its own process.
import type Database from 'better-sqlite3';
import type { BootstrapControl } from '../../../shared/scaling';
import { fitObservations, readScalingData, readTrainingCurves, type ScalingData } from '../queries/scaling-observations';
import { computeAblationScaling, type AblationComputation } from './ablation-computations';
import type { ComputeTask } from './compute-messages';
import { bootstrapScalingFit, computeScalingBase, frontierCurve, type FrontierPoint, type ScalingBase, type ScalingBootstrap } from './scaling-computations';

export interface ScalingFitOutcome {
  data: ScalingData;
  base: ScalingBase;
  bootstrap: ScalingBootstrap | null;
  frontier: FrontierPoint[];
}

export interface AblationOutcome {
  data: ScalingData;
  computation: AblationComputation;
}

type Control = Pick<BootstrapControl, 'onProgress' | 'signal'>;

/** Fits already made, by base key: a bootstrap after a plain fit of the same data reuses it. */
export class ScalingBaseMemo {
  private readonly entries = new Map<string, { data: ScalingData; base: ScalingBase }>();
  constructor(private readonly capacity = 8) {}

  get(key: string) {
    const found = this.entries.get(key);
    if (found) {
      this.entries.delete(key);
      this.entries.set(key, found);
    }
    return found;
  }

  set(key: string, value: { data: ScalingData; base: ScalingBase }): void {
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}

export async function runScalingFitTask(
  sqlite: Database.Database,
  task: Extract<ComputeTask, { kind: 'scaling-fit' }>,
  control: Control = {},
  memo?: ScalingBaseMemo,
): Promise<ScalingFitOutcome> {
  let prepared = memo?.get(task.baseKey);
  if (!prepared) {
    const data = readScalingData(sqlite, task.query);
    const base = computeScalingBase(fitObservations(data.runs), readTrainingCurves(sqlite, data.runs));
    prepared = { data, base };
    memo?.set(task.baseKey, prepared);
  }
  const { data, base } = prepared;
  let bootstrap: ScalingBootstrap | null = null;
  if (base.fit && task.bootstrap > 0) {
    bootstrap = await bootstrapScalingFit(fitObservations(data.runs), base.fit, { ...control, resamples: task.bootstrap, seed: task.seed });
  }
  const frontier = base.fit ? frontierCurve(base.fit, bootstrap?.samples ?? []) : [];
  return { data, base, bootstrap, frontier };
}

export async function runAblationTask(
  sqlite: Database.Database,
  task: Extract<ComputeTask, { kind: 'ablation-scaling' }>,
  control: Control = {},
): Promise<AblationOutcome> {
  const data = readScalingData(sqlite, task.query);
  const computation = await computeAblationScaling(data, {
    ...control,
    E: task.E,
    targetCompute: task.targetCompute,
    resamples: task.resamples,
    seed: task.seed,
  });
  return { data, computation };
}
