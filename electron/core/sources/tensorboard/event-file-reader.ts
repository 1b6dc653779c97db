// Turns the bytes of one events.out.tfevents.* file into metric points, incrementally.
// Scalars come in three encodings that all occur in real files: simple_value (TF1, PyTorch, tensorboardX),
// a rank-0 tensor with its bytes in tensor_content (TF2's tf.summary.scalar), and float_val/double_val
// (PyTorch new_style, tensorboardX double precision). Everything that is not a scalar is skipped quietly.
// A SessionLog START in a file of version 2 or later ("brain.Event:2", what every current writer
// declares) means the job (re)started at its step: like TensorBoard's EventAccumulator, which purges
// every tag's data at or after that step, the batch says so (`purges`), in order with its points.

import type { MetricPoint, MetricPurge, SourceIssue } from '../source-types';
import { DATA_CLASS_SCALAR, DATA_CLASS_UNKNOWN, SESSION_STATUS_START, decodeEvent, type SummaryValueParts } from './event-proto';
import { HPARAMS_PLUGIN, SESSION_START_INFO_TAG, decodeSessionStartInfo, type SessionStartInfo } from './hparams';
import { ProtoDecodeError } from '../codec/protobuf-reader';
import { readTensorScalar } from './tensor-scalar';
import { TfRecordReader, initialTfRecordCursor, type TfRecordCursor, type TfRecordReaderOptions } from './tfrecord-reader';

export const SCALARS_PLUGIN = 'scalars';

export interface TensorboardFileCursor extends TfRecordCursor {
  /**
   * Tags whose metadata named a plugin other than scalars. Writers attach metadata only to the first
   * value of a tag in a file, so this memory has to survive between incremental reads.
   */
  otherPluginTags: string[];
  /** N of the file's "brain.Event:N" version record, once read (older cursors lack it). */
  fileVersion?: number;
}

export const initialTensorboardFileCursor = (): TensorboardFileCursor => ({
  ...initialTfRecordCursor(),
  otherPluginTags: [],
});


export interface TensorboardBatch {
  points: MetricPoint[];
  issues: SourceIssue[];
  /** Set when this stretch of the file held an HParams session start. */
  sessionStart?: SessionStartInfo;
  purges?: MetricPurge[];
}

export class TensorboardEventFileReader {
  private readonly records: TfRecordReader;
  private readonly otherPluginTags: Set<string>;
  private batch: TensorboardBatch = { points: [], issues: [] };

  constructor(
    /** Path relative to the source root; used in issues. */
    readonly file: string,
    cursor: TensorboardFileCursor = initialTensorboardFileCursor(),
    options?: TfRecordReaderOptions,
  ) {
    this.records = new TfRecordReader(cursor, options);
    this.otherPluginTags = new Set(cursor.otherPluginTags);
    this.fileVersion = cursor.fileVersion;
  }

  private fileVersion: number | undefined;

  get cursor(): TensorboardFileCursor {
    const cursor: TensorboardFileCursor = { ...this.records.cursor, otherPluginTags: [...this.otherPluginTags] };
    if (this.fileVersion !== undefined) cursor.fileVersion = this.fileVersion;
    return cursor;
  }

  get bufferedBytes(): number {
    return this.records.bufferedBytes;
  }

  /** Feeds the next bytes of the file; returns what the whole records among them held. */
  push(chunk: Uint8Array): TensorboardBatch {
    this.batch = { points: [], issues: [] };
    this.records.push(chunk, this.visitor);
    return this.batch;
  }

  private readonly visitor = {
    record: (data: Uint8Array, start: number, end: number, offset: number): void => this.onRecord(data, start, end, offset),
    problem: (p: { offset: number; reason: string }): void => {
      this.batch.issues.push({ file: this.file, offset: p.offset, code: 'invalid-value', reason: `damaged record skipped: ${p.reason}` });
    },
  };

  private recordData: Uint8Array = new Uint8Array(0);
  private recordOffset = 0;
  private readonly valueVisitor = (v: SummaryValueParts, step: number, time: number): void => this.onValue(v, step, time);

  private onRecord(data: Uint8Array, start: number, end: number, offset: number): void {
    const pointsBefore = this.batch.points.length;
    const sessionBefore = this.batch.sessionStart;
    this.recordData = data;
    this.recordOffset = offset;
    try {
      const header = decodeEvent(data, start, end, this.valueVisitor);
      if (header.fileVersion !== null) {
        const version = /^brain\.Event:(\d+)$/.exec(header.fileVersion);
        if (version) this.fileVersion = Number(version[1]);
      }
      if (header.sessionStatus === SESSION_STATUS_START && (this.fileVersion ?? 0) >= 2) {
        (this.batch.purges ??= []).push({ at: this.batch.points.length, step: header.step });
      }
    } catch (error) {
      if (!(error instanceof ProtoDecodeError)) throw error;
      // A record is taken whole or not at all.
      this.batch.points.length = pointsBefore;
      this.batch.sessionStart = sessionBefore;
      this.batch.issues.push({ file: this.file, offset, code: 'invalid-value', reason: `record is not a valid Event protobuf: ${error.message}` });
    }
  }

  private onValue(v: SummaryValueParts, step: number, time: number): void {
    if (v.hasMetadata) this.rememberPlugin(v);
    if (v.kind === 'simple') {
      this.batch.points.push({ metric: v.tag, step, time, value: v.simpleValue });
      return;
    }
    if (v.pluginName === HPARAMS_PLUGIN) {
      if (v.tag === SESSION_START_INFO_TAG) this.onSessionStart(v);
      return;
    }
    if (v.kind !== 'tensor' || (this.otherPluginTags.size > 0 && this.otherPluginTags.has(v.tag))) return;
    if (v.hasMetadata && v.pluginName === '' && v.dataClass !== DATA_CLASS_UNKNOWN && v.dataClass !== DATA_CLASS_SCALAR) return;
    const declaredScalar = v.pluginName === SCALARS_PLUGIN || v.dataClass === DATA_CLASS_SCALAR;
    const scalar = readTensorScalar(this.recordData, v.tensorStart, v.tensorEnd);
    if (scalar.ok) this.batch.points.push({ metric: v.tag, step, time, value: scalar.value });
    else if (declaredScalar) {
      this.batch.issues.push({ file: this.file, offset: this.recordOffset, field: v.tag, code: 'invalid-value', reason: `scalar summary at step ${step} unreadable: ${scalar.reason}` });
    }
  }

  private rememberPlugin(v: SummaryValueParts): void {
    const other = v.pluginName !== '' && v.pluginName !== SCALARS_PLUGIN && v.dataClass !== DATA_CLASS_SCALAR;
    if (other) this.otherPluginTags.add(v.tag);
    else if (this.otherPluginTags.size > 0) this.otherPluginTags.delete(v.tag);
  }

  private onSessionStart(v: SummaryValueParts): void {
    try {
      const info = decodeSessionStartInfo(this.recordData, v.contentStart, v.contentEnd);
      if (info) this.batch.sessionStart = info;
    } catch (error) {
      if (!(error instanceof ProtoDecodeError)) throw error;
      this.batch.issues.push({ file: this.file, offset: this.recordOffset, field: v.tag, code: 'invalid-value', reason: `hparams session info unreadable: ${error.message}` });
    }
  }
}
