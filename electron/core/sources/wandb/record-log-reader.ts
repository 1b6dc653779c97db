// Incremental reader of W&B's transaction log (wandb/sdk/internal/datastore.py, LevelDB's log format):
//   file   := header block*            header := ":W&B" | uint16 LE 0xBEE1 | uint8 version 0   (7 bytes)
//   block  := record* padding?          32 KiB each, counted from the start of the file (header included);
//                                       fewer than 7 bytes left in a block are zero padding
//   record := uint32 LE crc | uint16 LE length | uint8 type | data[length]
// crc is zlib's CRC-32 of data, continued from the CRC-32 of the type byte. A logical record is one
// FULL record, or FIRST MIDDLE* LAST. Bytes arrive in chunks from a saved offset; a logical record
// not yet whole stays buffered and the cursor never moves past the last whole one, so a run still
// being written is read as far as it goes and resumed there. A damaged record is reported and
// skipped: a bad checksum skips that record, a length that cannot be (past the block) the rest of
// the block, as LevelDB's own reader does.

import { crc32 } from '../codec/crc32';

export const LOG_HEADER = Uint8Array.of(0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00);
export const LOG_HEADER_BYTES = 7;
export const BLOCK_BYTES = 32 * 1024;
export const RECORD_HEADER_BYTES = 7;
export const FULL = 1;
export const FIRST = 2;
export const MIDDLE = 3;
export const LAST = 4;

/** zlib.crc32 of each type byte: a record's checksum continues from it. */
const TYPE_CRC = [0, 1, 2, 3, 4].map((t) => crc32(Uint8Array.of(t)));

export interface RecordLogCursor {
  /** File offset of the first byte not consumed: the end of the last whole logical record or skipped damage. */
  offset: number;
}

export const initialRecordLogCursor = (): RecordLogCursor => ({ offset: 0 });

export interface RecordLogProblem {
  /** File offset of the damaged record. */
  offset: number;
  reason: string;
}

export interface RecordLogVisitor {
  /** One whole logical record; `data` is only valid during the call. */
  record(data: Uint8Array, offset: number): void;
  problem(problem: RecordLogProblem): void;
}

export class RecordLogReader {
  private offset: number;
  /** Bytes from `offset` on that are not consumed yet. */
  private pending: Uint8Array = new Uint8Array(0);
  /** Set when the file does not start with W&B's header: nothing in it is read. */
  private refused = false;

  constructor(cursor: RecordLogCursor = initialRecordLogCursor()) {
    if (!Number.isSafeInteger(cursor.offset) || cursor.offset < 0) throw new Error(`W&B log cursor offset must be a whole number ≥ 0, got ${cursor.offset}`);
    this.offset = cursor.offset;
  }

  get cursor(): RecordLogCursor {
    return { offset: this.offset };
  }

  push(chunk: Uint8Array, visitor: RecordLogVisitor): void {
    if (this.refused || chunk.length === 0) return;
    const buf = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    const consumed = this.parse(buf, visitor);
    this.offset += consumed;
    this.pending = consumed === buf.length ? new Uint8Array(0) : buf.slice(consumed);
  }

  /** Parses whole logical records from buf (which starts at this.offset); returns the bytes consumed. */
  private parse(buf: Uint8Array, visitor: RecordLogVisitor): number {
    const base = this.offset;
    let pos = 0;
    if (base === 0) {
      if (buf.length < LOG_HEADER_BYTES) return 0;
      if (!LOG_HEADER.every((byte, i) => buf[i] === byte)) {
        this.refused = true;
        visitor.problem({ offset: 0, reason: 'does not start with the W&B header (":W&B", 0xBEE1, version 0): not a W&B run file, or a version this reader does not know' });
        return 0;
      }
      pos = LOG_HEADER_BYTES;
    }
    /** Where the logical record being assembled started, and its fragments. */
    let logicalStart = pos;
    let fragments: Uint8Array[] = [];
    let consumed = pos;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const dropFragments = (reason: string) => {
      if (fragments.length > 0) visitor.problem({ offset: base + logicalStart, reason });
      fragments = [];
    };
    for (;;) {
      const left = BLOCK_BYTES - ((base + pos) % BLOCK_BYTES);
      if (left < RECORD_HEADER_BYTES) {
        if (buf.length - pos < left) break;
        pos += left;
        if (fragments.length === 0) consumed = pos;
        continue;
      }
      if (buf.length - pos < RECORD_HEADER_BYTES) break;
      const checksum = view.getUint32(pos, true);
      const length = view.getUint16(pos + 4, true);
      const type = buf[pos + 6]!;
      const recordStart = pos;
      if (type === 0 && length === 0 && checksum === 0) {
        // Zeros where a record would start: a preallocated or torn tail; nothing more in this block yet.
        if (buf.length - pos < left) break;
        dropFragments('a record split across blocks ends in zero bytes; its parts are skipped');
        pos += left;
        consumed = pos;
        logicalStart = pos;
        continue;
      }
      if (RECORD_HEADER_BYTES + length > left || type < FULL || type > LAST) {
        // The header itself is damaged: LevelDB drops the rest of the block (once all of it is here).
        if (buf.length - pos < left) break;
        dropFragments('a record split across blocks is missing its end; its parts are skipped');
        visitor.problem({ offset: base + recordStart, reason: `damaged record header (type ${type}, length ${length} with ${left - RECORD_HEADER_BYTES} bytes left in the block); the rest of the block is skipped` });
        pos += left;
        consumed = pos;
        logicalStart = pos;
        continue;
      }
      const dataStart = pos + RECORD_HEADER_BYTES;
      const dataEnd = dataStart + length;
      if (dataEnd > buf.length) break;
      pos = dataEnd;
      if (crc32(buf, dataStart, dataEnd, TYPE_CRC[type]) !== checksum) {
        dropFragments('a record split across blocks has a damaged part; its parts are skipped');
        visitor.problem({ offset: base + recordStart, reason: `checksum mismatch in a ${length}-byte record; it is skipped` });
        consumed = pos;
        logicalStart = pos;
        continue;
      }
      const data = buf.subarray(dataStart, dataEnd);
      if (type === FULL || type === FIRST) {
        dropFragments('a record split across blocks is missing its end; its parts are skipped');
        logicalStart = recordStart;
        if (type === FULL) {
          visitor.record(data, base + recordStart);
          consumed = pos;
          logicalStart = pos;
        } else fragments = [data];
        continue;
      }
      if (fragments.length === 0) {
        visitor.problem({ offset: base + recordStart, reason: `a ${type === MIDDLE ? 'middle' : 'last'} part of a split record without its first part; it is skipped` });
        consumed = pos;
        logicalStart = pos;
        continue;
      }
      fragments.push(data);
      if (type === LAST) {
        visitor.record(concatAll(fragments), base + logicalStart);
        fragments = [];
        consumed = pos;
        logicalStart = pos;
      }
    }
    return consumed;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function concatAll(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
