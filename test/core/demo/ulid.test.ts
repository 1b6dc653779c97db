// The demo lab's own ULID encoder (its random part from the shared seeded generator).
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { decodeUlidTime, encodeUlid } from '../../../electron/core/demo/ulid';

describe('encodeUlid', () => {
  it('encodes the time like the ULID spec example and adds 16 Crockford characters', () => {
    const id = encodeUlid(1469918176385, createSeededRandom(1, 'ulid'));
    expect(id.slice(0, 10)).toBe('01ARYZ6S41');
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeUlidTime(id)).toBe(1469918176385);
  });

  it('gives the same ids for the same stream and different ones for another', () => {
    const a = [encodeUlid(1e12, createSeededRandom(3, 'x')), encodeUlid(1e12, createSeededRandom(3, 'x'))];
    expect(a[0]).toBe(a[1]);
    expect(encodeUlid(1e12, createSeededRandom(4, 'x'))).not.toBe(a[0]);
  });

  it('refuses a time that does not fit 48 bits', () => {
    expect(() => encodeUlid(2 ** 48, createSeededRandom(1, 'x'))).toThrow(/2\^48/);
    expect(() => encodeUlid(-1, createSeededRandom(1, 'x'))).toThrow(/ULID time/);
  });
});
