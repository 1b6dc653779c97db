// Infrastructure proposals: throughput, numerics, checkpointing and scheduling.
import { complexity } from './proposal-spec';
import type { ProposalSpec } from './proposal-spec';

const C4 = 'eval/heldout/c4/loss';

export const INFRA_PROPOSALS: ProposalSpec[] = [
  {
    id: 'p-016', title: 'Global batch of 4M tokens for launch throughput', owner: 'dmitri', area: 'infra', kind: 'critical-path',
    status: 'promising', createdDay: -50, people: [['dmitri', 0.4], ['raj', 0.3]], chipHours: 16000,
    expected: { metric: C4, delta: -0.005 }, complexity: complexity(1, 1, 2, 1, 0.01),
    why: 'At 2M tokens the launch run would need 40 days; 4M halves the steps if we are still below the critical batch size.',
    plan: ['2M against 4M at 708M and 1.46B, compared at matched steps.', 'Estimate the critical batch from the gradient noise scale.'],
    snippet: { lang: 'yaml', code: 'batch_tokens: 4194304\nlr: 3.5e-4\nwarmup_steps: 2000' },
    link: { text: 'An Empirical Model of Large-Batch Training', url: 'https://arxiv.org/abs/1812.06162' },
    comments: [{ at: { day: -12, hour: 11 }, author: 'raj', text: 'At matched steps 4M is far ahead; per token it is about 80 % as efficient. Worth it for wall-clock.' }],
  },
  {
    id: 'p-017', title: 'z-loss on the output logits', owner: 'omar', area: 'infra', kind: 'critical-path',
    status: 'adopted', createdDay: -65, people: [['omar', 0.3], ['raj', 0.1]], chipHours: 4000,
    expected: { metric: C4, delta: -0.001 }, complexity: complexity(1, 1, 0, 1, 0.005),
    why: 'Late-training spikes at 708M cost us two restarts in ladder v2. z-loss keeps the softmax normaliser near zero.',
    plan: ['z-loss 1e-4 against none at 302M and 708M.', 'Count spikes; loss must not get worse.'],
    snippet: { lang: 'python', code: 'z = torch.logsumexp(logits, dim=-1)\nloss = ce + 1e-4 * (z ** 2).mean()' },
    link: { text: 'PaLM', url: 'https://arxiv.org/abs/2204.02311' },
    decisions: [{ at: { day: -41, hour: 10 }, author: 'omar', decision: 'adopt', rationale: 'No spikes with z-loss, several without; loss unchanged within noise.' }],
  },
  {
    id: 'p-018', title: 'FP8 matmuls in the MLP blocks', owner: 'ines', area: 'infra', kind: 'critical-path',
    status: 'active', createdDay: -30, people: [['ines', 0.6], ['dmitri', 0.3]], chipHours: 10000,
    expected: { metric: C4, delta: 0.003 }, complexity: complexity(3, 2, 4, 3, 0.04),
    why: 'FP8 MLP matmuls give 1.3× step time on v5p. The question is the loss cost at matched FLOPs and whether it grows.',
    plan: ['bf16 against fp8 at 302M, 708M and 1.46B.', 'Delayed scaling with amax history of 16.'],
    snippet: { lang: 'yaml', code: 'precision:\n  mlp_matmul: fp8_e4m3\n  amax_history: 16\n  attention: bf16' },
    link: { text: 'FP8 Formats for Deep Learning', url: 'https://arxiv.org/abs/2209.05433' },
    comments: [{ at: { hoursAgo: 1 }, author: 'ines', text: 'The 1.46B fp8 seed 2 has not logged for three hours; it looks hung on an all-reduce.' }],
  },
  {
    id: 'p-019', title: 'Asynchronous checkpointing every 500 steps', owner: 'omar', area: 'infra', kind: 'critical-path',
    status: 'adopted', createdDay: -115, people: [['omar', 0.5], ['ines', 0.3]], chipHours: 800,
    complexity: complexity(2, 1, 3, 1, 0.01),
    why: 'Synchronous checkpoints stall 256 chips for 90 s each; we checkpoint rarely and lose hours on failures.',
    plan: ['Copy to host memory, write from a background thread.', 'Checkpoint every 500 steps.'],
    snippet: { lang: 'yaml', code: 'checkpoint:\n  every_steps: 500\n  async: true\n  keep_last: 3' },
    link: { text: 'Infra wiki: checkpointing', url: 'https://wiki.tessera-lab.example/infra/checkpointing' },
    decisions: [{ at: { day: -96, hour: 15 }, author: 'omar', decision: 'adopt', rationale: 'Stall down from 90 s to 4 s per checkpoint; restores verified bit-exact.' }],
  },
  {
    id: 'p-020', title: 'Elastic restarts on preemption', owner: 'omar', area: 'infra', kind: 'critical-path',
    status: 'active', createdDay: -34, people: [['omar', 0.6], ['ines', 0.3]], chipHours: 1500,
    complexity: complexity(3, 1, 4, 2, 0.02),
    why: 'A node failure now needs a person to resubmit the job; the ladder lost a night to one.',
    plan: ['Watchdog that resubmits from the latest checkpoint.', 'Resumed jobs append to the same metrics file.'],
    snippet: { lang: 'yaml', code: 'restart:\n  policy: on-failure\n  max_restarts: 5\n  from: latest_checkpoint' },
    link: { text: 'Infra wiki: restarts', url: 'https://wiki.tessera-lab.example/infra/restarts' },
  },
  {
    id: 'p-021', title: 'Interleaved 1F1B pipeline schedule', owner: 'dmitri', area: 'infra', kind: 'exploratory',
    status: 'dropped', createdDay: -100, people: [['dmitri', 0.5], ['ines', 0.2]], chipHours: 3000,
    complexity: complexity(4, 2, 5, 4, 0.08),
    why: 'Interleaving virtual stages shrinks the pipeline bubble, which matters if the launch model needs pipeline parallelism.',
    plan: ['Prototype with four virtual stages per device.', 'Measure MFU at 3B on 256 chips.'],
    snippet: { lang: 'yaml', code: 'parallelism:\n  pipeline: 4\n  virtual_stages: 4\n  schedule: interleaved-1f1b' },
    link: { text: 'Efficient Large-Scale Language Model Training on GPU Clusters', url: 'https://arxiv.org/abs/2104.04473' },
    decisions: [{ at: { day: -64, hour: 15 }, author: 'omar', decision: 'drop', rationale: '4 % MFU at 3B does not pay for a second pipeline code path; the launch model fits without pipelining.' }],
  },
  {
    id: 'p-022', title: 'Selective activation recomputation', owner: 'dmitri', area: 'infra', kind: 'critical-path',
    status: 'proposed', createdDay: -4, people: [['dmitri', 0.2]], chipHours: 600,
    complexity: complexity(2, 1, 2, 1, 0.01),
    why: 'Recomputing only attention activations frees memory for a larger micro-batch at little compute cost.',
    plan: ['Recompute attention softmax and dropout only.', 'Measure memory and step time at 3B.'],
    snippet: { lang: 'yaml', code: 'recompute:\n  policy: selective\n  modules: [attention_core]' },
    link: { text: 'Reducing Activation Recomputation in Large Transformer Models', url: 'https://arxiv.org/abs/2205.05198' },
  },
];
