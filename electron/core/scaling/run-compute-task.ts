// Runs one compute task against a cache connection: reads the scope's runs, then fits. The compute
// worker runs it off the core thread; `tessera fit` runs it in its own process.
import type Database from 'better-sqlite3';
import { LruCache } from '../../../shared/collections/lru-cache';
import type { BootstrapControl } from '../../../shared/scaling/index';
import { fitObservations, readScalingData, readTrainingCurves, type ScalingData } from '../queries/scaling-observations';
import { computeAblationScaling, type AblationComputation } from './ablation-computations';
import type { ComputeTask } from './compute-messages';
import { bootstrapScalingFit, computeScalingBase, frontierCurve, lawCurve, type FrontierPoint, type ScalingBase, type ScalingBootstrap } from './scaling-computations';

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

type Control = Pick<BootstrapControl, 'onProgress' | 'signal' | 'yieldToEventLoop'>;

/**
 * What the fits of recent tasks were made from. By base key (data version and exclusions), a
 * bootstrap after a plain fit of the same data skips reading it again; by content (the runs' N, D,
 * C, L, exclusions and curve lengths), a new data version that changed nothing the fit reads — a
 * run still training, say, which the fit leaves out — reuses the fit, its bootstrap and an
 * ablation's analysis.
 */
export class ScalingBaseMemo {
  private readonly byKey = new LruCache<string, { data: ScalingData; base: ScalingBase }>({ capacity: 8 });
  private readonly byContent = new LruCache<string, ScalingBase>({ capacity: 8 });
  private readonly bootstraps = new LruCache<string, ScalingBootstrap>({ capacity: 8 });
  private readonly ablations = new LruCache<string, AblationComputation>({ capacity: 8 });

  prepared(key: string) {
    return this.byKey.get(key);
  }

  remember(key: string, content: string, value: { data: ScalingData; base: ScalingBase }): void {
    this.byKey.set(key, value);
    this.byContent.set(content, value.base);
  }

  base(content: string) {
    return this.byContent.get(content);
  }

  bootstrap(key: string) {
    return this.bootstraps.get(key);
  }

  rememberBootstrap(key: string, value: ScalingBootstrap): void {
    if (!value.summary.cancelled) this.bootstraps.set(key, value);
  }

  ablation(key: string) {
    return this.ablations.get(key);
  }

  rememberAblation(key: string, value: AblationComputation): void {
    if (!value.analysis?.bootstrap.cancelled) this.ablations.set(key, value);
  }
}

/** Everything of the data a fit depends on, as a string. */
export function fitContentKey(data: ScalingData): string {
  return JSON.stringify([data.metric, data.lastPercent, data.runs.map((r) => [r.id, r.N, r.D, r.C, r.L, r.excluded, r.points])]);
}

export async function runScalingFitTask(
  sqlite: Database.Database,
  task: Extract<ComputeTask, { kind: 'scaling-fit' }>,
  control: Control = {},
  memo?: ScalingBaseMemo,
): Promise<ScalingFitOutcome> {
  let prepared = memo?.prepared(task.baseKey);
  const data = prepared?.data ?? readScalingData(sqlite, task.query);
  const content = fitContentKey(data);
  if (!prepared) {
    // A bootstrap task reports resamples only: the plain fit of the same data showed the starts.
    const fitControl = task.bootstrap === 0 ? control : { signal: control.signal };
    const base = memo?.base(content) ?? (await computeScalingBase(fitObservations(data.runs), readTrainingCurves(sqlite, data.runs), fitControl));
    prepared = { data, base };
    memo?.remember(task.baseKey, content, prepared);
  }
  const { base } = prepared;
  let bootstrap: ScalingBootstrap | null = null;
  if (base.fit && task.bootstrap > 0) {
    const key = JSON.stringify([content, task.bootstrap, task.seed]);
    bootstrap = memo?.bootstrap(key) ?? (await bootstrapScalingFit(fitObservations(data.runs), base, { ...control, resamples: task.bootstrap, seed: task.seed }));
    memo?.rememberBootstrap(key, bootstrap);
  }
  // A fit whose parameters the runs do not identify has no frontier to draw: its power law in compute stands in.
  const frontier = base.law ? lawCurve(base.law, bootstrap?.lawSamples ?? []) : base.fit ? frontierCurve(base.fit, bootstrap?.samples ?? []) : [];
  return { data, base, bootstrap, frontier };
}

export async function runAblationTask(
  sqlite: Database.Database,
  task: Extract<ComputeTask, { kind: 'ablation-scaling' }>,
  control: Control = {},
  memo?: ScalingBaseMemo,
): Promise<AblationOutcome> {
  const data = readScalingData(sqlite, task.query);
  const key = JSON.stringify([fitContentKey(data), task.E, task.targetCompute ?? null, task.resamples, task.seed]);
  const known = memo?.ablation(key);
  if (known) return { data, computation: known };
  const computation = await computeAblationScaling(data, {
    ...control,
    E: task.E,
    targetCompute: task.targetCompute,
    resamples: task.resamples,
    seed: task.seed,
  });
  memo?.rememberAblation(key, computation);
  return { data, computation };
}
