// ULIDs for event file names: 48 bits of milliseconds then 80 random bits, in Crockford base32.
// The random part comes from the lab's seeded stream so the same seed gives the same file names.
import type { SeededRandom } from '../../../shared/random/seeded-random';

export const CROCKFORD_BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_ULID_TIME = 2 ** 48 - 1;

export function encodeUlid(timeMs: number, rng: SeededRandom): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_ULID_TIME) {
    throw new Error(`ULID time must be an integer number of milliseconds in [0, 2^48), got ${timeMs}`);
  }
  let time = '';
  let rest = timeMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD_BASE32[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD_BASE32[Math.floor(rng.next() * 32)];
  return time + random;
}

/** The millisecond time encoded in a ULID's first ten characters. */
export function decodeUlidTime(ulid: string): number {
  let time = 0;
  for (const char of ulid.slice(0, 10)) {
    const digit = CROCKFORD_BASE32.indexOf(char);
    if (digit < 0) throw new Error(`"${ulid}" is not a ULID: "${char}" is not Crockford base32`);
    time = time * 32 + digit;
  }
  return time;
}
