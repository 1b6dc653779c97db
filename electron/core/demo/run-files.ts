// run.json and status.json: what a training job writes when it starts and as it goes.
import { isoInstant } from './lab-clock';
import type { RunPlan } from './run-plan';
import { plannedChipHours, plannedFlops } from './run-plan';

const sig = (x: number, digits: number) => Number(x.toPrecision(digits));

export function runJson(plan: RunPlan): string {
  const run = {
    id: plan.id,
    name: plan.name,
    created_at: isoInstant(plan.createdAtMs),
    owner: plan.owner,
    group: plan.group,
    ablation: plan.ablation,
    variant: plan.variant,
    seed: plan.seed,
    proposal: plan.proposal,
    model: {
      params: plan.size.params,
      non_embedding_params: plan.size.nonEmbeddingParams,
      active_params: plan.size.params,
      arch: plan.arch,
      layers: plan.size.layers,
      d_model: plan.size.dModel,
    },
    data: { tokens: plan.tokens, mixture: plan.mixture },
    compute: {
      flops: sig(plannedFlops(plan), 6),
      accelerator: plan.accelerator,
      chips: plan.size.chips,
      chip_hours: sig(plannedChipHours(plan), 4),
    },
    config: {
      lr: plan.lr,
      lr_end: sig(plan.lr * plan.lrEndFraction, 4),
      schedule: plan.schedule,
      warmup_steps: plan.warmupSteps,
      total_steps: plan.totalSteps,
      batch_tokens: plan.batchTokens,
      seq_len: 4096,
      optimizer: plan.optimizer,
      weight_decay: plan.weightDecay,
      beta2: plan.beta2,
      log_every: plan.logEvery,
      eval_every: plan.evalEvery,
    },
    tags: plan.tags,
  };
  return JSON.stringify(run, null, 2) + '\n';
}

export function statusJson(plan: RunPlan): string {
  return JSON.stringify({ state: plan.state, updated_at: isoInstant(plan.updatedAtMs), message: plan.message }) + '\n';
}
