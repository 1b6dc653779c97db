// Seeded fuzz of the column codec: every float64 bit pattern must come back byte for byte (NaN payloads,
// ±Infinity, −0, denormals, float32s widened, long decimals), whatever the shape of the series, and the
// shapes metrics really have must compress to the few bytes a point the cache budget allows.
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { ColumnCodecError, decodeFloatColumn, encodeFloatColumn } from '../../../electron/core/points/float-column-codec';

type Rand = () => number;

function bitsOf(values: Float64Array): Uint8Array {
  return new Uint8Array(values.buffer, values.byteOffset, values.length * 8);
}

function fromWords(lo: number, hi: number): number {
  const f = new Float64Array(1);
  const w = new Uint32Array(f.buffer);
  w[0] = lo;
  w[1] = hi;
  return f[0]!;
}

/** A value of one of the kinds that break float codecs, written through a Float64Array so its bits stay as made. */
function setOdd(out: Float64Array, i: number, rand: Rand): void {
  const words = new Uint32Array(out.buffer, out.byteOffset + i * 8, 2);
  const r = rand();
  if (r < 0.2) {
    // A NaN with a random payload and sign.
    words[0] = (rand() * 2 ** 32) >>> 0;
    words[1] = ((rand() < 0.5 ? 0xfff00000 : 0x7ff00000) | ((rand() * 2 ** 20) >>> 0) | 1) >>> 0;
  } else if (r < 0.35) out[i] = rand() < 0.5 ? Infinity : -Infinity;
  else if (r < 0.5) out[i] = -0;
  else if (r < 0.65) {
    // A denormal.
    words[0] = (rand() * 2 ** 32) >>> 0;
    words[1] = (((rand() * 2 ** 20) >>> 0) | (rand() < 0.5 ? 0x80000000 : 0)) >>> 0;
  } else if (r < 0.8) {
    words[0] = (rand() * 2 ** 32) >>> 0;
    words[1] = (rand() * 2 ** 32) >>> 0;
  } else out[i] = Math.fround(rand() * 10 - 5);
}

const SHAPES: Record<string, (n: number, rand: Rand) => Float64Array> = {
  'decimal loss walk': (n, rand) => {
    let x = 3 + rand();
    return Float64Array.from({ length: n }, () => Math.round((x += (rand() - 0.52) * 0.01) * 1e4) / 1e4);
  },
  'integer steps, mixed strides': (n, rand) => {
    let s = Math.floor(rand() * 1e6);
    const stride = 1 + Math.floor(rand() * 100);
    return Float64Array.from({ length: n }, () => (s += rand() < 0.95 ? stride : 1 + Math.floor(rand() * 1000)));
  },
  'tokens = step × batch': (n) => Float64Array.from({ length: n }, (_, i) => (i + 1) * 4194304),
  'unix times with a decimal': (n, rand) => {
    let t = 1764412800;
    return Float64Array.from({ length: n }, () => Math.round((t += 1.5 + rand() * 0.1) * 10) / 10);
  },
  'learning rate, 4 significant digits': (n) => Float64Array.from({ length: n }, (_, i) => Number((3e-4 * (i < n / 10 ? i / (n / 10) : 0.5 * (1 + Math.cos((Math.PI * i) / n)))).toPrecision(4))),
  'float32 widened': (n, rand) => Float64Array.from({ length: n }, () => Math.fround(2 + rand())),
  'random doubles': (n, rand) => Float64Array.from({ length: n }, () => (rand() - 0.5) * 10 ** (rand() * 40 - 20)),
  constant: (n, rand) => new Float64Array(n).fill(Math.round(rand() * 100) / 10),
  'huge integers': (n, rand) => Float64Array.from({ length: n }, () => Math.floor(rand() * 2 ** 53) * (rand() < 0.5 ? -1 : 1)),
};

function roundTrip(values: Float64Array): Float64Array {
  const encoded = encodeFloatColumn(values);
  expect(encoded.length % 4).toBe(0);
  // SQLite hands blobs back at any byte offset: decode from an unaligned copy.
  const unaligned = new Uint8Array(encoded.length + 1).subarray(1);
  unaligned.set(encoded);
  const out = new Float64Array(values.length);
  decodeFloatColumn(unaligned, values.length, out);
  return out;
}

describe('float column codec', () => {
  it('round-trips every bit of random series of every shape, with odd values sprinkled in', () => {
    const rand = createSeededRandom(20261207).next;
    const shapes = Object.entries(SHAPES);
    for (let trial = 0; trial < 600; trial++) {
      const [name, make] = shapes[trial % shapes.length]!;
      const n = [0, 1, 2, 3, 5, 64, 1000, 4096][Math.floor(rand() * 8)]!;
      const values = make(n, rand);
      const oddRate = [0, 0.001, 0.05, 0.5, 1][Math.floor(rand() * 5)]!;
      for (let i = 0; i < n; i++) if (rand() < oddRate) setOdd(values, i, rand);
      const back = roundTrip(values);
      if (Buffer.compare(Buffer.from(bitsOf(back)), Buffer.from(bitsOf(values))) !== 0) {
        throw new Error(`trial ${trial} (${name}, n=${n}, odd rate ${oddRate}) did not round-trip`);
      }
    }
  });

  it('keeps NaN payloads, −0 and the float64 extremes exactly', () => {
    const values = Float64Array.from([
      fromWords(1, 0x7ff00000), fromWords(0xdeadbeef, 0xfff80000), NaN, -0, 0, Number.MIN_VALUE, -Number.MAX_VALUE, Number.MAX_VALUE,
      Infinity, -Infinity, 2 ** 49, -(2 ** 49), 2 ** 49 + 1, 0.1 + 0.2, 1e-300, 5e-324,
    ]);
    expect(Buffer.from(bitsOf(roundTrip(values)))).toEqual(Buffer.from(bitsOf(values)));
  });

  it('packs metrics as logged into a few bits a value', () => {
    const rand = createSeededRandom(7).next;
    const bytesPerValue = (values: Float64Array) => encodeFloatColumn(values).length / values.length;
    expect(bytesPerValue(SHAPES['decimal loss walk']!(4096, rand))).toBeLessThan(1.5);
    expect(bytesPerValue(SHAPES['integer steps, mixed strides']!(4096, rand))).toBeLessThan(1.5);
    expect(bytesPerValue(SHAPES['tokens = step × batch']!(4096, rand))).toBeLessThan(0.05);
    expect(bytesPerValue(SHAPES['unix times with a decimal']!(4096, rand))).toBeLessThan(1);
    expect(bytesPerValue(SHAPES['learning rate, 4 significant digits']!(4096, rand))).toBeLessThan(2.5);
    // A loss logged from a float32 tensor: its 32 bits, as ordered integers, in deltas.
    let loss = 3;
    const float32Loss = Float64Array.from({ length: 4096 }, () => Math.fround((loss += (rand() - 0.52) * 0.01) * (1 + 0.01 * (rand() - 0.5))));
    expect(bytesPerValue(float32Loss)).toBeLessThan(3);
    // Not decimals: the fallback still never costs more than the raw bytes and a small header.
    expect(bytesPerValue(SHAPES['random doubles']!(4096, rand))).toBeLessThanOrEqual(8 + 8 / 4096);
  });

  it('refuses a damaged column with a clear error instead of returning wrong numbers', () => {
    const encoded = encodeFloatColumn(SHAPES['decimal loss walk']!(100, createSeededRandom(3).next));
    expect(() => decodeFloatColumn(encoded.subarray(0, encoded.length - 4), 100, new Float64Array(100))).toThrow(ColumnCodecError);
    const unknown = Uint8Array.from(encoded);
    unknown[0] = 9;
    expect(() => decodeFloatColumn(unknown, 100, new Float64Array(100))).toThrow(/unknown encoding 9/);
  });
});
