// A minimal protobuf wire-format reader: enough to walk TensorBoard Events and W&B Records
// messages without generated code. Unknown fields and groups are skipped, never trusted.
// One reader walks nested messages by narrowing `end` (enter/leave), so decoding a record
// allocates nothing but the strings and numbers it returns: this runs once per logged value.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

export class ProtoDecodeError extends Error {
  constructor(message: string, readonly at: number) {
    super(`${message} at byte ${at} of the record`);
    this.name = 'ProtoDecodeError';
  }
}

const MAX_GROUP_DEPTH = 64;
const scratch = new DataView(new ArrayBuffer(8));

export class ProtoReader {
  bytes: Uint8Array;
  pos: number;
  end: number;
  /** Where the record starts, so error positions are relative to it. */
  private origin: number;

  constructor(bytes: Uint8Array, start = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.origin = start;
  }

  /** Points the reader at another message, reusing it. */
  reset(bytes: Uint8Array, start: number, end: number): void {
    this.bytes = bytes;
    this.pos = start;
    this.end = end;
    this.origin = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Reads a length prefix and narrows the reader to that sub-message; returns the end to restore with leave(). */
  enter(): number {
    const length = this.readVarint();
    this.need(length);
    const outer = this.end;
    this.end = this.pos + length;
    return outer;
  }

  /** Skips whatever is left of the sub-message and restores the outer end. */
  leave(outerEnd: number): void {
    this.pos = this.end;
    this.end = outerEnd;
  }

  /** Reads a field key; returns field number * 8 + wire type, as protobuf encodes it. */
  readKey(): number {
    const key = this.readVarint();
    if (key < 8) throw this.error('field number 0');
    return key;
  }

  /** Unsigned varint up to 2^53; larger values lose precision but never throw. */
  readVarint(): number {
    const b = this.bytes;
    let p = this.pos;
    if (p < this.end && b[p]! < 0x80) {
      this.pos = p + 1;
      return b[p]!;
    }
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (p >= this.end) throw this.error('truncated varint', p);
      const byte = b[p++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        this.pos = p;
        return result;
      }
      scale *= 128;
    }
    throw this.error('varint longer than 10 bytes', p);
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

  readFloat(): number {
    this.copyToScratch(4);
    return scratch.getFloat32(0, true);
  }

  readDouble(): number {
    this.copyToScratch(8);
    return scratch.getFloat64(0, true);
  }

  /** Moves past a length-delimited field's payload and returns where it starts; it ends at `pos`. */
  readBytesStart(): number {
    const length = this.readVarint();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    return start;
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
    const length = this.readVarint();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    return decodeUtf8(this.bytes, start, this.pos);
  }

  /** A string seen once (a value's text): decoded directly, without the cache of recurring strings. */
  readUniqueString(): string {
    const length = this.readVarint();
    this.need(length);
    const start = this.pos;
    this.pos += length;
    const b = this.bytes;
    if (length <= 64) {
      let ascii = '';
      for (let i = start; i < this.pos; i++) {
        const c = b[i]!;
        if (c >= 0x80) return utf8.decode(b.subarray(start, this.pos));
        ascii += String.fromCharCode(c);
      }
      return ascii;
    }
    return utf8.decode(b.subarray(start, this.pos));
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
      case WIRE_BYTES: {
        const length = this.readVarint();
        this.need(length);
        this.pos += length;
        return;
      }
      case WIRE_FIXED32:
        this.need(4);
        this.pos += 4;
        return;
      case WIRE_START_GROUP:
        this.skipGroup(key >>> 3, 1);
        return;
      default:
        throw this.error(`unexpected wire type ${wire}`);
    }
  }

  private skipGroup(field: number, depth: number): void {
    if (depth > MAX_GROUP_DEPTH) throw this.error('groups nested too deeply');
    for (;;) {
      if (this.done) throw this.error(`unterminated group ${field}`);
      const key = this.readKey();
      const wire = key & 7;
      if (wire === WIRE_END_GROUP) {
        if (key >>> 3 !== field) throw this.error(`group ${field} closed by ${key >>> 3}`);
        return;
      }
      if (wire === WIRE_START_GROUP) this.skipGroup(key >>> 3, depth + 1);
      else this.skip(key);
    }
  }

  private copyToScratch(n: number): void {
    this.need(n);
    const b = this.bytes;
    for (let i = 0; i < n; i++) scratch.setUint8(i, b[this.pos + i]!);
    this.pos += n;
  }

  private need(n: number): void {
    if (n > this.end - this.pos) throw this.error(`field needs ${n} bytes, ${this.end - this.pos} left`);
  }

  private error(message: string, at = this.pos): ProtoDecodeError {
    return new ProtoDecodeError(message, at - this.origin);
  }
}

const utf8 = new TextDecoder('utf-8');

/** Strings seen recently, by content: tags repeat in every record, so most lookups hit. */
const recentStrings = new Map<number, { bytes: Uint8Array; text: string }>();
const MAX_RECENT = 4096;

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const length = end - start;
  if (length > 64) return utf8.decode(bytes.subarray(start, end));
  let hash = 0x811c9dc5 ^ length;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  const hit = recentStrings.get(hash);
  if (hit && hit.bytes.length === length) {
    let same = true;
    for (let i = 0; i < length; i++) {
      if (hit.bytes[i] !== bytes[start + i]) {
        same = false;
        break;
      }
    }
    if (same) return hit.text;
  }
  const text = utf8.decode(bytes.subarray(start, end));
  if (recentStrings.size >= MAX_RECENT) recentStrings.clear();
  recentStrings.set(hash, { bytes: bytes.slice(start, end), text });
  return text;
}
