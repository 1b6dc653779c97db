// Hyper-parameter sweeps: the small lab has one learning-rate sweep; the large lab sweeps five
// hyper-parameters at five sizes on five mixtures with three seeds (the bulk of its 2,000+ runs).
import { MIXTURE_LOSS_SHIFT } from './lab-world';
import { MODEL_SIZES, modelSize } from './model-sizes';
import type { ModelSize } from './model-sizes';
import type { RunFate, RunSpec } from './run-builder';

interface SweepPoint {
  label: string;
  apply(size: ModelSize): Partial<RunSpec>;
  /** Loss above the optimum, in nats. */
  penalty: number;
  diverges?(size: ModelSize): boolean;
}

const log2 = Math.log2;
const LR_MULTIPLIERS = [0.125, 0.25, 0.5, 1, 2, 4, 8];

const FAMILIES: Record<string, SweepPoint[]> = {
  lr: LR_MULTIPLIERS.map((m) => ({
    label: `lr×${m}`,
    apply: (size) => ({ lr: Number((size.bestLr * m).toPrecision(3)) }),
    penalty: 0.02 * log2(m) ** 2,
    diverges: (size) => m >= 8 && size.params >= 7e8,
  })),
  batch: [0.25, 0.5, 1, 2, 4].map((m) => ({
    label: `batch×${m}`,
    apply: (size) => ({ batchTokens: size.batchTokens * m }),
    penalty: 0.012 * log2(m) ** 2,
  })),
  warmup: [0.002, 0.005, 0.01, 0.02, 0.05].map((fraction) => ({
    label: `warmup ${fraction * 100}%`,
    apply: () => ({ warmupFraction: fraction, spikeRate: fraction < 0.005 ? 1 : 0.1 }),
    penalty: 0.004 * Math.log(fraction / 0.01) ** 2,
  })),
  wd: [0, 0.01, 0.03, 0.1, 0.3].map((wd, i) => ({
    label: `wd ${wd}`,
    apply: () => ({ weightDecay: wd }),
    penalty: [0.012, 0.007, 0.002, 0, 0.006][i],
  })),
  beta2: [0.95, 0.98, 0.99, 0.999].map((beta2, i) => ({
    label: `β2 ${beta2}`,
    apply: () => ({ beta2, spikeRate: beta2 >= 0.999 ? 0.8 : 0.1 }),
    penalty: [0, 0.001, 0.002, 0.006][i],
  })),
};

const SWEEP_OWNERS = ['raj', 'tomas', 'mei', 'dmitri'];
const MIXTURE_DAYS: Record<string, [number, number]> = {
  'web-v3': [-124, -100],
  'web-v4': [-100, -72],
  'web-v5': [-70, -12],
  'web-v5-code': [-40, -6],
  'web-v5-dedup': [-30, -3],
};

/** The small lab's sweep run that diverges, and the one its owner killed early. */
export const DIVERGED_SWEEP_KEY = 'sweep/lr/web-v5/708M/lr×8/s1';
export const KILLED_SWEEP_KEY = 'sweep/lr/web-v5/124M/lr×0.125/s1';

export function sweepRunSpecs(size: 'small' | 'large'): RunSpec[] {
  if (size === 'small') {
    return sweepGrid(['lr'], [modelSize('124M'), modelSize('708M')], ['web-v5'], 1);
  }
  return sweepGrid(Object.keys(FAMILIES), MODEL_SIZES.slice(0, 5), Object.keys(MIXTURE_DAYS), 3);
}

function sweepGrid(families: string[], sizes: readonly ModelSize[], mixtures: string[], seeds: number): RunSpec[] {
  const specs: RunSpec[] = [];
  for (const mixture of mixtures) {
    const [firstDay, lastDay] = MIXTURE_DAYS[mixture];
    let index = 0;
    for (const family of families) {
      for (const size of sizes) {
        for (const point of FAMILIES[family]) {
          for (let seed = 1; seed <= seeds; seed++) {
            const key = `sweep/${family}/${mixture}/${size.label}/${point.label}/s${seed}`;
            const applied = point.apply(size);
            let fate: RunFate | undefined;
            if (point.diverges?.(size)) fate = { kind: 'diverged', atFraction: 0.3 };
            if (key === KILLED_SWEEP_KEY) fate = { kind: 'killed', atFraction: 0.4, message: 'killed by raj: clearly too low, saving the chips' };
            specs.push({
              key,
              name: `sweep-${family} ${size.label} ${point.label}${seeds > 1 ? ` s${seed}` : ''}`,
              group: `sweep-${family}-${mixture}`,
              owner: SWEEP_OWNERS[index % SWEEP_OWNERS.length],
              proposal: 'p-030',
              seed,
              tags: ['sweep', family],
              size,
              tokensPerParam: 20,
              mixture,
              evalKeys: ['eval/heldout/c4/loss', 'eval/heldout/code/loss'],
              createdDay: firstDay + (index % (lastDay - firstDay + 1)),
              effects: { loss: point.penalty, mixtureShift: MIXTURE_LOSS_SHIFT[mixture] ?? 0 },
              spikeRate: 0.1,
              ...applied,
              fate,
            });
            index++;
          }
        }
      }
    }
  }
  return specs;
}
