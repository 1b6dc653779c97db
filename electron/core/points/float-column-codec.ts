// Lossless compression of one column of float64s (a chunk's steps, values, tokens or times).
//
// Metrics are logged as short decimals ("2.8134", 3e-4, a step count), so the main encoding is ALP's
// (Afroozeh, Kuffó & Boncz, "ALP: Adaptive Lossless floating-Point Compression", SIGMOD 2024): find the
// smallest exponent e for which v = n / 10^e holds bit-exactly for an integer n, then store the integers
// — as they are, as deltas, or as deltas of deltas, whichever packs narrowest — frame-of-reference
// bit-packed. A value that does not come back exactly that way (NaN of any payload, ±Infinity, −0, a
// float32 widened to float64, a long decimal) is an exception kept as its raw 64 bits. A column that is
// mostly exceptions is stored byte-shuffled and deflated (zlib), or raw, whichever is smaller.
//
// Decoding n / 10^e is exact because 10^e (e ≤ 22) is a double and IEEE division rounds correctly: the
// encoder checks the very expression the decoder computes. Layouts are little-endian with every section
// 4-byte aligned, so a column can be read through a Uint32Array.
import zlib from 'node:zlib';
import { bitWidth, packBits, packedBytes, unpackBits } from './bit-pack';

const KIND_ALP = 0;
/** Every value a float32 widened to float64 (what a loss logged from a float32 tensor is): its 32 bits as ordered integers. */
const KIND_F32 = 4;
const KIND_DEFLATE = 1;
const KIND_RAW = 2;
/** Every value has the same 64 bits (a column of NaN where a source logs no tokens, a constant). */
const KIND_CONSTANT = 3;

const FOR = 0;
const DELTA = 1;
const DELTA2 = 2;

const MAX_EXPONENT = 18;
const POW10 = Array.from({ length: MAX_EXPONENT + 1 }, (_, e) => 10 ** e);
/** Integers up to 2^49 keep every delta, delta of delta and frame offset below 2^53, where doubles are exact. */
const INT_LIMIT = 2 ** 49;
const ALP_HEADER = 32;
const SAMPLE = 32;

export class ColumnCodecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ColumnCodecError';
  }
}

let scratch = new Float64Array(4096);
let scratch2 = new Float64Array(4096);

function scratchOf(n: number): Float64Array {
  if (scratch.length < n) scratch = new Float64Array(n);
  return scratch;
}

function scratch2Of(n: number): Float64Array {
  if (scratch2.length < n) scratch2 = new Float64Array(n);
  return scratch2;
}

/** n / 10^e gives v back bit for bit (NaN never does: it fails the range test). */
function roundTrips(v: number, p: number): boolean {
  const n = Math.round(v * p);
  if (!(n <= INT_LIMIT && n >= -INT_LIMIT)) return false;
  const back = (n + 0) / p;
  return back === v && (back !== 0 || 1 / back === 1 / v);
}

/** The smallest exponent under which the most of an even sample of the column round-trips. */
function chooseExponent(values: Float64Array, n: number): number {
  const size = Math.min(n, SAMPLE);
  let best = 0;
  let bestHits = -1;
  for (let e = 0; e <= MAX_EXPONENT; e++) {
    const p = POW10[e]!;
    let hits = 0;
    for (let k = 0; k < size; k++) if (roundTrips(values[Math.floor((k * n) / size)]!, p)) hits++;
    if (hits > bestHits) {
      best = e;
      bestHits = hits;
      if (hits === size) break;
    }
  }
  return best;
}

interface Transform {
  kind: number;
  width: number;
  base: number;
  /** Values packed: n, n − 1 or n − 2. */
  count: number;
}

/** Picks FOR, delta or delta-of-delta by packed size. */
function chooseTransform(ints: Float64Array, n: number): Transform {
  let min0 = Infinity;
  let max0 = -Infinity;
  let min1 = Infinity;
  let max1 = -Infinity;
  let min2 = Infinity;
  let max2 = -Infinity;
  let prev = 0;
  let prevDelta = 0;
  for (let i = 0; i < n; i++) {
    const x = ints[i]!;
    if (x < min0) min0 = x;
    if (x > max0) max0 = x;
    if (i >= 1) {
      const d = x - prev;
      if (d < min1) min1 = d;
      if (d > max1) max1 = d;
      if (i >= 2) {
        const dd = d - prevDelta;
        if (dd < min2) min2 = dd;
        if (dd > max2) max2 = dd;
      }
      prevDelta = d;
    }
    prev = x;
  }
  const options: Transform[] = [{ kind: FOR, width: bitWidth(max0 - min0), base: min0, count: n }];
  if (n >= 2) options.push({ kind: DELTA, width: bitWidth(max1 - min1), base: min1, count: n - 1 });
  if (n >= 3) options.push({ kind: DELTA2, width: bitWidth(max2 - min2), base: min2, count: n - 2 });
  let best = options[0]!;
  for (const o of options) if (packedBytes(o.count, o.width) < packedBytes(best.count, best.width)) best = o;
  if (best.count === 0) best.base = 0;
  return best;
}

const f32 = new Float32Array(1);
const f32Bits = new Uint32Array(f32.buffer);

/** A float32's bits as an unsigned integer that sorts as the floats do (so deltas stay small). */
function orderedKey(value: number): number {
  f32[0] = value;
  const u = f32Bits[0]!;
  return (u & 0x80000000) !== 0 ? ~u >>> 0 : (u | 0x80000000) >>> 0;
}

function fromOrderedKey(key: number): number {
  f32Bits[0] = (key & 0x80000000) !== 0 ? (key & 0x7fffffff) >>> 0 : ~key >>> 0;
  return f32[0]!;
}

/** Keys of the float32-exact values into ints (NaN, which float32 cannot carry bit for bit, is an exception). */
function float32Keys(values: Float64Array, n: number, ints: Float64Array, exceptions: number[]): void {
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (Math.fround(v) === v || (v === 0 && 1 / v < 0)) ints[i] = orderedKey(v);
    else {
      ints[i] = NaN;
      exceptions.push(i);
    }
  }
}

function encodeAlp(values: Float64Array, n: number, e: number, ints: Float64Array, exceptions: number[], kind = KIND_ALP): Uint8Array {
  // An exception's slot repeats the integer before it, so it costs nothing in the deltas.
  let fill = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(ints[i]!)) {
      fill = ints[i]!;
      break;
    }
  }
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(ints[i]!)) ints[i] = fill;
    else fill = ints[i]!;
  }
  const t = chooseTransform(ints, n);
  const packed = scratch2Of(n);
  if (t.kind === FOR) for (let i = 0; i < n; i++) packed[i] = ints[i]! - t.base;
  else if (t.kind === DELTA) for (let i = 1; i < n; i++) packed[i - 1] = ints[i]! - ints[i - 1]! - t.base;
  else for (let i = 2; i < n; i++) packed[i - 2] = ints[i]! - 2 * ints[i - 1]! + ints[i - 2]! - t.base;
  const packedLength = packedBytes(t.count, t.width);
  const bytes = ALP_HEADER + packedLength + exceptions.length * 12;
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  out[0] = kind;
  out[1] = e;
  out[2] = t.kind;
  out[3] = t.width;
  view.setUint32(4, exceptions.length, true);
  view.setFloat64(8, t.base, true);
  view.setFloat64(16, n >= 1 ? ints[0]! : 0, true);
  view.setFloat64(24, n >= 2 ? ints[1]! - ints[0]! : 0, true);
  const words = new Uint32Array(out.buffer, ALP_HEADER, (bytes - ALP_HEADER) / 4);
  const end = packBits(packed, t.count, t.width, words, 0);
  const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  let at = end;
  for (const i of exceptions) words[at++] = i;
  for (const i of exceptions) {
    words[at++] = bits[2 * i]!;
    words[at++] = bits[2 * i + 1]!;
  }
  return out;
}

/** Byte plane k of value i at k·n + i: the sign/exponent bytes line up, and deflate finds their runs. */
function encodeDeflate(values: Float64Array, n: number): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, n * 8);
  const shuffled = new Uint8Array(n * 8);
  for (let i = 0; i < n; i++) for (let k = 0; k < 8; k++) shuffled[k * n + i] = bytes[i * 8 + k]!;
  const deflated = zlib.deflateRawSync(shuffled, { level: 6 });
  const out = new Uint8Array(8 + Math.ceil(deflated.length / 4) * 4);
  out[0] = KIND_DEFLATE;
  new DataView(out.buffer).setUint32(4, deflated.length, true);
  out.set(deflated, 8);
  return out;
}

function encodeRaw(values: Float64Array, n: number): Uint8Array {
  const out = new Uint8Array(8 + n * 8);
  out[0] = KIND_RAW;
  out.set(new Uint8Array(values.buffer, values.byteOffset, n * 8), 8);
  return out;
}

function constantColumn(values: Float64Array, n: number): Uint8Array | null {
  if (n === 0) return null;
  const bits = new Uint32Array(values.buffer, values.byteOffset, n * 2);
  const lo = bits[0]!;
  const hi = bits[1]!;
  for (let i = 1; i < n; i++) if (bits[2 * i] !== lo || bits[2 * i + 1] !== hi) return null;
  const out = new Uint8Array(16);
  out[0] = KIND_CONSTANT;
  const words = new Uint32Array(out.buffer, 8, 2);
  words[0] = lo;
  words[1] = hi;
  return out;
}

/** Encodes values[0..n); the result's length is a multiple of 4. */
export function encodeFloatColumn(values: Float64Array, n = values.length): Uint8Array {
  const constant = constantColumn(values, n);
  if (constant) return constant;
  const e = chooseExponent(values, n);
  const p = POW10[e]!;
  const ints = scratchOf(n);
  const exceptions: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const k = Math.round(v * p);
    const back = (k + 0) / p;
    if (k <= INT_LIMIT && k >= -INT_LIMIT && back === v && (back !== 0 || 1 / back === 1 / v)) ints[i] = k + 0;
    else {
      ints[i] = NaN;
      exceptions.push(i);
    }
  }
  if (exceptions.length * 8 <= n) return encodeAlp(values, n, e, ints, exceptions);
  const alp = encodeAlp(values, n, e, ints, exceptions);
  const f32Exceptions: number[] = [];
  float32Keys(values, n, ints, f32Exceptions);
  if (f32Exceptions.length * 8 <= n) {
    const asFloat32 = encodeAlp(values, n, 0, ints, f32Exceptions, KIND_F32);
    return asFloat32.length < alp.length ? asFloat32 : alp;
  }
  const deflated = encodeDeflate(values, n);
  const smaller = deflated.length < alp.length ? deflated : alp;
  return 8 + n * 8 < smaller.length ? encodeRaw(values, n) : smaller;
}

/** Words of `bytes` as a Uint32Array, copied when SQLite's buffer is not 4-byte aligned. */
function wordsOf(bytes: Uint8Array, from: number, length: number): Uint32Array {
  const offset = bytes.byteOffset + from;
  if (offset % 4 === 0) return new Uint32Array(bytes.buffer, offset, length / 4);
  const copy = new Uint32Array(length / 4);
  new Uint8Array(copy.buffer).set(bytes.subarray(from, from + length));
  return copy;
}

function decodeAlp(bytes: Uint8Array, n: number, out: Float64Array, asFloat32 = false): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const e = bytes[1]!;
  const kind = bytes[2]!;
  const width = bytes[3]!;
  if (e > MAX_EXPONENT || kind > DELTA2 || width > 53) throw new ColumnCodecError(`a column header is damaged (exponent ${e}, transform ${kind}, width ${width})`);
  const exceptionCount = view.getUint32(4, true);
  const base = view.getFloat64(8, true);
  const first = view.getFloat64(16, true);
  const firstDelta = view.getFloat64(24, true);
  const count = kind === FOR ? n : Math.max(0, n - kind);
  const packedLength = packedBytes(count, width);
  if (ALP_HEADER + packedLength + exceptionCount * 12 !== bytes.byteLength) {
    throw new ColumnCodecError(`a column of ${n} values has ${bytes.byteLength} bytes; its header implies ${ALP_HEADER + packedLength + exceptionCount * 12}`);
  }
  const words = wordsOf(bytes, ALP_HEADER, bytes.byteLength - ALP_HEADER);
  const p = asFloat32 ? 1 : POW10[e]!;
  if (kind === FOR) {
    unpackBits(words, 0, n, width, out);
    for (let i = 0; i < n; i++) out[i] = (out[i]! + base) / p;
  } else {
    const packed = scratchOf(count);
    unpackBits(words, 0, count, width, packed);
    let x = first;
    if (n >= 1) out[0] = x / p;
    if (kind === DELTA) {
      for (let i = 1; i < n; i++) {
        x += packed[i - 1]! + base;
        out[i] = x / p;
      }
    } else {
      let d = firstDelta;
      if (n >= 2) {
        x += d;
        out[1] = x / p;
      }
      for (let i = 2; i < n; i++) {
        d += packed[i - 2]! + base;
        x += d;
        out[i] = x / p;
      }
    }
  }
  if (asFloat32) for (let i = 0; i < n; i++) out[i] = fromOrderedKey(out[i]!);
  if (exceptionCount === 0) return;
  const bits = new Uint32Array(out.buffer, out.byteOffset, n * 2);
  let at = packedLength / 4;
  const positions = at;
  at += exceptionCount;
  for (let k = 0; k < exceptionCount; k++) {
    const i = words[positions + k]!;
    if (i >= n) throw new ColumnCodecError(`an exception sits at ${i}, past the column's ${n} values`);
    bits[2 * i] = words[at++]!;
    bits[2 * i + 1] = words[at++]!;
  }
}

/** Decodes a column of n values into out[0..n). */
export function decodeFloatColumn(bytes: Uint8Array, n: number, out: Float64Array): void {
  if (out.length < n) throw new RangeError(`decodeFloatColumn: out holds ${out.length} values, ${n} needed`);
  if (bytes.byteLength < 4) throw new ColumnCodecError(`a column of ${n} values has only ${bytes.byteLength} bytes`);
  const kind = bytes[0];
  if (kind === KIND_ALP) return decodeAlp(bytes, n, out);
  if (kind === KIND_F32) return decodeAlp(bytes, n, out, true);
  const target = new Uint8Array(out.buffer, out.byteOffset, n * 8);
  if (kind === KIND_CONSTANT) {
    if (bytes.byteLength !== 16) throw new ColumnCodecError(`a constant column has ${bytes.byteLength} bytes, not 16`);
    const words = new Uint32Array(out.buffer, out.byteOffset, n * 2);
    const value = wordsOf(bytes, 8, 8);
    for (let i = 0; i < n; i++) {
      words[2 * i] = value[0]!;
      words[2 * i + 1] = value[1]!;
    }
    return;
  }
  if (kind === KIND_RAW) {
    if (bytes.byteLength !== 8 + n * 8) throw new ColumnCodecError(`a raw column of ${n} values has ${bytes.byteLength} bytes`);
    target.set(bytes.subarray(8));
    return;
  }
  if (kind === KIND_DEFLATE) {
    const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
    const shuffled = zlib.inflateRawSync(bytes.subarray(8, 8 + length));
    if (shuffled.length !== n * 8) throw new ColumnCodecError(`a deflated column of ${n} values inflates to ${shuffled.length} bytes`);
    for (let k = 0; k < 8; k++) for (let i = 0; i < n; i++) target[i * 8 + k] = shuffled[k * n + i]!;
    return;
  }
  throw new ColumnCodecError(`a column has unknown encoding ${kind}`);
}
