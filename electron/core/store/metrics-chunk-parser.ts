// Turns the bytes of a metrics.jsonl stream into parsed lines in a compact, transferable form:
// flat typed arrays instead of one object per line, so a worker thread can parse while the sync
// thread inserts, and so the sync thread's loop over points is plain array reads. The same code
// runs in the worker and in the sync thread (small passes), so both give identical results.
import { JsonlLineSplitter } from './jsonl-line-splitter';
import { MetricsLineParser } from './parse-metrics-line';
import type { SyncIssueCode } from './sync-issue';

export interface ParsedLineIssue {
  /** Index of the line within the chunk (its line number is firstLineNo + lineIndex). */
  lineIndex: number;
  code: SyncIssueCode;
  message: string;
  expected: string | null;
}

export interface ParsedMetricsChunk {
  /** Bytes of the file this chunk covered. */
  byteLength: number;
  firstLineNo: number;
  /** Complete lines in the chunk, good or not. */
  lineCount: number;
  /** Where a later read resumes, and the lines counted up to there. */
  endOffset: number;
  linesSoFar: number;
  /** Per line: its step, or -1 when the line holds no usable record. */
  steps: Float64Array;
  /** Per line: tokens and time, NaN when absent. */
  tokens: Float64Array;
  times: Float64Array;
  /** Per line: the end (exclusive) of its points in keyIds/values. */
  pointEnds: Uint32Array;
  /** Per point: index into the stream's key table, and the value (NaN and ±Infinity included). */
  keyIds: Uint32Array;
  values: Float64Array;
  /** Keys first seen in this chunk; they extend the stream's key table in order. */
  newKeys: string[];
  issues: ParsedLineIssue[];
}

/** The typed arrays of a chunk, to transfer between threads without copying. */
export function chunkBuffers(chunk: ParsedMetricsChunk): ArrayBuffer[] {
  return [chunk.steps, chunk.tokens, chunk.times, chunk.pointEnds, chunk.keyIds, chunk.values].map((a) => a.buffer as ArrayBuffer);
}

const TOO_LONG_EXPECTED = 'lines of at most 1 MiB (1,048,576 bytes)';

export class MetricsChunkParser {
  private readonly splitter: JsonlLineSplitter;
  private readonly parser = new MetricsLineParser();
  private readonly keyIds = new Map<string, number>();

  constructor(startOffset: number, startLineNo: number) {
    this.splitter = new JsonlLineSplitter(startOffset, startLineNo);
  }

  push(bytes: Buffer): ParsedMetricsChunk {
    const split = this.splitter.push(bytes);
    const n = split.lines.length;
    const steps = new Float64Array(n);
    const tokens = new Float64Array(n);
    const times = new Float64Array(n);
    const pointEnds = new Uint32Array(n);
    let keyIds = new Uint32Array(Math.max(16, n * 8));
    let values = new Float64Array(keyIds.length);
    let points = 0;
    const newKeys: string[] = [];
    const issues: ParsedLineIssue[] = [];
    let lineIndex = 0;
    const report = (code: SyncIssueCode, message: string, expected: string | null) => {
      issues.push({ lineIndex, code, message, expected });
    };
    for (; lineIndex < n; lineIndex++) {
      const text = split.lines[lineIndex]!;
      steps[lineIndex] = -1;
      if (typeof text !== 'string') {
        report('line-too-long', `The line is ${text.tooLongBytes} bytes long: it is skipped.`, TOO_LONG_EXPECTED);
      } else {
        const line = this.parser.parse(text, report);
        if (line) {
          steps[lineIndex] = line.step;
          tokens[lineIndex] = line.tokens ?? NaN;
          times[lineIndex] = line.time ?? NaN;
          if (points + line.keys.length > keyIds.length) {
            const size = Math.max(keyIds.length * 2, points + line.keys.length);
            const grownIds = new Uint32Array(size);
            grownIds.set(keyIds);
            keyIds = grownIds;
            const grownValues = new Float64Array(size);
            grownValues.set(values);
            values = grownValues;
          }
          for (let i = 0; i < line.keys.length; i++) {
            const key = line.keys[i]!;
            let id = this.keyIds.get(key);
            if (id === undefined) {
              id = this.keyIds.size;
              this.keyIds.set(key, id);
              newKeys.push(key);
            }
            keyIds[points] = id;
            values[points] = line.values[i]!;
            points++;
          }
        }
      }
      pointEnds[lineIndex] = points;
    }
    return {
      byteLength: bytes.length,
      firstLineNo: split.firstLineNo,
      lineCount: n,
      endOffset: split.endOffset,
      linesSoFar: this.splitter.lineCount,
      steps,
      tokens,
      times,
      pointEnds,
      keyIds: keyIds.slice(0, points),
      values: values.slice(0, points),
      newKeys,
      issues,
    };
  }
}
