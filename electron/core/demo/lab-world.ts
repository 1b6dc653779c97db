// The "true" world the demo lab samples from: the loss law its ladder follows and how each eval
// responds to a model's loss. Exported so tests (here and elsewhere) can check fits against it.

/** Final train/loss of a web-v5 run with N params trained on D tokens: E + A/N^α + B/D^β. */
export const DEMO_LADDER_LAW = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 } as const;

/** eval/heldout/c4/loss sits this far above train/loss (a slight distribution shift). */
export const HELDOUT_C4_OFFSET = 0.03;

/** Initial loss of an untrained model: ln(vocabulary size). */
export const INITIAL_LOSS = Math.log(32_000);

export function chinchillaLoss(params: number, tokens: number): number {
  const { E, A, B, alpha, beta } = DEMO_LADDER_LAW;
  return E + A / params ** alpha + B / tokens ** beta;
}

/** How much worse (or better) each data mixture is than web-v5, in loss. */
export const MIXTURE_LOSS_SHIFT: Readonly<Record<string, number>> = {
  'web-v3': 0.08,
  'web-v4': 0.04,
  'web-v5': 0,
  'web-v5-code': 0.004,
  'web-v5-dedup': -0.008,
};

export type DemoEvalKey =
  | 'eval/heldout/c4/loss'
  | 'eval/heldout/code/loss'
  | 'eval/public/hellaswag/acc'
  | 'eval/public/arc-easy/acc'
  | 'eval/public/mmlu/acc';

export interface DemoEval {
  key: DemoEvalKey;
  /** Standard deviation of the run-level offset between seeds. */
  seedNoise: number;
  /** Standard deviation between consecutive checkpoints of one run. */
  pointNoise: number;
  /** How well its small-scale ablation deltas predict the large-scale ones, by construction. */
  proxy: 'good' | 'fair' | 'poor' | 'misleading';
  /** Accuracy evals: chance + (top − chance)·σ((mid − c4 loss)/width). */
  accuracy?: { chance: number; top: number; mid: number; width: number };
}

export const DEMO_EVALS: readonly DemoEval[] = [
  { key: 'eval/heldout/c4/loss', seedNoise: 0.0008, pointNoise: 0.0006, proxy: 'good' },
  { key: 'eval/heldout/code/loss', seedNoise: 0.004, pointNoise: 0.002, proxy: 'fair' },
  { key: 'eval/public/hellaswag/acc', seedNoise: 0.004, pointNoise: 0.003, proxy: 'poor', accuracy: { chance: 0.25, top: 0.95, mid: 2.38, width: 0.4 } },
  { key: 'eval/public/arc-easy/acc', seedNoise: 0.0015, pointNoise: 0.0012, proxy: 'misleading', accuracy: { chance: 0.25, top: 0.9, mid: 2.6, width: 0.35 } },
  { key: 'eval/public/mmlu/acc', seedNoise: 0.012, pointNoise: 0.008, proxy: 'poor', accuracy: { chance: 0.25, top: 0.8, mid: 1.95, width: 0.15 } },
];

/** Shared seed offset of the underlying loss, felt by train/loss and every eval. */
export const LOSS_SEED_NOISE = 0.001;

/** Code loss as a function of the web loss: a steeper, lower curve. */
export const CODE_LOSS = { floor: 0.85, slope: 0.75 } as const;

/**
 * Weight of the ARC-Easy artefact at a model size: full up to 124M, gone from 302M on.
 * Small models pick up answer-format quirks that real capability overrides at scale.
 */
export function arcArtefactWeight(params: number): number {
  const low = Math.log(1.24e8);
  const high = Math.log(3.02e8);
  const x = (Math.log(params) - low) / (high - low);
  return 1 - Math.min(1, Math.max(0, x));
}
