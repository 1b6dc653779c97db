// The demo lab's own ULID encoder and seeded random streams.
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../electron/core/demo/prng';
import { decodeUlidTime, encodeUlid } from '../../../electron/core/demo/ulid';
import { mean, sampleSd } from './read-demo-lab';

describe('encodeUlid', () => {
  it('encodes the time like the ULID spec example and adds 16 Crockford characters', () => {
    const id = encodeUlid(1469918176385, createPrng(1, 'ulid'));
    expect(id.slice(0, 10)).toBe('01ARYZ6S41');
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeUlidTime(id)).toBe(1469918176385);
  });

  it('gives the same ids for the same stream and different ones for another', () => {
    const a = [encodeUlid(1e12, createPrng(3, 'x')), encodeUlid(1e12, createPrng(3, 'x'))];
    expect(a[0]).toBe(a[1]);
    expect(encodeUlid(1e12, createPrng(4, 'x'))).not.toBe(a[0]);
  });

  it('refuses a time that does not fit 48 bits', () => {
    expect(() => encodeUlid(2 ** 48, createPrng(1, 'x'))).toThrow(/2\^48/);
    expect(() => encodeUlid(-1, createPrng(1, 'x'))).toThrow(/ULID time/);
  });
});

describe('createPrng', () => {
  it('replays the same stream for the same seed and label', () => {
    const a = createPrng(9, 'run-1');
    const b = createPrng(9, 'run-1');
    const c = createPrng(9, 'run-2');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) and standard normals', () => {
    const rng = createPrng(5, 'stats');
    const uniforms = Array.from({ length: 20000 }, () => rng.next());
    expect(Math.min(...uniforms)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...uniforms)).toBeLessThan(1);
    expect(mean(uniforms)).toBeCloseTo(0.5, 1);
    const normals = Array.from({ length: 20000 }, () => rng.normal());
    expect(Math.abs(mean(normals))).toBeLessThan(0.03);
    expect(sampleSd(normals)).toBeGreaterThan(0.97);
    expect(sampleSd(normals)).toBeLessThan(1.03);
    const ints = new Set(Array.from({ length: 2000 }, () => rng.int(1, 6)));
    expect([...ints].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
