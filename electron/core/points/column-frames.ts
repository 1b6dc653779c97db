// Blobs made of a few u32 header words and then length-prefixed parts (a chunk's columns, a summary
// chunk's fields): u32 header words, then per part a u32 byte length and its bytes. Little-endian; the
// parts' lengths are multiples of 4, so every part starts 4-byte aligned when the blob does.
import { ColumnCodecError } from './float-column-codec';

export function frameParts(header: readonly number[], parts: readonly Uint8Array[]): Buffer {
  const out = Buffer.allocUnsafe(header.length * 4 + parts.reduce((sum, p) => sum + 4 + p.length, 0));
  header.forEach((word, i) => out.writeUInt32LE(word, i * 4));
  let at = header.length * 4;
  for (const part of parts) {
    out.writeUInt32LE(part.length, at);
    out.set(part, at + 4);
    at += 4 + part.length;
  }
  return out;
}

/** Walks the parts after `headerWords` header words: visit(part, index) for each of `count` parts. */
export function eachPart(blob: Uint8Array, headerWords: number, count: number, visit: (part: Uint8Array, index: number) => void): void {
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  let at = headerWords * 4;
  for (let i = 0; i < count; i++) {
    if (at + 4 > blob.byteLength) throw new ColumnCodecError(`a blob of ${blob.byteLength} bytes ends before its part ${i + 1} of ${count}`);
    const length = view.getUint32(at, true);
    if (at + 4 + length > blob.byteLength) throw new ColumnCodecError(`a blob of ${blob.byteLength} bytes ends inside its part ${i + 1} of ${count}`);
    visit(blob.subarray(at + 4, at + 4 + length), i);
    at += 4 + length;
  }
}
