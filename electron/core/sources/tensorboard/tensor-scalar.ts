// Reads a single number out of a TensorProto (tensorboard/compat/proto/tensor.proto):
//   DataType dtype = 1; TensorShapeProto tensor_shape = 2 { repeated Dim dim = 2 { int64 size = 1; } bool unknown_rank = 3; }
//   bytes tensor_content = 4 (raw little-endian); repeated int32 half_val = 13; repeated float float_val = 5;
//   repeated double double_val = 6; repeated int32 int_val = 7; repeated int64 int64_val = 10;
//   repeated uint32 uint32_val = 16; repeated uint64 uint64_val = 17.
// Repeated numbers are declared packed, but parsers must accept both forms and real writers use both.

import { ProtoReader, WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT } from '../codec/protobuf-reader';

// types.proto DataType numbers.
export const DT_FLOAT = 1;
export const DT_DOUBLE = 2;
export const DT_INT32 = 3;
export const DT_UINT8 = 4;
export const DT_INT16 = 5;
export const DT_INT8 = 6;
export const DT_STRING = 7;
export const DT_INT64 = 9;
export const DT_BFLOAT16 = 14;
export const DT_UINT16 = 17;
export const DT_HALF = 19;
export const DT_UINT32 = 22;
export const DT_UINT64 = 23;

/** Which repeated field holds the values for each numeric dtype, and the byte width in tensor_content. */
const NUMERIC: Record<number, { field: number; width: number }> = {
  [DT_FLOAT]: { field: 5, width: 4 },
  [DT_DOUBLE]: { field: 6, width: 8 },
  [DT_INT32]: { field: 7, width: 4 },
  [DT_UINT8]: { field: 7, width: 1 },
  [DT_INT16]: { field: 7, width: 2 },
  [DT_INT8]: { field: 7, width: 1 },
  [DT_UINT16]: { field: 7, width: 2 },
  [DT_INT64]: { field: 10, width: 8 },
  [DT_HALF]: { field: 13, width: 2 },
  [DT_BFLOAT16]: { field: 13, width: 2 },
  [DT_UINT32]: { field: 16, width: 4 },
  [DT_UINT64]: { field: 17, width: 8 },
};

export type TensorScalar = { ok: true; value: number } | { ok: false; reason: string };

interface TensorParts {
  dtype: number;
  elements: number;
  unknownRank: boolean;
  contentStart: number;
  contentEnd: number;
  /** The first value of the repeated field that matches the dtype (see NUMERIC). */
  value: number;
}

const reader = new ProtoReader(new Uint8Array(0));
const t: TensorParts = { dtype: 0, elements: 1, unknownRank: false, contentStart: 0, contentEnd: 0, value: 0 };

export function readTensorScalar(bytes: Uint8Array, start: number, end: number): TensorScalar {
  decodeTensor(bytes, start, end);
  const numeric = NUMERIC[t.dtype];
  if (!numeric) return { ok: false, reason: `dtype ${t.dtype} is not a number type` };
  if (t.unknownRank) return { ok: false, reason: 'the tensor has an unknown rank' };
  if (t.elements !== 1) return { ok: false, reason: `the tensor holds ${t.elements} elements, not one` };
  const contentLength = t.contentEnd - t.contentStart;
  if (contentLength > 0) {
    if (contentLength !== numeric.width) {
      return { ok: false, reason: `tensor_content has ${contentLength} bytes, expected ${numeric.width} for dtype ${t.dtype}` };
    }
    return { ok: true, value: fromContent(bytes, t.contentStart, t.dtype) };
  }
  // Repeated fields are read in full before the dtype is known (it may come last), so the value is
  // re-read from the field the dtype names.
  if (!readFirstValue(bytes, start, end, numeric.field)) return { ok: false, reason: 'the tensor holds no value' };
  if (t.dtype === DT_HALF) return { ok: true, value: halfToNumber(t.value & 0xffff) };
  if (t.dtype === DT_BFLOAT16) return { ok: true, value: bfloat16ToNumber(t.value & 0xffff) };
  if (t.dtype === DT_UINT32) return { ok: true, value: t.value >>> 0 };
  return { ok: true, value: t.value };
}

function decodeTensor(bytes: Uint8Array, start: number, end: number): void {
  const r = reader;
  r.reset(bytes, start, end);
  t.dtype = 0;
  t.elements = 1;
  t.unknownRank = false;
  t.contentStart = t.contentEnd = 0;
  while (!r.done) {
    const k = r.readKey();
    if (k === ((1 << 3) | WIRE_VARINT)) t.dtype = r.readVarint();
    else if (k === ((2 << 3) | WIRE_BYTES)) {
      const outer = r.enter();
      readShape(r);
      r.leave(outer);
    } else if (k === ((4 << 3) | WIRE_BYTES)) {
      t.contentStart = r.readBytesStart();
      t.contentEnd = r.pos;
    } else r.skip(k);
  }
}

function readShape(r: ProtoReader): void {
  while (!r.done) {
    const k = r.readKey();
    if (k === ((2 << 3) | WIRE_BYTES)) {
      const outer = r.enter();
      let size = 0;
      while (!r.done) {
        const dk = r.readKey();
        if (dk === ((1 << 3) | WIRE_VARINT)) size = r.readInt64();
        else r.skip(dk);
      }
      r.leave(outer);
      t.elements *= size < 0 ? NaN : size;
    } else if (k === ((3 << 3) | WIRE_VARINT)) t.unknownRank = r.readVarint() !== 0;
    else r.skip(k);
  }
}

/** Finds the first value of repeated field `field`, packed or not. float_val/double_val are fixed-width, the rest varints. */
function readFirstValue(bytes: Uint8Array, start: number, end: number, field: number): boolean {
  const r = reader;
  r.reset(bytes, start, end);
  const expectedWire = field === 5 ? WIRE_FIXED32 : field === 6 ? WIRE_FIXED64 : WIRE_VARINT;
  while (!r.done) {
    const k = r.readKey();
    if (k >>> 3 !== field) {
      r.skip(k);
      continue;
    }
    const wire = k & 7;
    if (wire === WIRE_BYTES) {
      const outer = r.enter();
      const found = !r.done;
      if (found) t.value = readOne(r, field);
      r.leave(outer);
      if (found) return true;
    } else if (wire === expectedWire) {
      t.value = readOne(r, field);
      return true;
    } else r.skip(k);
  }
  return false;
}

function readOne(r: ProtoReader, field: number): number {
  if (field === 5) return r.readFloat();
  if (field === 6) return r.readDouble();
  if (field === 16 || field === 17) return r.readVarint();
  return r.readInt64();
}

const content = new DataView(new ArrayBuffer(8));

function fromContent(bytes: Uint8Array, at: number, dtype: number): number {
  const width = NUMERIC[dtype]!.width;
  for (let i = 0; i < width; i++) content.setUint8(i, bytes[at + i]!);
  const v = content;
  switch (dtype) {
    case DT_FLOAT:
      return v.getFloat32(0, true);
    case DT_DOUBLE:
      return v.getFloat64(0, true);
    case DT_INT32:
      return v.getInt32(0, true);
    case DT_UINT8:
      return v.getUint8(0);
    case DT_INT16:
      return v.getInt16(0, true);
    case DT_INT8:
      return v.getInt8(0);
    case DT_UINT16:
      return v.getUint16(0, true);
    case DT_INT64:
      return Number(v.getBigInt64(0, true));
    case DT_UINT32:
      return v.getUint32(0, true);
    case DT_UINT64:
      return Number(v.getBigUint64(0, true));
    case DT_HALF:
      return halfToNumber(v.getUint16(0, true));
    default:
      return bfloat16ToNumber(v.getUint16(0, true));
  }
}

export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >>> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 0x1f) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function bfloat16ToNumber(bits: number): number {
  u32[0] = (bits << 16) >>> 0;
  return f32[0]!;
}
