// What one demo run is and how it goes: everything the writers need, decided before any file is written.
import type { DemoEvalKey } from './lab-world';
import type { ModelSize } from './model-sizes';

export type RunState = 'finished' | 'running' | 'failed' | 'killed';
export type LrSchedule = 'cosine' | 'linear' | 'wsd';

/** Deviations from the ladder law this run carries (ablation effects, hyper-parameter penalties). */
export interface RunEffects {
  /** Added to the underlying loss once training is under way. */
  loss: number;
  /** Added to the code loss only (data-mixture changes). */
  code: number;
  /** Added to HellaSwag and ARC-Easy accuracy: format leakage that held-out sets do not see. */
  publicBoost: number;
  /** ARC-Easy artefact at small scale, faded out with size by arcArtefactWeight. */
  arcArtefact: number;
  /** Fraction of the tokens that count for learning (below 1 past the critical batch size). */
  tokenEfficiency: number;
  /** Loss shift of the data mixture relative to web-v5. */
  mixtureShift: number;
}

export interface LossSpike {
  step: number;
  amplitude: number;
  decaySteps: number;
}

export interface RunPlan {
  /** Stable key that seeds the run's random streams; independent of generation order. */
  key: string;
  id: string;
  name: string;
  group: string;
  owner: string;
  proposal?: string;
  ablation?: string;
  variant?: string;
  seed: number;
  tags: string[];
  createdAtMs: number;
  /** Unix seconds at which step 0 was logged. */
  startSec: number;
  size: ModelSize;
  tokens: number;
  mixture: string;
  accelerator: string;
  arch: string;
  optimizer: string;
  flopsOverhead: number;
  lr: number;
  batchTokens: number;
  warmupSteps: number;
  schedule: LrSchedule;
  lrEndFraction: number;
  weightDecay: number;
  beta2: number;
  totalSteps: number;
  logEvery: number;
  evalEvery: number;
  secondsPerStep: number;
  evalKeys: DemoEvalKey[];
  /** Extra training metrics logged on every line (the year lab's long runs). */
  auxMetricKeys: readonly string[];
  state: RunState;
  stale: boolean;
  /** Last step logged (the final step for a finished run). */
  endStep: number;
  updatedAtMs: number;
  message: string;
  effects: RunEffects;
  /** Run-level offset of the underlying loss between seeds. */
  lossOffset: number;
  /** Run-level offset of each eval in evalKeys, same order. */
  evalOffsets: number[];
  spikes: LossSpike[];
  /** Loss blows up from fromStep; from nanFromStep the logged losses are "NaN". */
  divergence?: { fromStep: number; nanFromStep: number };
  /** The job died after crashStep and resumed from the checkpoint at resumeStep. */
  restart?: { crashStep: number; resumeStep: number; downtimeSec: number };
  /** Steps whose grad-norm was not logged (null). */
  gradNormGaps: number[];
  /** Eval values that failed at a checkpoint (null). */
  missingEvals: { step: number; key: DemoEvalKey }[];
}

export function plannedFlops(plan: RunPlan): number {
  return 6 * plan.size.params * plan.tokens * (1 + plan.flopsOverhead);
}

export function plannedChipHours(plan: RunPlan): number {
  return (plan.size.chips * plan.totalSteps * plan.secondsPerStep) / 3600;
}
