// Incremental reader for one MLflow metric file, metrics/<key>: lines of "timestamp value step"
// (timestamp in ms; step absent in files from old MLflow versions, meaning 0), appended as the run
// logs. Only whole lines are read; a last line without '\n' is still being written.

import type { SyncIssueCode } from '../../store/sync-issue';
import type { MetricPoint, SourceIssue } from '../source-types';
import { parsePythonFloat, parsePythonInt } from './python-float';

export interface MlflowMetricCursor {
  /** Byte offset just after the last whole line read. */
  offset: number;
  /** Whole lines read so far, so issues can name a line number. */
  line: number;
}

export const initialMlflowMetricCursor = (): MlflowMetricCursor => ({ offset: 0, line: 0 });

export interface MlflowMetricBatch {
  points: MetricPoint[];
  issues: SourceIssue[];
}

const NEWLINE = 0x0a;
const utf8 = new TextDecoder('utf-8');

export class MlflowMetricReader {
  private offset: number;
  private line: number;
  private pending: Uint8Array = new Uint8Array(0);

  constructor(
    /** Path relative to the source root, for issues. */
    readonly file: string,
    /** The metric name: the file's path under metrics/, '/' kept. */
    readonly key: string,
    cursor: MlflowMetricCursor = initialMlflowMetricCursor(),
  ) {
    this.offset = cursor.offset;
    this.line = cursor.line;
  }

  get cursor(): MlflowMetricCursor {
    return { offset: this.offset, line: this.line };
  }

  push(chunk: Uint8Array): MlflowMetricBatch {
    const out: MlflowMetricBatch = { points: [], issues: [] };
    const buf = this.pending.length === 0 ? chunk : concat(this.pending, chunk);
    let start = 0;
    for (let nl = buf.indexOf(NEWLINE, start); nl >= 0; nl = buf.indexOf(NEWLINE, start)) {
      this.line += 1;
      this.parseLine(utf8.decode(buf.subarray(start, nl)), out);
      start = nl + 1;
    }
    this.offset += start;
    this.pending = new Uint8Array(buf.subarray(start));
    return out;
  }

  private parseLine(raw: string, out: MlflowMetricBatch): void {
    const text = raw.trim();
    if (text === '') return;
    const fields = text.split(/\s+/);
    const issue = (code: SyncIssueCode, reason: string, expected: string): void => {
      out.issues.push({ file: this.file, line: this.line, field: this.key, code, reason, expected });
    };
    if (fields.length !== 2 && fields.length !== 3) {
      return issue('invalid-value', `found ${fields.length} fields in "${clip(text)}"`, '"timestamp value step"');
    }
    const timestamp = parsePythonInt(fields[0]!);
    if (timestamp === undefined) return issue('invalid-field', `timestamp "${clip(fields[0]!)}" is not a whole number`, 'milliseconds since 1970');
    const value = parsePythonFloat(fields[1]!);
    if (value === undefined) return issue('invalid-value', `value "${clip(fields[1]!)}" is not a number`, 'a number, nan, inf or -inf');
    const step = fields.length === 3 ? parsePythonInt(fields[2]!) : 0;
    if (step === undefined) return issue('invalid-step', `step "${clip(fields[2]!)}" is not a whole number`, 'a whole number');
    out.points.push({ metric: this.key, step, time: timestamp / 1000, value });
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
