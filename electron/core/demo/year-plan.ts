// The year lab's production runs: a few hundred long pretraining runs of 100k–1M steps, each logging
// its loss, learning rate and grad norm plus twenty more training metrics (per-layer grad norms,
// throughput, norms) on every line. With the large lab's thousands of short runs beside them they make
// a lab of real shape for the storage benchmark: over 300 M points, about a team's year.
import { AUX_METRIC_KEYS } from './aux-metrics';
import { MIXTURE_LOSS_SHIFT } from './lab-world';
import { MODEL_SIZES } from './model-sizes';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import type { RunSpec } from './run-builder';

export const LONG_RUNS = 240;

const OWNERS = ['ana', 'raj', 'mei', 'tomas', 'dmitri'];
const MIXTURES = ['web-v4', 'web-v5', 'web-v5-code', 'web-v5-dedup'];

export function longRunSpecs(seed: number): RunSpec[] {
  const rng = createSeededRandom(seed, 'year:long-runs');
  const specs: RunSpec[] = [];
  for (let i = 0; i < LONG_RUNS; i++) {
    const size = MODEL_SIZES[2 + (i % (MODEL_SIZES.length - 2))]!;
    // Steps and lines log-uniform: 100k–1M steps, 15k–75k lines (the logging interval rounds down to 1, 2, 5…).
    const steps = Math.round(10 ** rng.uniform(5, 6));
    const lines = Math.round(10 ** rng.uniform(Math.log10(15_000), Math.log10(75_000)));
    const mixture = MIXTURES[i % MIXTURES.length]!;
    const key = `prod/${mixture}/${size.label}/${String(i).padStart(3, '0')}`;
    specs.push({
      key,
      name: `prod ${size.label} ${mixture} #${i}`,
      group: `prod-${mixture}`,
      owner: OWNERS[i % OWNERS.length]!,
      seed: 1,
      tags: ['prod', 'long'],
      size,
      tokensPerParam: (steps * size.batchTokens) / size.params,
      mixture,
      evalKeys: ['eval/heldout/c4/loss', 'eval/heldout/code/loss', 'eval/public/hellaswag/acc', 'eval/public/mmlu/acc'],
      createdDay: -365 + Math.floor((i * 360) / LONG_RUNS),
      linesPerRun: lines,
      auxMetrics: AUX_METRIC_KEYS.length,
      effects: { mixtureShift: MIXTURE_LOSS_SHIFT[mixture] ?? 0 },
      spikeRate: 1.5,
      restartAtFraction: i % 7 === 3 ? 0.6 : undefined,
    });
  }
  return specs;
}
