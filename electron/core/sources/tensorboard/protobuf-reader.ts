// A minimal protobuf wire-format reader: enough to walk Event, Summary and TensorProto
// messages without generated code. Unknown fields and groups are skipped, never trusted.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

export class ProtoDecodeError extends Error {
  constructor(message: string, readonly at: number) {
    super(`${message} at byte ${at} of the message`);
    this.name = 'ProtoDecodeError';
  }
}

const MAX_GROUP_DEPTH = 64;

export class ProtoReader {
  pos: number;
  private readonly view: DataView;

  constructor(readonly bytes: Uint8Array, start = 0, readonly end = bytes.length) {
    this.pos = start;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a field key; returns field number * 8 + wire type (the raw key), as protobuf encodes it. */
  readKey(): number {
    const key = this.readVarint();
    if (key >>> 3 === 0) throw new ProtoDecodeError('field number 0', this.pos);
    return key;
  }

  /** Unsigned varint up to 2^53; larger values lose precision but never throw. */
  readVarint(): number {
    const b = this.bytes;
    let p = this.pos;
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (p >= this.end) throw new ProtoDecodeError('truncated varint', p);
      const byte = b[p++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        this.pos = p;
        return result;
      }
      scale *= 128;
    }
    throw new ProtoDecodeError('varint longer than 10 bytes', p);
  }

  /** int64/int32 as two's complement: a 10-byte varint with the top bit set is negative. */
  readInt64(): number {
    const start = this.pos;
    const unsigned = this.readVarint();
    if (this.pos - start < 10) return unsigned;
    // Only negative numbers take all ten bytes; redo those exactly.
    let big = 0n;
    for (let i = 9; i >= 0; i--) big = (big << 7n) | BigInt(this.bytes[start + i]! & 0x7f);
    return Number(BigInt.asIntN(64, big));
  }

  readFixed32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  readFloat(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  readDouble(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** Returns [start, end) of a length-delimited field's payload and moves past it. */
  readBytesRange(): [number, number] {
    const length = this.readVarint();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    return [start, this.pos];
  }

  readString(): string {
    const [start, end] = this.readBytesRange();
    return decodeUtf8(this.bytes, start, end);
  }

  skip(key: number): void {
    const wire = key & 7;
    switch (wire) {
      case WIRE_VARINT:
        this.readVarint();
        return;
      case WIRE_FIXED64:
        this.need(8);
        this.pos += 8;
        return;
      case WIRE_BYTES:
        this.readBytesRange();
        return;
      case WIRE_FIXED32:
        this.need(4);
        this.pos += 4;
        return;
      case WIRE_START_GROUP:
        this.skipGroup(key >>> 3, 1);
        return;
      default:
        throw new ProtoDecodeError(`unexpected wire type ${wire}`, this.pos);
    }
  }

  private skipGroup(field: number, depth: number): void {
    if (depth > MAX_GROUP_DEPTH) throw new ProtoDecodeError('groups nested too deeply', this.pos);
    for (;;) {
      if (this.done) throw new ProtoDecodeError(`unterminated group ${field}`, this.pos);
      const key = this.readKey();
      const wire = key & 7;
      if (wire === WIRE_END_GROUP) {
        if (key >>> 3 !== field) throw new ProtoDecodeError(`group ${field} closed by ${key >>> 3}`, this.pos);
        return;
      }
      if (wire === WIRE_START_GROUP) this.skipGroup(key >>> 3, depth + 1);
      else this.skip(key);
    }
  }

  private need(n: number): void {
    if (n > this.end - this.pos) throw new ProtoDecodeError(`field needs ${n} bytes, ${this.end - this.pos} left`, this.pos);
  }
}

const utf8 = new TextDecoder('utf-8');

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  // Tags are short ASCII in practice; building them by hand beats TextDecoder's call overhead.
  if (end - start <= 32) {
    let s = '';
    for (let i = start; i < end; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) return utf8.decode(bytes.subarray(start, end));
      s += String.fromCharCode(c);
    }
    return s;
  }
  return utf8.decode(bytes.subarray(start, end));
}
