import { createSeededRandom } from '../../../shared/random/seeded-random';

/** A training-loss-like series with rare spikes and divergences. */
export function spikySeries(seed: number, n: number): { xs: Float64Array; ys: Float64Array } {
  const rng = createSeededRandom(seed).next;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let x = rng() * 10;
  for (let i = 0; i < n; i++) {
    x += 0.1 + rng() * 3;
    xs[i] = x;
    const r = rng();
    ys[i] =
      r < 0.01 ? NaN : r < 0.015 ? Infinity : r < 0.02 ? -Infinity : r < 0.04 ? 50 + rng() * 100 : 3 / Math.log(x + 2) + (rng() - 0.5) * 0.2;
  }
  return { xs, ys };
}
