// The monkey's draws, from the one seeded generator (shared/random): the same seed gives the same walk,
// so a failure found by a random walk can be replayed action for action.
import { createSeededRandom } from '../../../../shared/random/seeded-random';

export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  below(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** One of the keys, with probability proportional to its weight. */
  weighted<K extends string>(weights: Partial<Record<K, number>>): K;
}

export function seededRandom(seed: number): SeededRandom {
  const { next, index: below } = createSeededRandom(seed, 'monkey');
  return {
    next,
    below,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[below(items.length)]!;
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [never, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
  };
}
