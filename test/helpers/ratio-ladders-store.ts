// A lab store of scaling ladders at one and at several tokens-per-parameter ratios, with ablations
// whose truth is known: what identifiability detection and the scaling verdicts are checked on.
// Every run follows a Chinchilla law (with seed noise where said) and writes a short training curve
// ending at its final loss; `writeRatioLaddersLab` writes the store, `RATIO_LADDERS` says what each
// group and ablation must show.
import fs from 'node:fs';
import path from 'node:path';
import { logSpaced, predictLoss, type ChinchillaParams } from '../../shared/scaling';
import { createSeededRandom } from '../../shared/random/seeded-random';

export const LADDER_LAW: ChinchillaParams = { E: 1.72, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
export const METRIC = 'eval/heldout/c4/loss';

/** The law of a model trained with k times the compute of LADDER_LAW's, at the same N:D split. */
export function withComputeFactor(law: ChinchillaParams, k: number): ChinchillaParams {
  return { ...law, A: law.A * k ** (-law.alpha / 2), B: law.B * k ** (-law.beta / 2) };
}

interface LadderSpec {
  sizes: number;
  ratios: readonly number[];
  seeds: number;
  /** Log-normal seed noise on the final loss. */
  noise: number;
}

/** Groups: identifiable or not, and why. */
export const RATIO_LADDERS = {
  groups: {
    'ladder-one-ratio': { spec: { sizes: 6, ratios: [20], seeds: 2, noise: 0.003 }, identifiable: false, reason: /^Every run trains on about 20 tokens per parameter/ },
    'ladder-close-ratios': { spec: { sizes: 5, ratios: [20, 24], seeds: 1, noise: 0.002 }, identifiable: false, reason: /vary too little apart from their model sizes/ },
    'ladder-two-ratios': { spec: { sizes: 6, ratios: [10, 40], seeds: 1, noise: 0.002 }, identifiable: true, reason: null },
    'ladder-four-ratios': { spec: { sizes: 5, ratios: [10, 20, 40, 80], seeds: 1, noise: 0.002 }, identifiable: true, reason: null },
  },
  ablations: {
    // One ratio, 3 seeds: the variant is worth 1.6× the baseline's compute at every scale.
    'abl-one-ratio-gain': { spec: { sizes: 4, ratios: [20], seeds: 3, noise: 0.002 }, variant: withComputeFactor(LADDER_LAW, 1.6), verdict: 'holds' },
    // One ratio: the variant costs compute (0.6×) at every scale.
    'abl-one-ratio-cost': { spec: { sizes: 4, ratios: [20], seeds: 3, noise: 0.002 }, variant: withComputeFactor(LADDER_LAW, 0.6), verdict: 'cost-holds' },
    // Two ratios (the frontier method): 2× at every scale.
    'abl-two-ratios': { spec: { sizes: 4, ratios: [10, 40], seeds: 2, noise: 0.002 }, variant: withComputeFactor(LADDER_LAW, 2), verdict: 'holds' },
  },
} as const satisfies {
  groups: Record<string, { spec: LadderSpec; identifiable: boolean; reason: RegExp | null }>;
  ablations: Record<string, { spec: LadderSpec; variant: ChinchillaParams; verdict: string }>;
};

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** Writes the runs of one ladder: per size, ratio and seed, a run with a 10-point curve ending at its noisy final loss. */
function writeLadder(root: string, prefix: string, law: ChinchillaParams, spec: LadderSpec, fields: Record<string, string>, seed: number): void {
  const rng = createSeededRandom(seed);
  logSpaced(1.24e8, 1.46e9, spec.sizes).forEach((N, i) => {
    for (const ratio of spec.ratios) {
      for (let s = 0; s < spec.seeds; s++) {
        const id = `${prefix}-${i}-${ratio}-${s}`;
        const D = Math.round(N * ratio);
        const scale = Math.exp(spec.noise * rng.normal());
        const lines = Array.from({ length: 10 }, (_, k) => {
          const tokens = Math.round((D * (k + 1)) / 10);
          return JSON.stringify({ step: (k + 1) * 100, tokens, [METRIC]: predictLoss(law, N, tokens) * scale });
        });
        const run = { id, created_at: '2026-10-01T00:00:00Z', ...fields, model: { params: Math.round(N) }, data: { tokens: D }, seed: s };
        write(root, `runs/${id}/run.json`, JSON.stringify(run));
        write(root, `runs/${id}/metrics.jsonl`, `${lines.join('\n')}\n`);
        write(root, `runs/${id}/status.json`, JSON.stringify({ state: 'finished', updated_at: '2026-10-02T00:00:00Z' }));
      }
    }
  });
}

/** Writes the whole lab (or adds its runs to an existing store when `withManifest` is false). */
export function writeRatioLaddersLab(root: string, withManifest = true): void {
  if (withManifest) write(root, 'tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Ratio ladders' }));
  let seed = 1;
  for (const [group, { spec }] of Object.entries(RATIO_LADDERS.groups)) writeLadder(root, group, LADDER_LAW, spec, { group }, seed++);
  for (const [id, { spec, variant }] of Object.entries(RATIO_LADDERS.ablations)) {
    writeLadder(root, `${id}-base`, LADDER_LAW, spec, { group: id, ablation: id, variant: 'baseline' }, seed++);
    writeLadder(root, `${id}-var`, variant, spec, { group: id, ablation: id, variant: 'variant' }, seed++);
    write(root, `ablations/${id}.yaml`, `id: ${id}\ntitle: "${id}"\nmetric: ${METRIC}\ncompare_at: tokens\nbaseline: baseline\n`);
  }
}
