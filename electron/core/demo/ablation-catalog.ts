// The lab's controlled comparisons. Loss deltas are the true effects at the end of training, per
// model size; the generated runs scatter around them with each eval's seed noise.
export type CompareAt = 'step' | 'tokens' | 'flops';

/** How the gain behaves with model size, by construction. */
export type ScalingPattern = 'grows' | 'holds' | 'vanishes' | 'crosses';

export interface AblationVariant {
  label: string;
  /** Loss delta against the baseline at each size label. */
  loss?: Record<string, number>;
  /** Extra delta on code loss only. */
  code?: Record<string, number>;
  publicBoost?: number;
  /** ARC-Easy artefact at small scale (faded out with size). */
  arcArtefact?: number;
  pattern?: ScalingPattern;
  mixture?: string;
  optimizer?: string;
  arch?: string;
  flopsOverhead?: number;
  batchTokens?: number;
  tokensPerParam?: number;
  tokenEfficiency?: number;
  spikeRate?: number;
}

export interface AblationSpec {
  id: string;
  title: string;
  question: string;
  proposal: string;
  owner: string;
  metric: string;
  compareAt: CompareAt;
  group: string;
  sizes: string[];
  /** Day (relative to asOf) the smallest size was launched; each larger size follows daysPerSize later. */
  startDay: number;
  daysPerSize: number;
  variants: AblationVariant[];
  /** Runs still training (progress fraction, minutes since their last line; over 60 is stale). */
  running?: { size: string; variant: string; seed: number; progress: number; minutesAgo: number }[];
}

const C4 = 'eval/heldout/c4/loss';
const CODE = 'eval/heldout/code/loss';

export const ABLATIONS: readonly AblationSpec[] = [
  {
    id: 'abl-001', title: 'Multi-token prediction, 2 and 4 heads', proposal: 'p-002', owner: 'mei', metric: C4, compareAt: 'tokens',
    question: 'Does predicting 2 or 4 tokens ahead lower held-out loss at matched tokens, and does the gain hold with scale?',
    group: 'mtp', sizes: ['124M', '302M', '708M', '1.46B'], startDay: -66, daysPerSize: 6,
    variants: [
      { label: 'baseline' },
      { label: 'mtp-2', pattern: 'grows', flopsOverhead: 0.04, arcArtefact: 0.006, loss: { '124M': -0.010, '302M': -0.014, '708M': -0.019, '1.46B': -0.024 } },
      { label: 'mtp-4', pattern: 'grows', flopsOverhead: 0.08, arcArtefact: -0.014, loss: { '124M': -0.012, '302M': -0.016, '708M': -0.021, '1.46B': -0.026 } },
    ],
  },
  {
    id: 'abl-002', title: 'QK-norm in every attention layer', proposal: 'p-003', owner: 'raj', metric: C4, compareAt: 'tokens',
    question: 'Does QK-norm remove the loss spikes without costing loss?',
    group: 'qk-norm', sizes: ['124M', '302M', '708M'], startDay: -112, daysPerSize: 7,
    variants: [
      { label: 'baseline', spikeRate: 0.8 },
      { label: 'qk-norm', pattern: 'holds', spikeRate: 0, arcArtefact: 0.008, loss: { '124M': -0.005, '302M': -0.005, '708M': -0.005 } },
    ],
  },
  {
    id: 'abl-003', title: 'Web mix v5 with 10 % code', proposal: 'p-009', owner: 'lena', metric: CODE, compareAt: 'tokens',
    question: 'How much code loss do we buy with 10 % code, and what does web loss pay for it?',
    group: 'code-mix', sizes: ['124M', '302M', '708M'], startDay: -100, daysPerSize: 6,
    variants: [
      { label: 'baseline' },
      {
        label: 'code-10', pattern: 'grows', mixture: 'web-v5-code10', arcArtefact: -0.006,
        loss: { '124M': 0.003, '302M': 0.003, '708M': 0.003 }, code: { '124M': -0.03, '302M': -0.045, '708M': -0.06 },
      },
    ],
  },
  {
    id: 'abl-004', title: 'Fuzzy deduplication (MinHash) v2', proposal: 'p-010', owner: 'kofi', metric: C4, compareAt: 'tokens',
    question: 'Does removing near-duplicates lower held-out loss at matched tokens?',
    group: 'dedup', sizes: ['124M', '302M', '708M'], startDay: -90, daysPerSize: 6,
    variants: [
      { label: 'baseline' },
      { label: 'minhash-v2', pattern: 'holds', mixture: 'web-v5-dedup', arcArtefact: 0.004, loss: { '124M': -0.010, '302M': -0.010, '708M': -0.011 } },
    ],
  },
  {
    id: 'abl-005', title: 'Mixture-of-depths routing, 50 % capacity', proposal: 'p-005', owner: 'tomas', metric: C4, compareAt: 'tokens',
    question: 'Does routing half the tokens around each block keep loss while saving compute?',
    group: 'mod', sizes: ['51M', '124M', '302M'], startDay: -80, daysPerSize: 5,
    variants: [
      { label: 'baseline' },
      { label: 'mod-50', pattern: 'vanishes', arch: 'mixture-of-depths', flopsOverhead: -0.25, arcArtefact: 0.01, loss: { '51M': -0.006, '124M': -0.003, '302M': 0 } },
    ],
  },
  {
    id: 'abl-006', title: 'Muon optimizer instead of AdamW', proposal: 'p-004', owner: 'ana', metric: C4, compareAt: 'tokens',
    question: 'Does Muon reach lower loss at matched tokens, at sizes up to 1.46B?',
    group: 'muon', sizes: ['124M', '302M', '708M', '1.46B'], startDay: -72, daysPerSize: 6,
    variants: [
      { label: 'baseline' },
      { label: 'muon', pattern: 'crosses', optimizer: 'muon', flopsOverhead: 0.01, arcArtefact: 0.012, loss: { '124M': -0.005, '302M': -0.002, '708M': 0.002, '1.46B': 0.006 } },
    ],
  },
  {
    id: 'abl-007', title: 'Global batch 4M instead of 2M tokens', proposal: 'p-016', owner: 'dmitri', metric: C4, compareAt: 'step',
    question: 'At matched steps, is a 4M-token batch still below the critical batch size?',
    group: 'batch-4m', sizes: ['708M', '1.46B'], startDay: -44, daysPerSize: 5,
    variants: [
      { label: 'batch-2m', batchTokens: 2_097_152 },
      { label: 'batch-4m', pattern: 'holds', batchTokens: 4_194_304, tokensPerParam: 40, tokenEfficiency: 0.8 },
    ],
  },
  {
    id: 'abl-008', title: 'z-loss 1e-4 on the output logits', proposal: 'p-017', owner: 'omar', metric: C4, compareAt: 'tokens',
    question: 'Does z-loss stop the late-training spikes at 708M without hurting loss?',
    group: 'z-loss', sizes: ['302M', '708M'], startDay: -60, daysPerSize: 5,
    variants: [
      { label: 'baseline', spikeRate: 1.5 },
      { label: 'zloss-1e-4', pattern: 'holds', spikeRate: 0, loss: { '302M': -0.001, '708M': -0.001 } },
    ],
  },
  {
    id: 'abl-009', title: 'Synthetic rephrased web, 25 % of tokens', proposal: 'p-011', owner: 'sara', metric: C4, compareAt: 'tokens',
    question: 'Does rephrasing a quarter of the web data lower held-out loss, beyond what public benchmarks show?',
    group: 'rephrase', sizes: ['124M', '302M', '708M'], startDay: -52, daysPerSize: 5,
    variants: [
      { label: 'baseline' },
      {
        label: 'rephrase-25', pattern: 'vanishes', mixture: 'web-v5-rephrase25', publicBoost: 0.012,
        loss: { '124M': -0.004, '302M': -0.002, '708M': 0.001 },
      },
    ],
  },
  {
    id: 'abl-010', title: 'μP parametrization with transferred hyper-parameters', proposal: 'p-006', owner: 'ana', metric: C4, compareAt: 'flops',
    question: 'With hyper-parameters tuned at 51M and transferred by μP, do larger models beat standard parametrization?',
    group: 'mup', sizes: ['124M', '302M', '708M', '1.46B'], startDay: -42, daysPerSize: 7,
    variants: [
      { label: 'baseline' },
      { label: 'mup', pattern: 'grows', arcArtefact: -0.012, loss: { '124M': -0.011, '302M': -0.013, '708M': -0.016, '1.46B': -0.020 } },
    ],
    running: [
      { size: '1.46B', variant: 'baseline', seed: 2, progress: 0.45, minutesAgo: 3 },
      { size: '1.46B', variant: 'mup', seed: 2, progress: 0.52, minutesAgo: 6 },
    ],
  },
  {
    id: 'abl-011', title: 'Quality-classifier threshold: top 30 % and top 15 %', proposal: 'p-012', owner: 'lena', metric: C4, compareAt: 'tokens',
    question: 'How aggressive can the quality filter be before repetition costs more than quality buys?',
    group: 'quality-filter', sizes: ['124M', '302M', '708M'], startDay: -36, daysPerSize: 4,
    variants: [
      { label: 'baseline' },
      { label: 'top-30', pattern: 'holds', mixture: 'web-v5-q30', arcArtefact: -0.01, loss: { '124M': -0.009, '302M': -0.009, '708M': -0.009 } },
      { label: 'top-15', pattern: 'holds', mixture: 'web-v5-q15', arcArtefact: -0.004, loss: { '124M': -0.016, '302M': -0.015, '708M': -0.014 } },
    ],
  },
  {
    id: 'abl-012', title: 'FP8 matmuls in the MLP blocks', proposal: 'p-018', owner: 'ines', metric: C4, compareAt: 'flops',
    question: 'What does FP8 cost in loss at matched FLOPs, and does the cost grow with size?',
    group: 'fp8', sizes: ['302M', '708M', '1.46B'], startDay: -25, daysPerSize: 5,
    variants: [
      { label: 'bf16' },
      { label: 'fp8', pattern: 'holds', loss: { '302M': 0.002, '708M': 0.003, '1.46B': 0.004 } },
    ],
    running: [{ size: '1.46B', variant: 'fp8', seed: 2, progress: 0.7, minutesAgo: 197 }],
  },
];
