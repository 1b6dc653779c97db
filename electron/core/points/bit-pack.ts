// Fixed-width bit packing of non-negative integers below 2^53 (held in doubles, as JS has no fast int64).
// Widths up to 32 pack into one stream of little-endian 32-bit words; wider values are split into their
// low 32 bits (one stream at width 32) and the rest (a second stream), so every shift stays in int32.

const TWO_32 = 4294967296;

/** Bits needed for every value in 0..max (0 for max = 0). */
export function bitWidth(max: number): number {
  if (max <= 0) return 0;
  if (max < TWO_32) return 32 - Math.clz32(max);
  return 32 + (32 - Math.clz32(Math.floor(max / TWO_32)));
}

/** Bytes taken by `count` values of `width` bits (whole 32-bit words per stream). */
export function packedBytes(count: number, width: number): number {
  if (width <= 32) return Math.ceil((count * width) / 32) * 4;
  return count * 4 + Math.ceil((count * (width - 32)) / 32) * 4;
}

function packWords(values: ArrayLike<number>, count: number, width: number, high: boolean, out: Uint32Array, at: number): number {
  let word = 0;
  let bits = 0;
  let o = at;
  for (let i = 0; i < count; i++) {
    const v = values[i]!;
    const x = high ? Math.floor(v / TWO_32) : v >>> 0;
    word |= x << bits;
    bits += width;
    if (bits >= 32) {
      out[o++] = word;
      bits -= 32;
      word = bits > 0 ? x >>> (width - bits) : 0;
    }
  }
  if (bits > 0) out[o++] = word;
  return o;
}

/** Packs values[0..count) at `width` bits into `out` from word `at`; returns the word after the last one written. */
export function packBits(values: ArrayLike<number>, count: number, width: number, out: Uint32Array, at: number): number {
  if (width === 0) return at;
  if (width <= 32) return packWords(values, count, width, false, out, at);
  const next = packWords(values, count, 32, false, out, at);
  return packWords(values, count, width - 32, true, out, next);
}

function unpackWords(words: Uint32Array, at: number, count: number, width: number, out: Float64Array, high: boolean): number {
  const mask = width === 32 ? 0xffffffff : (1 << width) - 1;
  let bitPos = 0;
  for (let i = 0; i < count; i++) {
    const w = at + (bitPos >>> 5);
    const off = bitPos & 31;
    let x = words[w]! >>> off;
    if (off + width > 32) x |= words[w + 1]! << (32 - off);
    x = (x & mask) >>> 0;
    if (high) out[i] += x * TWO_32;
    else out[i] = x;
    bitPos += width;
  }
  return at + Math.ceil((count * width) / 32);
}

/** Unpacks `count` values of `width` bits from words[at..] into out[0..count); returns the word after them. */
export function unpackBits(words: Uint32Array, at: number, count: number, width: number, out: Float64Array): number {
  if (width === 0) {
    out.fill(0, 0, count);
    return at;
  }
  if (width <= 32) return unpackWords(words, at, count, width, out, false);
  const next = unpackWords(words, at, count, 32, out, false);
  return unpackWords(words, next, count, width - 32, out, true);
}
