// Writes W&B run files the way wandb's datastore does: the 7-byte ":W&B" header, then LevelDB log
// framing in 32 KiB blocks (records split FIRST/MIDDLE/LAST across blocks, zero padding when fewer
// than 7 bytes are left), each record's zlib CRC-32 continued from its type byte's, around
// wandb_internal.proto Records. Its own protobuf encoder (from the TensorBoard writer) and its own
// bitwise CRC-32, so the reader is checked against an independent implementation. Validated against
// the file the real wandb client wrote (test/core/sources/wandb/wandb-writer.test.ts).

import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fieldBytes, fieldString, fieldVarint } from './tfevents-writer';

const BLOCK = 32 * 1024;
const HEADER = Buffer.from([0x3a, 0x57, 0x26, 0x42, 0xe1, 0xbe, 0x00]);

function crc32Bitwise(bytes: Uint8Array, previous = 0): number {
  let crc = ~previous >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

function physicalRecord(type: number, data: Uint8Array): Buffer {
  const out = Buffer.alloc(7 + data.length);
  out.writeUInt32LE(crc32Bitwise(data, crc32Bitwise(Uint8Array.of(type))), 0);
  out.writeUInt16LE(data.length, 4);
  out.writeUInt8(type, 6);
  Buffer.from(data).copy(out, 7);
  return out;
}

/** The framed bytes of `records`, as written after `at` bytes of the file (0: the header comes first). */
export function frameRecords(records: Uint8Array[], at = 0): Buffer {
  const parts: Buffer[] = [];
  let index = at;
  const write = (b: Buffer) => {
    parts.push(b);
    index += b.length;
  };
  if (at === 0) write(HEADER);
  for (const data of records) {
    let left = BLOCK - (index % BLOCK);
    if (left < 7) {
      write(Buffer.alloc(left));
      left = BLOCK;
    }
    if (data.length + 7 <= left) {
      write(physicalRecord(1, data));
      continue;
    }
    let used = left - 7;
    write(physicalRecord(2, data.subarray(0, used)));
    while (data.length - used > BLOCK - 7) {
      write(physicalRecord(3, data.subarray(used, used + BLOCK - 7)));
      used += BLOCK - 7;
    }
    write(physicalRecord(4, data.subarray(used)));
  }
  return Buffer.concat(parts);
}

// ---- wandb_internal.proto Records ----

export type Json = unknown;

/** Python's json.dumps: NaN, Infinity and -Infinity spelled as such; other numbers as JS prints them. */
export function pythonJson(value: Json): string {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (value === Infinity) return 'Infinity';
    if (value === -Infinity) return '-Infinity';
    return Object.is(value, -0) ? '-0.0' : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJson(v)}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** An item as wandb-core writes it: the key in nested_key (2), the value as JSON (16). */
function item(key: string | string[], value: Json): number[] {
  const path = Array.isArray(key) ? key : [key];
  return [...path.flatMap((k) => fieldString(2, k)), ...fieldString(16, pythonJson(value))];
}

const record = (num: number, field: number, body: number[]): Uint8Array => Uint8Array.from([...fieldVarint(1, num), ...fieldBytes(field, body)]);

export interface RunInfo {
  runId: string;
  project?: string;
  entity?: string;
  group?: string;
  jobType?: string;
  name?: string;
  tags?: string[];
  config?: Record<string, Json>;
  startTime?: number;
  resumed?: boolean;
  startingStep?: number;
}

export function runRecord(num: number, run: RunInfo): Uint8Array {
  const body = [
    ...fieldString(1, run.runId),
    ...(run.entity ? fieldString(2, run.entity) : []),
    ...(run.project ? fieldString(3, run.project) : []),
    ...(run.config ? fieldBytes(4, Object.entries(run.config).flatMap(([k, v]) => fieldBytes(1, item(k, v)))) : []),
    ...(run.group ? fieldString(6, run.group) : []),
    ...(run.jobType ? fieldString(7, run.jobType) : []),
    ...(run.name ? fieldString(8, run.name) : []),
    ...(run.tags ?? []).flatMap((t) => fieldString(10, t)),
    ...(run.startingStep ? fieldVarint(14, run.startingStep) : []),
    ...(run.startTime !== undefined ? fieldBytes(17, [...fieldVarint(1, Math.floor(run.startTime)), ...fieldVarint(2, Math.round((run.startTime % 1) * 1e9))]) : []),
    ...(run.resumed ? fieldVarint(18, 1) : []),
  ];
  return record(num, 17, body);
}

/** A history row: its items in order, and the HistoryStep (absent for step 0, as proto3 leaves it empty). */
export function historyRecord(num: number, step: number, row: Record<string, Json>): Uint8Array {
  const items = Object.entries(row).flatMap(([k, v]) => fieldBytes(1, item(k, v)));
  return record(num, 2, [...items, ...fieldBytes(2, step === 0 ? [] : fieldVarint(1, step))]);
}

export function summaryRecord(num: number, update: Record<string, Json>, remove: string[] = []): Uint8Array {
  return record(num, 3, [...Object.entries(update).flatMap(([k, v]) => fieldBytes(1, item(k, v))), ...remove.flatMap((k) => fieldBytes(2, fieldString(2, k)))]);
}

export function configRecord(num: number, update: Record<string, Json>): Uint8Array {
  return record(num, 5, Object.entries(update).flatMap(([k, v]) => fieldBytes(1, item(k, v))));
}

export function exitRecord(num: number, exitCode: number): Uint8Array {
  return record(num, 18, exitCode === 0 ? [] : fieldVarint(1, exitCode));
}

/** A run file being written: records are appended as they come, framed as wandb frames them. */
export class WandbRunFileWriter {
  readonly path: string;
  private size = 0;
  private num = 0;
  private readonly started: number;

  /** `dir`: the wandb/ folder; the run's folder is named like wandb's own (offline-run-<time>-<id>). */
  constructor(dir: string, readonly run: RunInfo, options: { offline?: boolean; folderTime?: string } = {}) {
    const folder = `${options.offline === false ? 'run' : 'offline-run'}-${options.folderTime ?? '20261207_120000'}-${run.runId}`;
    mkdirSync(join(dir, folder, 'files'), { recursive: true });
    this.path = join(dir, folder, `run-${run.runId}.wandb`);
    writeFileSync(this.path, '');
    this.started = run.startTime ?? 1_796_000_000;
    this.append(runRecord(++this.num, run));
  }

  append(...records: Uint8Array[]): this {
    const bytes = frameRecords(records, this.size);
    appendFileSync(this.path, bytes);
    this.size += bytes.length;
    return this;
  }

  /** wandb.log(row, step=step): `_step`, `_runtime` and `_timestamp` added as wandb adds them. */
  log(step: number, row: Record<string, Json>, runtime = step * 0.01): this {
    return this.append(historyRecord(++this.num, step, { ...row, _timestamp: this.started + runtime, _runtime: runtime, _step: step }));
  }

  summary(update: Record<string, Json>, remove: string[] = []): this {
    return this.append(summaryRecord(++this.num, update, remove));
  }

  config(update: Record<string, Json>): this {
    return this.append(configRecord(++this.num, update));
  }

  exit(code = 0): this {
    return this.append(exitRecord(++this.num, code));
  }
}
