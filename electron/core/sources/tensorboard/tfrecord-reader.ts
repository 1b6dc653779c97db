// Incremental TFRecord framing reader. Each record is
//   uint64 length (LE) | uint32 masked CRC-32C of those 8 bytes | data | uint32 masked CRC-32C of data.
// Bytes arrive in chunks from a saved offset; a trailing partial record is a record still being
// written, so it stays buffered and the cursor never moves past the last whole record.

import { maskedCrc32c } from '../codec/crc32';

export interface TfRecordCursor {
  /** File offset of the first byte not yet consumed (the end of the last whole record or skipped damage). */
  offset: number;
  /** True while scanning damaged bytes for the next good record; a resumed scan does not report the damage again. */
  resyncing: boolean;
}

export interface TfRecordProblem {
  /** File offset where the damaged record starts. */
  offset: number;
  reason: string;
}

export interface TfRecordVisitor {
  /** data[start, end) is the record's payload; it is only valid during the call. */
  record(data: Uint8Array, start: number, end: number, offset: number): void;
  problem(problem: TfRecordProblem): void;
}

export interface TfRecordReaderOptions {
  /** A length above this is treated as damage, not as a reason to buffer gigabytes. */
  maxRecordBytes?: number;
}

export const DEFAULT_MAX_RECORD_BYTES = 256 * 1024 * 1024;
const HEADER_BYTES = 12;
const FOOTER_BYTES = 4;

export const initialTfRecordCursor = (): TfRecordCursor => ({ offset: 0, resyncing: false });

export class TfRecordReader {
  private offset: number;
  private resyncing: boolean;
  private readonly maxRecordBytes: number;
  private parts: Uint8Array[] = [];
  private partsLength = 0;
  /** Bytes needed before parsing can make progress (a header, or a whole announced record). */
  private needed = HEADER_BYTES;

  constructor(cursor: TfRecordCursor = initialTfRecordCursor(), options: TfRecordReaderOptions = {}) {
    if (!Number.isSafeInteger(cursor.offset) || cursor.offset < 0) {
      throw new Error(`TFRecord cursor offset must be a whole number of bytes ≥ 0, got ${cursor.offset}`);
    }
    this.offset = cursor.offset;
    this.resyncing = cursor.resyncing;
    this.maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  }

  get cursor(): TfRecordCursor {
    return { offset: this.offset, resyncing: this.resyncing };
  }

  /** Bytes received past the cursor that do not yet form a whole record. */
  get bufferedBytes(): number {
    return this.partsLength;
  }

  /** Feeds the next bytes of the file (contiguous with everything pushed before). The chunk is kept, not copied, until consumed. */
  push(chunk: Uint8Array, visitor: TfRecordVisitor): void {
    let input = chunk;
    // Finish a record left over from earlier chunks with only the bytes it still needs, so a chunk
    // boundary costs a copy of one record, not of the whole chunk.
    while (this.partsLength > 0 && input.length > 0) {
      const take = Math.min(input.length, Math.max(this.needed - this.partsLength, 1));
      this.parts.push(input.subarray(0, take));
      this.partsLength += take;
      input = input.subarray(take);
      if (this.partsLength < this.needed) return;
      const buf = concat(this.parts, this.partsLength);
      this.keep(buf.subarray(this.scan(buf, visitor)));
    }
    if (input.length === 0) return;
    if (input.length < this.needed) {
      this.parts = [input];
      this.partsLength = input.length;
      return;
    }
    this.keep(input.subarray(this.scan(input, visitor)));
  }

  /** Keeps a copy of the unconsumed tail (a Buffer's slice would be a view pinning the whole chunk). */
  private keep(rest: Uint8Array): void {
    this.parts = rest.length > 0 ? [new Uint8Array(rest)] : [];
    this.partsLength = rest.length;
  }

  private scan(buf: Uint8Array, visitor: TfRecordVisitor): number {
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const n = buf.length;
    const base = this.offset;
    let pos = 0;
    this.needed = HEADER_BYTES;
    while (n - pos >= HEADER_BYTES) {
      const lengthLo = view.getUint32(pos, true);
      const lengthHi = view.getUint32(pos + 4, true);
      const lengthOk = maskedCrc32c(buf, pos, pos + 8) === view.getUint32(pos + 8, true);
      const length = lengthHi * 2 ** 32 + lengthLo;
      if (lengthOk && length <= this.maxRecordBytes) {
        const total = HEADER_BYTES + length + FOOTER_BYTES;
        if (n - pos < total) {
          this.needed = total;
          break;
        }
        const dataStart = pos + HEADER_BYTES;
        const dataEnd = dataStart + length;
        if (maskedCrc32c(buf, dataStart, dataEnd) === view.getUint32(dataEnd, true)) {
          visitor.record(buf, dataStart, dataEnd, base + pos);
          this.resyncing = false;
          pos += total;
          continue;
        }
        if (!this.resyncing) {
          visitor.problem({ offset: base + pos, reason: `data checksum mismatch in a ${length}-byte record` });
        }
      } else if (!this.resyncing) {
        visitor.problem({
          offset: base + pos,
          reason: lengthOk
            ? `record claims ${length} bytes, more than the ${this.maxRecordBytes} allowed`
            : 'length checksum mismatch',
        });
      }
      // Damage: look for the next byte where both checksums hold.
      this.resyncing = true;
      pos += 1;
    }
    this.offset = base + pos;
    return pos;
  }
}

export interface TfRecordsRead {
  records: { offset: number; data: Uint8Array }[];
  problems: TfRecordProblem[];
  cursor: TfRecordCursor;
}

/** Reads all whole records in `bytes`, which start at `cursor.offset` in the file. */
export function readTfRecords(bytes: Uint8Array, cursor: TfRecordCursor = initialTfRecordCursor(), options?: TfRecordReaderOptions): TfRecordsRead {
  const reader = new TfRecordReader(cursor, options);
  const out: TfRecordsRead = { records: [], problems: [], cursor };
  reader.push(bytes, {
    record: (data, start, end, offset) => out.records.push({ offset, data: new Uint8Array(data.subarray(start, end)) }),
    problem: (p) => out.problems.push(p),
  });
  out.cursor = reader.cursor;
  return out;
}

/**
 * Reads records from chunks that start at `cursor.offset` (a file stream from that offset); yields after
 * every chunk with the cursor to resume from, so a caller can stop at any point and lose nothing.
 */
export async function* readTfRecordChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  cursor: TfRecordCursor = initialTfRecordCursor(),
  options?: TfRecordReaderOptions,
): AsyncGenerator<TfRecordsRead> {
  const reader = new TfRecordReader(cursor, options);
  for await (const chunk of chunks) {
    const out: TfRecordsRead = { records: [], problems: [], cursor };
    reader.push(chunk, {
      record: (data, start, end, offset) => out.records.push({ offset, data: new Uint8Array(data.subarray(start, end)) }),
      problem: (p) => out.problems.push(p),
    });
    out.cursor = reader.cursor;
    yield out;
  }
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
