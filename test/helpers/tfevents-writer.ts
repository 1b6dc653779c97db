// Writes TensorBoard event files the way TensorFlow, tensorboardX and PyTorch do, with its own
// protobuf encoder and its own bitwise CRC-32C, so the readers are checked against an
// independent implementation of the formats rather than against themselves.

import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// ---- protobuf wire encoding ----

export function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) byte |= 0x80;
    out.push(byte);
  } while (v > 0n);
  return out;
}

const key = (field: number, wire: number): number[] => varint((field << 3) | wire);
export const fieldVarint = (field: number, value: number | bigint): number[] => [...key(field, 0), ...varint(value)];
export const fieldBytes = (field: number, bytes: ArrayLike<number>): number[] => [...key(field, 2), ...varint(bytes.length), ...Array.from(bytes)];
export const fieldString = (field: number, text: string): number[] => fieldBytes(field, Buffer.from(text, 'utf8'));
export const fieldFloat = (field: number, value: number): number[] => [...key(field, 5), ...float32(value)];
export const fieldDouble = (field: number, value: number): number[] => [...key(field, 1), ...float64(value)];

export function float32(value: number): number[] {
  const b = Buffer.alloc(4);
  b.writeFloatLE(value);
  return [...b];
}

export function float64(value: number): number[] {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(value);
  return [...b];
}

// ---- TFRecord framing ----

function crc32cBitwise(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export function maskedCrc(bytes: Uint8Array): number {
  const crc = crc32cBitwise(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** One TFRecord: length, masked CRC of the length, data, masked CRC of the data. */
export function frameRecord(data: ArrayLike<number>): Buffer {
  const payload = Buffer.from(Array.from(data));
  const header = Buffer.alloc(8);
  header.writeBigUInt64LE(BigInt(payload.length));
  const out = Buffer.alloc(16 + payload.length);
  header.copy(out, 0);
  out.writeUInt32LE(maskedCrc(header), 8);
  payload.copy(out, 12);
  out.writeUInt32LE(maskedCrc(payload), 12 + payload.length);
  return out;
}

// ---- tensorboard protos ----

export type ScalarEncoding =
  | 'simple_value'
  | 'tensor_content_float'
  | 'tensor_content_double'
  | 'tensor_content_half'
  | 'tensor_content_bfloat16'
  | 'float_val_packed'
  | 'float_val_unpacked'
  | 'double_val_packed'
  | 'double_val_unpacked'
  | 'half_val';

const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_STRING = 7;
const DT_BFLOAT16 = 14;
const DT_HALF = 19;

export function pluginMetadata(pluginName: string, options: { content?: ArrayLike<number>; dataClass?: number } = {}): number[] {
  const pluginData = [...fieldString(1, pluginName), ...(options.content ? fieldBytes(2, options.content) : [])];
  return [...fieldBytes(1, pluginData), ...(options.dataClass !== undefined ? fieldVarint(4, options.dataClass) : [])];
}

/** TensorShapeProto with the given dims; [] is rank 0 (an empty message, as protobuf writes it). */
export function tensorShape(dims: number[]): number[] {
  return dims.flatMap((size) => fieldBytes(2, fieldVarint(1, size)));
}

export function tensorProto(dtype: number, dims: number[], body: number[]): number[] {
  return [...fieldVarint(1, dtype), ...fieldBytes(2, tensorShape(dims)), ...body];
}

function halfBits(value: number): number {
  // Exact for the values tests use (small integers and halves); NaN and infinities included.
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a === Infinity) return sign | 0x7c00;
  if (a === 0) return sign;
  const exp = Math.floor(Math.log2(a));
  const frac = Math.round((a / 2 ** exp - 1) * 1024);
  return sign | ((exp + 15) << 10) | frac;
}

function bfloat16Bits(value: number): number {
  return Buffer.from(float32(value)).readUInt16LE(2);
}

/** The tensor a scalar summary value carries in each of the encodings writers use. */
export function scalarTensor(value: number, encoding: Exclude<ScalarEncoding, 'simple_value'>): number[] {
  switch (encoding) {
    case 'tensor_content_float':
      return tensorProto(DT_FLOAT, [], fieldBytes(4, float32(value)));
    case 'tensor_content_double':
      return tensorProto(DT_DOUBLE, [], fieldBytes(4, float64(value)));
    case 'tensor_content_half': {
      const b = Buffer.alloc(2);
      b.writeUInt16LE(halfBits(value));
      return tensorProto(DT_HALF, [], fieldBytes(4, b));
    }
    case 'tensor_content_bfloat16': {
      const b = Buffer.alloc(2);
      b.writeUInt16LE(bfloat16Bits(value));
      return tensorProto(DT_BFLOAT16, [], fieldBytes(4, b));
    }
    case 'float_val_packed':
      return tensorProto(DT_FLOAT, [], fieldBytes(5, float32(value)));
    case 'float_val_unpacked':
      return tensorProto(DT_FLOAT, [], fieldFloat(5, value));
    case 'double_val_packed':
      return tensorProto(DT_DOUBLE, [], fieldBytes(6, float64(value)));
    case 'double_val_unpacked':
      return tensorProto(DT_DOUBLE, [], fieldDouble(6, value));
    case 'half_val':
      return tensorProto(DT_HALF, [], fieldBytes(13, varint(halfBits(value))));
  }
}

/** A Summary.Value holding a scalar the way each writer does it. */
export function scalarValue(tag: string, value: number, encoding: ScalarEncoding = 'simple_value', withMetadata = true): number[] {
  if (encoding === 'simple_value') return [...fieldString(1, tag), ...fieldFloat(2, value)];
  // tf.summary.scalar / PyTorch new_style mark the plugin; TF2 also sets data_class = DATA_CLASS_SCALAR.
  const metadata = withMetadata ? fieldBytes(9, pluginMetadata('scalars', { dataClass: 1 })) : [];
  return [...fieldString(1, tag), ...metadata, ...fieldBytes(8, scalarTensor(value, encoding))];
}

/** An old-style HistogramProto value (PyTorch add_histogram, TF1). */
export function histogramValue(tag: string): number[] {
  const histo = [
    ...fieldDouble(1, -1), ...fieldDouble(2, 1), ...fieldDouble(3, 10), ...fieldDouble(4, 0.5), ...fieldDouble(5, 2.5),
    ...fieldBytes(6, [...float64(0), ...float64(1)]), ...fieldBytes(7, [...float64(4), ...float64(6)]),
  ];
  return [...fieldString(1, tag), ...fieldBytes(5, histo)];
}

/** A TF2 histogram: a rank-2 float tensor with the histograms plugin. */
export function histogramTensorValue(tag: string): number[] {
  const content = [0, 1, 4, 1, 2, 6].flatMap(float32);
  return [...fieldString(1, tag), ...fieldBytes(9, pluginMetadata('histograms')), ...fieldBytes(8, tensorProto(DT_FLOAT, [2, 3], fieldBytes(4, content)))];
}

/** An old-style Summary.Image value. */
export function imageValue(tag: string): number[] {
  const image = [...fieldVarint(1, 2), ...fieldVarint(2, 2), ...fieldVarint(3, 3), ...fieldBytes(4, [0x89, 0x50, 0x4e, 0x47])];
  return [...fieldString(1, tag), ...fieldBytes(4, image)];
}

/** A text summary: a rank-0 string tensor with the text plugin. */
export function textValue(tag: string, text: string, withMetadata = true): number[] {
  const metadata = withMetadata ? fieldBytes(9, pluginMetadata('text')) : [];
  return [...fieldString(1, tag), ...metadata, ...fieldBytes(8, tensorProto(DT_STRING, [], fieldString(8, text)))];
}

/** google.protobuf.Value for an hparam. */
function protobufValue(value: string | number | boolean): number[] {
  if (typeof value === 'number') return fieldDouble(2, value);
  if (typeof value === 'string') return fieldString(3, value);
  return fieldVarint(4, value ? 1 : 0);
}

/** The value the HParams plugin writes at session start (PyTorch add_hparams, hp.hparams). */
export function hparamsSessionStartValue(hparams: Record<string, string | number | boolean>, startTimeSecs = 0): number[] {
  const entries = Object.entries(hparams).flatMap(([name, v]) => fieldBytes(1, [...fieldString(1, name), ...fieldBytes(2, protobufValue(v))]));
  const sessionStart = [...entries, ...(startTimeSecs ? fieldDouble(5, startTimeSecs) : [])];
  const content = [...fieldVarint(1, 0), ...fieldBytes(3, sessionStart)];
  return [...fieldString(1, '_hparams_/session_start_info'), ...fieldBytes(9, pluginMetadata('hparams', { content }))];
}

export interface EventFields {
  wallTime?: number;
  /** Omitted means the field is absent (proto3 leaves step 0 out too). */
  step?: number;
  fileVersion?: string;
  values?: number[][];
  graphDef?: number[];
  /** SessionLog.status: 1 START, 2 STOP, 3 CHECKPOINT. */
  sessionLogStatus?: number;
  /** TaggedRunMetadata, as tf.summary.trace_export / RunMetadata writes. */
  runMetadata?: { tag: string; bytes: number[] };
  /** Extra raw fields appended to the Event, such as unknown fields. */
  extra?: number[];
}

export function encodeEvent(e: EventFields): number[] {
  return [
    ...(e.wallTime !== undefined ? fieldDouble(1, e.wallTime) : []),
    ...(e.step !== undefined && e.step !== 0 ? fieldVarint(2, e.step) : []),
    ...(e.fileVersion !== undefined ? fieldString(3, e.fileVersion) : []),
    ...(e.graphDef !== undefined ? fieldBytes(4, e.graphDef) : []),
    ...(e.values !== undefined ? fieldBytes(5, e.values.flatMap((v) => fieldBytes(1, v))) : []),
    ...(e.sessionLogStatus !== undefined ? fieldBytes(7, fieldVarint(1, e.sessionLogStatus)) : []),
    ...(e.runMetadata !== undefined ? fieldBytes(8, [...fieldString(1, e.runMetadata.tag), ...fieldBytes(2, e.runMetadata.bytes)]) : []),
    ...(e.extra ?? []),
  ];
}

export const eventRecord = (e: EventFields): Buffer => frameRecord(encodeEvent(e));

/** A growing events file: starts with the file_version record every writer puts first. */
export class TfEventsFileWriter {
  constructor(readonly path: string, wallTime = 1_700_000_000) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, eventRecord({ wallTime, fileVersion: 'brain.Event:2' }));
  }

  append(bytes: Uint8Array): this {
    appendFileSync(this.path, bytes);
    return this;
  }

  event(e: EventFields): this {
    return this.append(eventRecord(e));
  }

  scalar(tag: string, value: number, step: number, encoding: ScalarEncoding = 'simple_value', wallTime = 1_700_000_000 + step): this {
    return this.event({ wallTime, step, values: [scalarValue(tag, value, encoding)] });
  }

  graph(): this {
    return this.event({ wallTime: 1_700_000_000, graphDef: fieldBytes(1, fieldString(1, 'node')) });
  }
}

/** File names as TensorFlow/PyTorch give them: events.out.tfevents.<unix seconds>.<host>.<pid>.<n>. */
export function eventsFileName(unixSeconds: number, host = 'node-17', suffix = '.4242.0'): string {
  return `events.out.tfevents.${unixSeconds}.${host}${suffix}`;
}
