// The one seeded source of randomness: the demo lab, bootstraps, synthetic scaling data, benchmarks and
// test data all draw from it, so the same seed gives the same numbers on every machine and in every
// thread. xoshiro128** (Blackman & Vigna) seeded through splitmix32: period 2^128 − 1, 32-bit integer
// arithmetic only (Math.imul), fast enough for millions of draws per bootstrap.

export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n): an index into n items. */
  index(n: number): number;
  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller; each pair of uniforms gives two, the second kept for the next call). */
  normal(): number;
  /** True with the given probability. */
  chance(probability: number): boolean;
}

/**
 * A well-mixed 32-bit state from a seed and a label (FNV-1a over the label's UTF-16 code units, then
 * a murmur-style finaliser). Streams named by label are independent of the order they are made in,
 * which is what keeps the demo lab reproducible. Seeds beyond 32 bits contribute their high bits.
 */
function hashSeed(seed: number, label: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  h = Math.imul(h, 0x01000193);
  h ^= Math.floor(seed / 0x1_0000_0000) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** A stream of seeded numbers; `label` names one of many independent streams of the same seed. */
export function createSeededRandom(seed: number, label = ''): SeededRandom {
  const init = { s: hashSeed(seed, label) };
  let a = splitmix32(init);
  let b = splitmix32(init);
  let c = splitmix32(init);
  let d = splitmix32(init);
  // The all-zero state is xoshiro's one fixed point.
  if ((a | b | c | d) === 0) a = 1;
  let spareNormal: number | null = null;

  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(b, 5), 7), 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
  const next = (): number => nextUint32() / 0x1_0000_0000;

  return {
    next,
    index: (n) => Math.floor(next() * n),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal() {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      let u = next();
      // log(0) would be −Infinity.
      while (u === 0) u = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      const angle = 2 * Math.PI * next();
      spareNormal = radius * Math.sin(angle);
      return radius * Math.cos(angle);
    },
    chance: (probability) => next() < probability,
  };
}
