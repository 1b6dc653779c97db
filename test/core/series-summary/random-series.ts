// Random training-like series with the things that break charts: spikes, NaN and ±Infinity runs,
// gaps in steps, and tokens/time that rise with step.
import { createSeededRandom } from '../../../shared/random/seeded-random';
import type { RawPoint } from './cache-fixture';

export interface RandomSeriesOptions {
  count: number;
  seed: number;
  firstStep?: number;
  /** Probability that a point is a spike ×(5..50). */
  spikes?: number;
  /** Probability that a point is NaN / ±Infinity. */
  nonFinite?: number;
  /** Step stride range: 1..maxStride. */
  maxStride?: number;
  tokensPerStep?: number;
  withTime?: boolean;
}

export function randomSeries(options: RandomSeriesOptions): RawPoint[] {
  const rand = createSeededRandom(options.seed).next;
  const points: RawPoint[] = [];
  let step = options.firstStep ?? 0;
  let tokens = step * (options.tokensPerStep ?? 4096);
  let time = 1.7e9 + step * 0.37;
  for (let i = 0; i < options.count; i++) {
    let value = 2 + 3 / Math.sqrt(step + 1) + 0.05 * (rand() - 0.5);
    if (rand() < (options.spikes ?? 0.002)) value *= 5 + 45 * rand();
    if (rand() < (options.spikes ?? 0.002)) value = -value;
    const r = rand();
    const nf = options.nonFinite ?? 0.003;
    if (r < nf / 3) value = NaN;
    else if (r < (2 * nf) / 3) value = Infinity;
    else if (r < nf) value = -Infinity;
    points.push({ step, value, tokens, time: options.withTime === false ? null : time });
    const stride = 1 + Math.floor(rand() * (options.maxStride ?? 1));
    step += stride;
    tokens += stride * (options.tokensPerStep ?? 4096) * (0.5 + rand());
    time += stride * 0.37 * (0.2 + rand());
  }
  return points;
}
