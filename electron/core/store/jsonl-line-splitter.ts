// Splits a metrics.jsonl byte stream into complete lines, chunk by chunk, in bounded memory.
// Only lines ended by "\n" come out; the bytes after the last "\n" wait for the next chunk (or
// the next sync: a last line without "\n" is still being written). A line longer than the limit
// is never buffered whole: its bytes are skipped up to its "\n" and it comes out as TooLongLine.

export const MAX_LINE_BYTES = 1024 * 1024;

export interface TooLongLine {
  tooLongBytes: number;
}

export interface SplitLines {
  /** Complete lines in file order (without "\n"), starting at line `firstLineNo`. */
  lines: Array<string | TooLongLine>;
  firstLineNo: number;
  /** Absolute byte offset just after the last complete line: where a later read resumes. */
  endOffset: number;
}

export class JsonlLineSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private skipping = false;
  private skippedBytes = 0;
  private position: number;
  private consumed: number;
  private lineNo: number;

  constructor(
    startOffset: number,
    startLineNo: number,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {
    this.position = startOffset;
    this.consumed = startOffset;
    this.lineNo = startLineNo;
  }

  /** Byte offset just after the last complete line seen so far. */
  get endOffset(): number {
    return this.consumed;
  }

  /** Number of complete lines seen so far, counted from the start of the file. */
  get lineCount(): number {
    return this.lineNo;
  }

  push(chunk: Buffer): SplitLines {
    const chunkStart = this.position;
    this.position += chunk.length;
    const lines: Array<string | TooLongLine> = [];
    const firstLineNo = this.lineNo + 1;
    let from = 0;

    if (this.skipping) {
      const nl = chunk.indexOf(10);
      if (nl === -1) {
        this.skippedBytes += chunk.length;
        return { lines, firstLineNo, endOffset: this.consumed };
      }
      lines.push({ tooLongBytes: this.skippedBytes + nl });
      this.skipping = false;
      this.skippedBytes = 0;
      from = nl + 1;
      this.consumed = chunkStart + from;
    }

    const lastNl = chunk.lastIndexOf(10);
    if (lastNl < from) {
      this.keep(chunk.subarray(from));
      this.lineNo += lines.length;
      return { lines, firstLineNo, endOffset: this.consumed };
    }

    if (this.carryBytes > 0) {
      const firstNl = chunk.indexOf(10, from);
      const length = this.carryBytes + (firstNl - from);
      if (length > this.maxLineBytes) lines.push({ tooLongBytes: length });
      else lines.push(Buffer.concat([...this.carry, chunk.subarray(from, firstNl)]).toString('utf8'));
      this.carry = [];
      this.carryBytes = 0;
      from = firstNl + 1;
    }

    if (from <= lastNl) {
      const text = chunk.toString('utf8', from, lastNl);
      const max = this.maxLineBytes;
      for (const line of text.split('\n')) {
        // A character takes 1 to 3 bytes (4 for a surrogate pair, which is 2 characters).
        if (line.length * 3 > max && Buffer.byteLength(line, 'utf8') > max) {
          lines.push({ tooLongBytes: Buffer.byteLength(line, 'utf8') });
        } else {
          lines.push(line);
        }
      }
    }
    this.consumed = chunkStart + lastNl + 1;
    this.keep(chunk.subarray(lastNl + 1));
    this.lineNo += lines.length;
    return { lines, firstLineNo, endOffset: this.consumed };
  }

  /** Holds the start of an unfinished line, or starts skipping it once it is over the limit. */
  private keep(rest: Buffer): void {
    if (rest.length === 0) return;
    if (this.skipping) {
      this.skippedBytes += rest.length;
      return;
    }
    if (this.carryBytes + rest.length > this.maxLineBytes) {
      this.skipping = true;
      this.skippedBytes = this.carryBytes + rest.length;
      this.carry = [];
      this.carryBytes = 0;
      return;
    }
    // Copied, so the carry does not keep the whole chunk alive.
    this.carry.push(Buffer.from(rest));
    this.carryBytes += rest.length;
  }
}
