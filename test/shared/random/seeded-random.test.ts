// The one seeded generator: its stream against an independent implementation, streams per seed and
// label, and the shape of each kind of draw.
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../shared/random/seeded-random';

const draws = (n: number, draw: () => number) => Array.from({ length: n }, draw);

describe('createSeededRandom', () => {
  it('reproduces the reference stream (xoshiro128** seeded through splitmix32, an independent implementation in Python)', () => {
    expect(draws(4, createSeededRandom(0).next)).toEqual([0.26373681239783764, 0.8037649970501661, 0.6012210564222187, 0.6151468467433006]);
    expect(draws(4, createSeededRandom(42).next)).toEqual([0.037526932545006275, 0.7481410333421081, 0.36317539447918534, 0.2230740594677627]);
    expect(draws(4, createSeededRandom(9, 'run-1').next)).toEqual([0.504668140783906, 0.6379659101366997, 0.8838131206575781, 0.4881955727469176]);
  });

  it('replays the same stream for the same seed and label, and another for another seed, label or high bits', () => {
    const xs = draws(5, createSeededRandom(7, 'a').next);
    expect(draws(5, createSeededRandom(7, 'a').next)).toEqual(xs);
    expect(draws(5, createSeededRandom(8, 'a').next)).not.toEqual(xs);
    expect(draws(5, createSeededRandom(7, 'b').next)).not.toEqual(xs);
    expect(draws(5, createSeededRandom(7 + 2 ** 32, 'a').next)).not.toEqual(xs);
    // No label is the empty label.
    expect(draws(3, createSeededRandom(7).next)).toEqual(draws(3, createSeededRandom(7, '').next));
  });

  it('draws uniforms in [0, 1) with the mean and spread of a uniform', () => {
    const xs = draws(100_000, createSeededRandom(5, 'uniform').next);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    // Standard error 0.29/sqrt(1e5) ≈ 0.0009.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.004);
    const deciles = new Array<number>(10).fill(0);
    for (const x of xs) deciles[Math.floor(x * 10)]! += 1;
    for (const count of deciles) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('draws standard normals: mean 0, sd 1, 95 % within ±1.96', () => {
    const draw = createSeededRandom(2024).normal;
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const z = draw();
      sum += z;
      sumSq += z * z;
      if (Math.abs(z) < 1.959964) inside++;
    }
    const mean = sum / n;
    // Standard errors: mean 1/sqrt(n) = 0.0022, sd ≈ 0.0016, coverage ≈ 0.0005; bounds are about 4 of them.
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(sumSq / n - mean * mean) - 1)).toBeLessThan(0.007);
    expect(Math.abs(inside / n - 0.95)).toBeLessThan(0.002);
  });

  it('draws integers over their whole range, both ends included for int and the upper end left out for index', () => {
    const rng = createSeededRandom(3, 'ints');
    expect([...new Set(draws(2000, () => rng.int(1, 6)))].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...new Set(draws(2000, () => rng.index(4)))].sort()).toEqual([0, 1, 2, 3]);
    // One item: always index 0; a range of one value: that value.
    expect(new Set(draws(100, () => rng.index(1)))).toEqual(new Set([0]));
    expect(new Set(draws(100, () => rng.int(-3, -3)))).toEqual(new Set([-3]));
    for (const u of draws(1000, () => rng.uniform(-2, 3))) {
      expect(u).toBeGreaterThanOrEqual(-2);
      expect(u).toBeLessThan(3);
    }
  });

  it('gives chance(0) never and chance(1) always, and about p otherwise', () => {
    const rng = createSeededRandom(11, 'chance');
    expect(draws(1000, () => Number(rng.chance(0))).some(Boolean)).toBe(false);
    expect(draws(1000, () => Number(rng.chance(1))).every(Boolean)).toBe(true);
    const hits = draws(20_000, () => Number(rng.chance(0.3))).reduce((a, b) => a + b, 0);
    // Standard error sqrt(0.21 · 20000) ≈ 65.
    expect(Math.abs(hits - 6000)).toBeLessThan(300);
  });
});
