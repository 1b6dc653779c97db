/** A seeded source of uniform numbers in [0, 1): the same seed gives the same sequence everywhere. */
export type UniformRandom = () => number;

/** mulberry32 (Tommy Ettinger's 32-bit generator): tiny, fast, good enough for bootstraps and test data. */
export function mulberry32(seed: number): UniformRandom {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws from a uniform source by the Box–Muller transform. Each pair of uniforms gives
 * two independent normals; the second is kept for the next call.
 */
export function normalSampler(uniform: UniformRandom): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    const u1 = 1 - uniform(); // in (0, 1]: log(0) would be -Infinity
    const u2 = uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    spare = radius * Math.sin(2 * Math.PI * u2);
    return radius * Math.cos(2 * Math.PI * u2);
  };
}
