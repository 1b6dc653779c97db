// The scaling ladders: ladder-v3 (web-v5, the launch recipe) and the older ladder-v2 (web-v4).
import { ALL_EVAL_KEYS, defaultSpikeRate } from './ablation-plan';
import { MIXTURE_LOSS_SHIFT } from './lab-world';
import { humanCount, MODEL_SIZES } from './model-sizes';
import type { RunSpec } from './run-builder';

export const LADDER_V3_TOKENS_PER_PARAM = [10, 20, 40, 80] as const;
const LADDER_V2_TOKENS_PER_PARAM = [10, 20, 40] as const;
const V3_OWNERS = ['ana', 'raj', 'omar', 'mei'];

/** The ladder-v3 run still training, and the one that resumed from a checkpoint. */
export const LADDER_RUNNING_KEY = 'ladder-v3/3.02B/80';
export const LADDER_RESTART_KEY = 'ladder-v3/1.46B/40';

export function ladderRunSpecs(): RunSpec[] {
  const specs: RunSpec[] = [];
  MODEL_SIZES.forEach((size, sizeIndex) => {
    LADDER_V3_TOKENS_PER_PARAM.forEach((tpp, budgetIndex) => {
      const key = `ladder-v3/${size.label}/${tpp}`;
      specs.push({
        key,
        name: `ladder-v3 ${size.label} × ${humanCount(tpp * size.params)}`,
        group: 'ladder-v3',
        owner: V3_OWNERS[(sizeIndex + budgetIndex) % V3_OWNERS.length],
        proposal: 'p-001',
        seed: 1,
        tags: ['ladder', 'ladder-v3'],
        size,
        tokensPerParam: tpp,
        mixture: 'web-v5',
        evalKeys: ALL_EVAL_KEYS,
        createdDay: -80 + sizeIndex * 11 + budgetIndex * 2,
        effects: { mixtureShift: MIXTURE_LOSS_SHIFT['web-v5'] },
        spikeRate: defaultSpikeRate(size.label),
        fate: key === LADDER_RUNNING_KEY ? { kind: 'running', progress: 0.62, minutesAgo: 4 } : undefined,
        restartAtFraction: key === LADDER_RESTART_KEY ? 0.55 : undefined,
      });
    });
  });
  MODEL_SIZES.slice(0, 5).forEach((size, sizeIndex) => {
    LADDER_V2_TOKENS_PER_PARAM.forEach((tpp, budgetIndex) => {
      specs.push({
        key: `ladder-v2/${size.label}/${tpp}`,
        name: `ladder-v2 ${size.label} × ${humanCount(tpp * size.params)}`,
        group: 'ladder-v2',
        owner: budgetIndex % 2 === 0 ? 'ana' : 'raj',
        proposal: 'p-031',
        seed: 1,
        tags: ['ladder', 'ladder-v2'],
        size,
        tokensPerParam: tpp,
        mixture: 'web-v4',
        evalKeys: ['eval/heldout/c4/loss', 'eval/heldout/code/loss', 'eval/public/hellaswag/acc'],
        createdDay: -122 + sizeIndex * 5 + budgetIndex,
        effects: { mixtureShift: MIXTURE_LOSS_SHIFT['web-v4'] },
        spikeRate: defaultSpikeRate(size.label),
      });
    });
  });
  return specs;
}
