// Short throughput checks at the launch size: killed on purpose after a few hundred steps and
// tied to no proposal, like the odd runs every cluster accumulates.
import { ALL_EVAL_KEYS } from './ablation-plan';
import { modelSize } from './model-sizes';
import type { RunSpec } from './run-builder';

export function smokeRunSpecs(): RunSpec[] {
  const size = modelSize('3.02B');
  return [
    { day: -88, owner: 'ines', chips: 'two slices' },
    { day: -61, owner: 'dmitri', chips: 'fp8 MLP' },
    { day: -24, owner: 'ines', chips: 'async checkpoints' },
  ].map(({ day, owner, chips }, i) => ({
    key: `smoke/3.02B/${i + 1}`,
    name: `throughput check 3.02B (${chips})`,
    group: 'smoke-tests',
    owner,
    seed: 1,
    tags: ['smoke'],
    size,
    tokensPerParam: 80,
    mixture: 'web-v5',
    evalKeys: ALL_EVAL_KEYS,
    createdDay: day,
    fate: { kind: 'killed', atFraction: 0.02, message: `killed by ${owner}: throughput measured` },
  }));
}
