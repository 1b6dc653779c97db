// Reads one W&B run file (run-<id>.wandb) incrementally: the run's identity, config, summary and exit
// from its records, and every numeric value of every history row as a point. A history row's step is
// its HistoryStep (else its `_step` item), its time the `_timestamp` item (Unix seconds); `_step`,
// `_runtime` and `_timestamp` are kept as series too, as W&B shows them. Nested values are flattened
// with '.', as W&B names them ("train" → {"loss": 2} is "train.loss"); media and tables (objects with
// a `_type`) and text are not series. What the file says about the run is kept in a plain object,
// saved beside the read position so a later pass resumes without reading the file again.

import type { FactValue } from '../field-mapping';
import type { MetricPoint, SourceIssue } from '../source-types';
import { ProtoDecodeError } from '../codec/protobuf-reader';
import { RecordLogReader, initialRecordLogCursor, type RecordLogCursor } from './record-log-reader';
import { decodeWandbRecord, type WandbItem, type WandbRunInfo } from './record-proto';
import { ValueJsonError, parseValueJson } from './value-json';

/** Config and summary keys beyond this many are not kept (one issue says so). */
export const MAX_RUN_KEYS = 10_000;

export type WandbRunIdentity = Omit<WandbRunInfo, 'config' | 'summary'>;

export interface WandbFileState {
  cursor: RecordLogCursor;
  run: WandbRunIdentity | null;
  /** Flattened config ('model.n_params'), W&B's own `_wandb` key left out. */
  config: Record<string, FactValue>;
  /** Flattened summary, as the run last set it. */
  summary: Record<string, FactValue>;
  exit: { exitCode: number; runtime: number } | null;
  preempting: boolean;
  /** The last history step, for rows that carry none (W&B counts on from it). */
  lastStep: number | null;
  /** The last history row's `_timestamp`. */
  lastTime: number | null;
  /** Whether the key limit was reported already. */
  keysCapped: boolean;
}

export const initialWandbFileState = (): WandbFileState => ({
  cursor: initialRecordLogCursor(),
  run: null,
  config: {},
  summary: {},
  exit: null,
  preempting: false,
  lastStep: null,
  lastTime: null,
  keysCapped: false,
});

export interface WandbBatch {
  points: MetricPoint[];
  issues: SourceIssue[];
}

export class WandbRunFileReader {
  private readonly log: RecordLogReader;
  private readonly state: WandbFileState;
  private batch: WandbBatch = { points: [], issues: [] };

  constructor(
    /** Path relative to the source root, for issues. */
    readonly file: string,
    saved: WandbFileState = initialWandbFileState(),
  ) {
    this.state = structuredClone(saved);
    this.log = new RecordLogReader(saved.cursor);
  }

  /** What the file has said so far, with the position to resume from. */
  snapshot(): WandbFileState {
    return { ...this.state, cursor: this.log.cursor };
  }

  get offset(): number {
    return this.log.cursor.offset;
  }

  push(chunk: Uint8Array): WandbBatch {
    this.batch = { points: [], issues: [] };
    this.log.push(chunk, {
      record: (data, offset) => this.record(data, offset),
      problem: (p) => this.batch.issues.push({ file: this.file, offset: p.offset, code: 'invalid-value', reason: p.reason }),
    });
    return this.batch;
  }

  private record(data: Uint8Array, offset: number): void {
    let record;
    try {
      record = decodeWandbRecord(data);
    } catch (error) {
      if (!(error instanceof ProtoDecodeError)) throw error;
      this.batch.issues.push({ file: this.file, offset, code: 'invalid-value', reason: `not a valid W&B Record: ${error.message}; it is skipped` });
      return;
    }
    const s = this.state;
    switch (record.kind) {
      case 'run': {
        const { config, summary, ...identity } = record.run;
        s.run = identity;
        this.apply(s.config, config, [], offset, 'config');
        this.apply(s.summary, summary, [], offset, 'summary');
        return;
      }
      case 'config':
        this.apply(s.config, record.update, record.remove, offset, 'config');
        return;
      case 'summary':
        this.apply(s.summary, record.update, record.remove, offset, 'summary');
        return;
      case 'exit':
        s.exit = { exitCode: record.exitCode, runtime: record.runtime };
        return;
      case 'preempting':
        s.preempting = true;
        return;
      case 'history':
        this.history(record.items, record.step, offset);
        return;
      default:
        return;
    }
  }

  private value(item: WandbItem, offset: number): unknown {
    try {
      return parseValueJson(item.json);
    } catch (error) {
      if (!(error instanceof ValueJsonError)) throw error;
      this.batch.issues.push({ file: this.file, offset, field: item.name, code: 'invalid-value', reason: `${error.message}; it is skipped` });
      return undefined;
    }
  }

  private history(items: WandbItem[], recordStep: number | null, offset: number): void {
    // The row's step and time first (wandb writes them last), then every value with them.
    let step = recordStep;
    let time: number | null = null;
    for (const item of items) {
      if (item.name === '_step' && step === null) {
        const value = parseValueJson(item.json);
        if (typeof value === 'number' && Number.isSafeInteger(value)) step = value;
      } else if (item.name === '_timestamp') {
        const value = parseValueJson(item.json);
        if (typeof value === 'number' && Number.isFinite(value)) time = value;
      }
    }
    const s = this.state;
    if (step === null) step = s.lastStep === null ? 0 : s.lastStep + 1;
    if (step < 0) {
      this.batch.issues.push({ file: this.file, offset, field: '_step', code: 'invalid-step', reason: `step ${step} is below 0; the row is skipped`, expected: 'a whole number ≥ 0' });
      return;
    }
    s.lastStep = step;
    if (time !== null) s.lastTime = time;
    const at = time ?? s.lastTime ?? 0;
    const points = this.batch.points;
    for (const item of items) {
      const value = this.value(item, offset);
      if (typeof value === 'number') points.push({ metric: item.name, step, time: at, value });
      else if (isPlainObject(value) && !('_type' in value)) flattenNumbers(item.name, value, (metric, v) => points.push({ metric, step, time: at, value: v }));
    }
  }

  private apply(into: Record<string, FactValue>, update: WandbItem[], remove: WandbItem[], offset: number, what: string): void {
    for (const item of remove) {
      const name = item.name;
      for (const key of Object.keys(into)) if (key === name || key.startsWith(`${name}.`)) delete into[key];
    }
    for (const item of update) {
      const name = item.name;
      if (name === '_wandb' || name.startsWith('_wandb.')) continue;
      const value = this.value(item, offset);
      if (value === undefined) continue;
      for (const key of Object.keys(into)) if (key.startsWith(`${name}.`)) delete into[key];
      const flat: Array<[string, FactValue]> = [];
      flattenFacts(name, value, flat);
      for (const [key, v] of flat) {
        if (!(key in into) && Object.keys(into).length >= MAX_RUN_KEYS) {
          if (!this.state.keysCapped) {
            this.state.keysCapped = true;
            this.batch.issues.push({ file: this.file, offset, field: key, code: 'invalid-field', reason: `the run's ${what} has more than ${MAX_RUN_KEYS} keys; the rest are not kept` });
          }
          continue;
        }
        into[key] = v;
      }
    }
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Numeric leaves of a history value; media and tables (objects with `_type`) are not series. */
function flattenNumbers(name: string, value: unknown, emit: (metric: string, value: number) => void): void {
  if (typeof value === 'number') emit(name, value);
  else if (isPlainObject(value) && !('_type' in value)) {
    for (const [k, v] of Object.entries(value)) flattenNumbers(`${name}.${k}`, v, emit);
  }
}

/** Config and summary leaves as facts: numbers, text, booleans; lists and media as their JSON text. */
function flattenFacts(name: string, value: unknown, out: Array<[string, FactValue]>): void {
  if (isPlainObject(value) && !('_type' in value)) {
    for (const [k, v] of Object.entries(value)) flattenFacts(`${name}.${k}`, v, out);
  } else if (typeof value === 'number') out.push([name, Number.isFinite(value) ? value : String(value)]);
  else if (typeof value === 'string' || typeof value === 'boolean' || value === null) out.push([name, value]);
  else out.push([name, JSON.stringify(value)]);
}
