// One line of metrics.jsonl: {"step": 1200, "tokens": …, "time": …, "<metric>": <value>, …}.
//
// Reading chosen for a line that is partly bad: the line is an issue either way. When `step` is
// missing or not an integer ≥ 0, the line cannot be placed and none of it is kept. When `step` is
// good but a metric's value is not a number, null or "NaN" / "Infinity" / "-Infinity", that key is
// reported by name and the line's other values are kept: they are well-formed points at a
// well-defined step, and dropping them would lose good data. A bad `tokens` or `time` is reported
// and the line's points are kept without it. A blank line (only whitespace, e.g. a stray CRLF) is
// skipped without an issue: it holds nothing to lose.
import { JsonTooDeepError, parseBoundedJson } from './bounded-json';
import { describeValue } from './store-ids';
import type { SyncIssueCode } from './sync-issue';

export type ReportLineIssue = (code: SyncIssueCode, message: string, expected: string) => void;

/** Reused for every line: read it before parsing the next one. */
export interface MetricsLine {
  step: number;
  tokens: number | null;
  time: number | null;
  keys: string[];
  /** NaN and ±Infinity included; a JSON null produces no entry. */
  values: number[];
}

export const STEP_EXPECTED = '"step": an integer ≥ 0';
export const VALUE_EXPECTED = 'a number, null, or one of the strings "NaN", "Infinity", "-Infinity"';
const LINE_EXPECTED = 'one JSON object per line, e.g. {"step": 1200, "train/loss": 2.81}';

function nonFinite(value: string): number | undefined {
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return undefined;
}

export class MetricsLineParser {
  private readonly line: MetricsLine = { step: 0, tokens: null, time: null, keys: [], values: [] };

  /** Parses one line (without its "\n"); returns null when the line is blank or cannot be used. */
  parse(text: string, report: ReportLineIssue): MetricsLine | null {
    let json: unknown;
    try {
      json = parseBoundedJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    } catch (error) {
      this.reportUnparsable(text, error as Error, report);
      return null;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      report('not-object', `The line is ${describeValue(json)}, not a JSON object.`, LINE_EXPECTED);
      return null;
    }
    const record = json as Record<string, unknown>;
    const step = record.step;
    if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) {
      const what = step === undefined ? '"step" is missing' : `"step" is ${describeValue(step)}`;
      report('invalid-step', `${what}: the line is skipped.`, STEP_EXPECTED);
      return null;
    }
    const out = this.line;
    out.step = step;
    out.tokens = this.optionalNumber(record.tokens, 'tokens', report, 'cumulative tokens seen: a number ≥ 0', true);
    out.time = this.optionalNumber(record.time, 'time', report, 'Unix time in seconds: a number', false);
    out.keys.length = 0;
    out.values.length = 0;
    for (const key in record) {
      if (key === 'step' || key === 'tokens' || key === 'time') continue;
      const value = record[key];
      if (typeof value === 'number') {
        out.keys.push(key);
        out.values.push(value);
      } else if (value === null) {
        continue;
      } else {
        const special = typeof value === 'string' ? nonFinite(value) : undefined;
        if (special === undefined) {
          report('invalid-value', `Metric "${key}" is ${describeValue(value)}: that value is skipped, the line's other values are kept.`, VALUE_EXPECTED);
          continue;
        }
        out.keys.push(key);
        out.values.push(special);
      }
    }
    return out;
  }

  private optionalNumber(value: unknown, key: string, report: ReportLineIssue, expected: string, nonNegative: boolean): number | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value) && (!nonNegative || value >= 0)) return value;
    report('invalid-value', `"${key}" is ${describeValue(value)}: the line's points are kept without it.`, expected);
    return null;
  }

  private reportUnparsable(text: string, error: Error, report: ReportLineIssue): void {
    if (error instanceof JsonTooDeepError) {
      report('too-deep', `${error.message}: the line is skipped.`, LINE_EXPECTED);
      return;
    }
    if (text.trim() === '' || text === '\ufeff') return;
    if (text.includes('\u0000')) {
      report('binary-line', 'The line holds binary data (NUL bytes).', LINE_EXPECTED);
      return;
    }
    const reason = error.message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    report('invalid-json', `Invalid JSON: ${reason}.`, LINE_EXPECTED);
  }
}
