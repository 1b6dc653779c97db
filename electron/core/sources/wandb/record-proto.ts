// Decodes the parts of W&B's Record (wandb/proto/wandb_internal.proto) that say what a run is and
// what it logged. Field numbers, as published:
//   Record        { int64 num = 1; oneof record_type { HistoryRecord history = 2; SummaryRecord summary = 3;
//                   ConfigRecord config = 5; RunRecord run = 17; RunExitRecord exit = 18; RunPreemptingRecord preempting = 23; … } }
//   RunRecord     { string run_id = 1; string entity = 2; string project = 3; ConfigRecord config = 4;
//                   SummaryRecord summary = 5; string run_group = 6; string job_type = 7; string display_name = 8;
//                   string notes = 9; repeated string tags = 10; string sweep_id = 12; string host = 13;
//                   int64 starting_step = 14; google.protobuf.Timestamp start_time = 17; bool resumed = 18; }
//   HistoryRecord { repeated HistoryItem item = 1; HistoryStep step = 2; }   HistoryStep { int64 num = 1; }
//   HistoryItem, ConfigItem, SummaryItem { string key = 1; repeated string nested_key = 2; string value_json = 16; }
//   ConfigRecord, SummaryRecord { repeated …Item update = 1; repeated …Item remove = 2; }
//   RunExitRecord { int32 exit_code = 1; int32 runtime = 2; }
//   Timestamp     { int64 seconds = 1; int32 nanos = 2; }
// Everything else (files, stats, telemetry, output, artifacts, requests) is skipped by wire type, unread.

import { ProtoReader, WIRE_BYTES, WIRE_VARINT } from '../codec/protobuf-reader';

/** The field numbers this decoder reads, by message: the test checks them against the published .proto. */
export const WANDB_FIELDS = {
  Record: { num: 1, history: 2, summary: 3, config: 5, run: 17, exit: 18, preempting: 23 },
  RunRecord: {
    run_id: 1, entity: 2, project: 3, config: 4, summary: 5, run_group: 6, job_type: 7, display_name: 8,
    notes: 9, tags: 10, sweep_id: 12, host: 13, starting_step: 14, start_time: 17, resumed: 18,
  },
  HistoryRecord: { item: 1, step: 2 },
  HistoryStep: { num: 1 },
  HistoryItem: { key: 1, nested_key: 2, value_json: 16 },
  ConfigRecord: { update: 1, remove: 2 },
  ConfigItem: { key: 1, nested_key: 2, value_json: 16 },
  SummaryRecord: { update: 1, remove: 2 },
  SummaryItem: { key: 1, nested_key: 2, value_json: 16 },
  RunExitRecord: { exit_code: 1, runtime: 2 },
} as const;

const F = WANDB_FIELDS;
const key = (field: number, wire: number): number => (field << 3) | wire;

/** One history, config or summary item: its name (nested_key joined with '.', else key) and its JSON text. */
export interface WandbItem {
  name: string;
  json: string;
}

export interface WandbRunInfo {
  runId: string;
  entity: string;
  project: string;
  group: string;
  jobType: string;
  displayName: string;
  notes: string;
  tags: string[];
  sweepId: string;
  host: string;
  startingStep: number;
  /** Unix seconds, or null when not set. */
  startTime: number | null;
  resumed: boolean;
  config: WandbItem[];
  summary: WandbItem[];
}

export type WandbRecord =
  | { kind: 'run'; run: WandbRunInfo }
  | { kind: 'history'; items: WandbItem[]; step: number | null }
  | { kind: 'config'; update: WandbItem[]; remove: WandbItem[] }
  | { kind: 'summary'; update: WandbItem[]; remove: WandbItem[] }
  | { kind: 'exit'; exitCode: number; runtime: number }
  | { kind: 'preempting' }
  | { kind: 'other' };

/** Decodes one Record; throws ProtoDecodeError when its bytes are not a valid message. */
export function decodeWandbRecord(bytes: Uint8Array): WandbRecord {
  const r = new ProtoReader(bytes);
  let out: WandbRecord = { kind: 'other' };
  while (!r.done) {
    const k = r.readKey();
    // A oneof: the last member set wins, as protobuf reads it.
    if (k === key(F.Record.history, WIRE_BYTES)) out = readMessage(r, readHistory);
    else if (k === key(F.Record.summary, WIRE_BYTES)) out = { kind: 'summary', ...readMessage(r, readUpdates) };
    else if (k === key(F.Record.config, WIRE_BYTES)) out = { kind: 'config', ...readMessage(r, readUpdates) };
    else if (k === key(F.Record.run, WIRE_BYTES)) out = { kind: 'run', run: readMessage(r, readRun) };
    else if (k === key(F.Record.exit, WIRE_BYTES)) out = readMessage(r, readExit);
    else if (k === key(F.Record.preempting, WIRE_BYTES)) {
      r.skip(k);
      out = { kind: 'preempting' };
    } else r.skip(k);
  }
  return out;
}

function readMessage<T>(r: ProtoReader, read: (r: ProtoReader) => T): T {
  const outer = r.enter();
  const value = read(r);
  r.leave(outer);
  return value;
}

function readItem(r: ProtoReader): WandbItem {
  let single = '';
  let nested: string | null = null;
  let json = '';
  while (!r.done) {
    const k = r.readKey();
    if (k === key(F.HistoryItem.key, WIRE_BYTES)) single = r.readString();
    else if (k === key(F.HistoryItem.nested_key, WIRE_BYTES)) nested = nested === null ? r.readString() : `${nested}.${r.readString()}`;
    else if (k === key(F.HistoryItem.value_json, WIRE_BYTES)) json = r.readUniqueString();
    else r.skip(k);
  }
  return { name: nested ?? single, json };
}

function readHistory(r: ProtoReader): WandbRecord {
  const items: WandbItem[] = [];
  let step: number | null = null;
  while (!r.done) {
    const k = r.readKey();
    if (k === key(F.HistoryRecord.item, WIRE_BYTES)) items.push(readMessage(r, readItem));
    else if (k === key(F.HistoryRecord.step, WIRE_BYTES)) {
      step = readMessage(r, (m) => {
        let num = 0;
        while (!m.done) {
          const sk = m.readKey();
          if (sk === key(F.HistoryStep.num, WIRE_VARINT)) num = m.readInt64();
          else m.skip(sk);
        }
        return num;
      });
    } else r.skip(k);
  }
  return { kind: 'history', items, step };
}

function readUpdates(r: ProtoReader): { update: WandbItem[]; remove: WandbItem[] } {
  const update: WandbItem[] = [];
  const remove: WandbItem[] = [];
  while (!r.done) {
    const k = r.readKey();
    if (k === key(F.ConfigRecord.update, WIRE_BYTES)) update.push(readMessage(r, readItem));
    else if (k === key(F.ConfigRecord.remove, WIRE_BYTES)) remove.push(readMessage(r, readItem));
    else r.skip(k);
  }
  return { update, remove };
}

function readExit(r: ProtoReader): WandbRecord {
  let exitCode = 0;
  let runtime = 0;
  while (!r.done) {
    const k = r.readKey();
    if (k === key(F.RunExitRecord.exit_code, WIRE_VARINT)) exitCode = r.readInt64();
    else if (k === key(F.RunExitRecord.runtime, WIRE_VARINT)) runtime = r.readInt64();
    else r.skip(k);
  }
  return { kind: 'exit', exitCode, runtime };
}

function readTimestamp(r: ProtoReader): number {
  let seconds = 0;
  let nanos = 0;
  while (!r.done) {
    const k = r.readKey();
    if (k === key(1, WIRE_VARINT)) seconds = r.readInt64();
    else if (k === key(2, WIRE_VARINT)) nanos = r.readInt64();
    else r.skip(k);
  }
  return seconds + nanos / 1e9;
}

function readRun(r: ProtoReader): WandbRunInfo {
  const run: WandbRunInfo = {
    runId: '', entity: '', project: '', group: '', jobType: '', displayName: '', notes: '', tags: [], sweepId: '', host: '',
    startingStep: 0, startTime: null, resumed: false, config: [], summary: [],
  };
  const R = F.RunRecord;
  while (!r.done) {
    const k = r.readKey();
    switch (k) {
      case key(R.run_id, WIRE_BYTES): run.runId = r.readString(); break;
      case key(R.entity, WIRE_BYTES): run.entity = r.readString(); break;
      case key(R.project, WIRE_BYTES): run.project = r.readString(); break;
      case key(R.config, WIRE_BYTES): run.config.push(...readMessage(r, readUpdates).update); break;
      case key(R.summary, WIRE_BYTES): run.summary.push(...readMessage(r, readUpdates).update); break;
      case key(R.run_group, WIRE_BYTES): run.group = r.readString(); break;
      case key(R.job_type, WIRE_BYTES): run.jobType = r.readString(); break;
      case key(R.display_name, WIRE_BYTES): run.displayName = r.readString(); break;
      case key(R.notes, WIRE_BYTES): run.notes = r.readString(); break;
      case key(R.tags, WIRE_BYTES): run.tags.push(r.readString()); break;
      case key(R.sweep_id, WIRE_BYTES): run.sweepId = r.readString(); break;
      case key(R.host, WIRE_BYTES): run.host = r.readString(); break;
      case key(R.starting_step, WIRE_VARINT): run.startingStep = r.readInt64(); break;
      case key(R.start_time, WIRE_BYTES): run.startTime = readMessage(r, readTimestamp); break;
      case key(R.resumed, WIRE_VARINT): run.resumed = r.readVarint() !== 0; break;
      default: r.skip(k);
    }
  }
  return run;
}
