// Turns a short description of a run (size, tokens, hyper-parameters, fate) into a full RunPlan:
// steps, logging cadence, timing on the chips, dates relative to asOf, spikes and gaps.
import type { DemoEvalKey } from './lab-world';
import { LOSS_SEED_NOISE, DEMO_EVALS } from './lab-world';
import type { LabClock } from './lab-clock';
import { CHIP_PEAK_FLOPS } from './model-sizes';
import type { ModelSize } from './model-sizes';
import { createSeededRandom, type SeededRandom } from '../../../shared/random/seeded-random';
import { AUX_METRIC_KEYS } from './aux-metrics';
import type { LossSpike, LrSchedule, RunEffects, RunPlan } from './run-plan';

export type RunFate =
  | { kind: 'finished' }
  | { kind: 'running'; progress: number; minutesAgo: number }
  | { kind: 'diverged'; atFraction: number }
  | { kind: 'killed'; atFraction: number; message: string };

export interface RunSpec {
  key: string;
  name: string;
  group: string;
  owner: string;
  proposal?: string;
  ablation?: string;
  variant?: string;
  seed: number;
  tags: string[];
  size: ModelSize;
  tokensPerParam: number;
  mixture: string;
  evalKeys: DemoEvalKey[];
  createdDay: number;
  lr?: number;
  batchTokens?: number;
  warmupFraction?: number;
  schedule?: LrSchedule;
  weightDecay?: number;
  beta2?: number;
  optimizer?: string;
  arch?: string;
  flopsOverhead?: number;
  effects?: Partial<RunEffects>;
  fate?: RunFate;
  restartAtFraction?: number;
  /** Expected number of loss spikes over the run. */
  spikeRate?: number;
  /** Lines its metrics.jsonl gets, when not the lab's usual. */
  linesPerRun?: number;
  /** How many of the year lab's extra training metrics it logs on every line. */
  auxMetrics?: number;
}

export interface PlanContext {
  seed: number;
  clock: LabClock;
  /** About how many lines a run's metrics file gets, and how many of them carry evals. */
  linesPerRun: number;
  evalsPerRun: number;
}

const NO_EFFECTS: RunEffects = { loss: 0, code: 0, publicBoost: 0, arcArtefact: 0, tokenEfficiency: 1, mixtureShift: 0 };
const FINISH_MARGIN_MS = 20 * 60_000;

/** Largest of 1, 2, 2.5, 5 × 10^k (integers only) not above x, at least 1: how people pick logging intervals. */
export function niceFloor(x: number): number {
  if (x < 1) return 1;
  const power = 10 ** Math.floor(Math.log10(x));
  for (const m of [5, 2.5, 2, 1]) if (m * power <= x && Number.isInteger(m * power)) return m * power;
  return power;
}

const alignDown = (step: number, every: number) => Math.floor(step / every) * every;

export function buildRunPlan(spec: RunSpec, ctx: PlanContext): RunPlan {
  const rng = createSeededRandom(ctx.seed, `plan:${spec.key}`);
  const size = spec.size;
  const batchTokens = spec.batchTokens ?? size.batchTokens;
  const tokens = Number((spec.tokensPerParam * size.params).toPrecision(3));
  const totalSteps = Math.ceil(tokens / batchTokens);
  const logEvery = niceFloor(totalSteps / (spec.linesPerRun ?? ctx.linesPerRun));
  const evalEvery = Math.max(logEvery, Math.ceil(niceFloor(totalSteps / ctx.evalsPerRun) / logEvery) * logEvery);
  const flopsOverhead = spec.flopsOverhead ?? 0;
  const secondsPerStep = (batchTokens * 6 * size.params * (1 + flopsOverhead)) / (size.chips * CHIP_PEAK_FLOPS * size.mfu);
  const schedule = spec.schedule ?? 'cosine';
  const fate = spec.fate ?? { kind: 'finished' };

  let endStep = totalSteps;
  let divergence: RunPlan['divergence'];
  if (fate.kind === 'running') endStep = alignDown(fate.progress * totalSteps, logEvery);
  if (fate.kind === 'killed') endStep = alignDown(fate.atFraction * totalSteps, logEvery);
  if (fate.kind === 'diverged') {
    const fromStep = alignDown(fate.atFraction * totalSteps, logEvery);
    divergence = { fromStep, nanFromStep: fromStep + 12 * logEvery };
    endStep = divergence.nanFromStep + 2 * logEvery;
  }

  let restart: RunPlan['restart'];
  if (spec.restartAtFraction !== undefined) {
    const checkpointEvery = 10 * logEvery;
    const resumeStep = alignDown(spec.restartAtFraction * totalSteps, checkpointEvery);
    restart = { resumeStep, crashStep: resumeStep + 7 * logEvery, downtimeSec: rng.int(35, 75) * 60 };
  }
  const restartShiftSec = restart ? (restart.crashStep - restart.resumeStep) * secondsPerStep + restart.downtimeSec : 0;
  const activeSec = endStep * secondsPerStep + restartShiftSec;

  let createdAtMs = ctx.clock.at(spec.createdDay, rng.int(8, 19), rng.int(0, 59));
  let startSec = createdAtMs / 1000 + rng.int(180, 600);
  let lastLineSec = startSec + activeSec;
  if (fate.kind === 'running') {
    lastLineSec = Math.floor(ctx.clock.asOfMs / 1000) - fate.minutesAgo * 60 - rng.int(5, 50);
    startSec = lastLineSec - activeSec;
    createdAtMs = Math.floor(startSec - rng.int(180, 600)) * 1000;
  } else if (lastLineSec * 1000 > ctx.clock.asOfMs - FINISH_MARGIN_MS) {
    const shiftSec = Math.ceil(lastLineSec - (ctx.clock.asOfMs - FINISH_MARGIN_MS) / 1000) + rng.int(600, 7200);
    startSec -= shiftSec;
    lastLineSec -= shiftSec;
    createdAtMs -= shiftSec * 1000;
  }
  startSec = Math.round(startSec * 10) / 10;

  const plan: RunPlan = {
    key: spec.key,
    id: '',
    name: spec.name,
    group: spec.group,
    owner: spec.owner,
    proposal: spec.proposal,
    ablation: spec.ablation,
    variant: spec.variant,
    seed: spec.seed,
    tags: spec.tags,
    createdAtMs: Math.floor(createdAtMs / 1000) * 1000,
    startSec,
    size,
    tokens,
    mixture: spec.mixture,
    accelerator: 'tpu-v5p',
    arch: spec.arch ?? 'dense',
    optimizer: spec.optimizer ?? 'adamw',
    flopsOverhead,
    lr: spec.lr ?? size.bestLr,
    batchTokens,
    warmupSteps: Math.min(2000, Math.max(10, Math.round(totalSteps * (spec.warmupFraction ?? 0.01)))),
    schedule,
    lrEndFraction: schedule === 'wsd' ? 0 : 0.1,
    weightDecay: spec.weightDecay ?? 0.1,
    beta2: spec.beta2 ?? 0.95,
    totalSteps,
    logEvery,
    evalEvery,
    secondsPerStep,
    evalKeys: spec.evalKeys,
    auxMetricKeys: AUX_METRIC_KEYS.slice(0, spec.auxMetrics ?? 0),
    state: 'finished',
    stale: false,
    endStep,
    updatedAtMs: Math.round((lastLineSec + rng.int(5, 40)) * 1000),
    message: '',
    effects: { ...NO_EFFECTS, ...spec.effects },
    lossOffset: LOSS_SEED_NOISE * rng.normal(),
    evalOffsets: spec.evalKeys.map((key) => DEMO_EVALS.find((e) => e.key === key)!.seedNoise * rng.normal()),
    spikes: [],
    divergence,
    restart,
    gradNormGaps: [],
    missingEvals: [],
  };
  describeOutcome(plan, fate, ctx.clock.asOfMs);
  plan.spikes = drawSpikes(plan, spec.spikeRate ?? 0.1, rng);
  drawGaps(plan, rng);
  return plan;
}

function describeOutcome(plan: RunPlan, fate: RunFate, asOfMs: number): void {
  const stepsNote = `step ${plan.endStep} of ${plan.totalSteps}`;
  if (fate.kind === 'finished') {
    plan.state = 'finished';
    plan.message = plan.restart
      ? `completed ${plan.totalSteps} steps (resumed once from the step ${plan.restart.resumeStep} checkpoint after a node failure)`
      : `completed ${plan.totalSteps} steps`;
  } else if (fate.kind === 'running') {
    plan.state = 'running';
    plan.stale = asOfMs - plan.updatedAtMs > 3_600_000;
    plan.message = stepsNote;
  } else if (fate.kind === 'diverged') {
    plan.state = 'failed';
    plan.message = `loss became NaN at step ${plan.divergence!.nanFromStep}; stopped by the NaN guard`;
  } else {
    plan.state = 'killed';
    plan.message = `${fate.message} (at ${stepsNote})`;
  }
}

function drawSpikes(plan: RunPlan, rate: number, rng: SeededRandom): LossSpike[] {
  const spikes: LossSpike[] = [];
  let remaining = rate;
  while (remaining > 0 && rng.chance(Math.min(1, remaining))) {
    remaining -= 1;
    const lastSafe = plan.divergence ? plan.divergence.fromStep : plan.endStep;
    const step = alignDown(rng.uniform(0.1, 0.9) * lastSafe, plan.logEvery);
    if (step <= plan.warmupSteps) continue;
    spikes.push({
      step,
      amplitude: Number(rng.uniform(0.15, 1.1).toFixed(3)),
      decaySteps: Math.max(3 * plan.logEvery, Math.round(plan.totalSteps * rng.uniform(0.004, 0.015))),
    });
  }
  return spikes;
}

function drawGaps(plan: RunPlan, rng: SeededRandom): void {
  const lastStep = plan.restart ? plan.restart.crashStep : (plan.divergence?.fromStep ?? plan.endStep);
  if (lastStep < 4 * plan.logEvery) return;
  if (rng.chance(0.3)) {
    const count = rng.int(1, 2);
    for (let i = 0; i < count; i++) plan.gradNormGaps.push(alignDown(rng.uniform(0.05, 0.95) * lastStep, plan.logEvery) || plan.logEvery);
  }
  const mmlu = 'eval/public/mmlu/acc';
  if (plan.evalKeys.includes(mmlu) && rng.chance(0.15) && lastStep >= plan.evalEvery) {
    const step = alignDown(rng.uniform(0, 1) * lastStep, plan.evalEvery) || plan.evalEvery;
    plan.missingEvals.push({ step, key: mmlu });
  }
}
