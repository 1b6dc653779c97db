// Decodes the parts of tensorboard.Event (tensorboard/compat/proto/event.proto) that carry scalars:
//   Event   { double wall_time = 1; int64 step = 2; oneof what { string file_version = 3; bytes graph_def = 4;
//             Summary summary = 5; LogMessage log_message = 6; SessionLog session_log = 7;
//             TaggedRunMetadata tagged_run_metadata = 8; bytes meta_graph_def = 9; } SourceMetadata source_metadata = 10; }
//   Summary { repeated Value value = 1; }
//   Value   { string node_name = 7; string tag = 1; SummaryMetadata metadata = 9;
//             oneof value { float simple_value = 2; bytes obsolete_old_style_histogram = 3; Image image = 4;
//                           HistogramProto histo = 5; Audio audio = 6; TensorProto tensor = 8; } }
//   SummaryMetadata { PluginData plugin_data = 1 { string plugin_name = 1; bytes content = 2; };
//                     string display_name = 2; string summary_description = 3; DataClass data_class = 4; }
//   SessionLog { enum SessionStatus { STATUS_UNSPECIFIED = 0; START = 1; STOP = 2; CHECKPOINT = 3; } SessionStatus status = 1; … }
// Everything else (graphs, run metadata, images, histograms…) is skipped by wire type, unread.

import { ProtoReader, WIRE_BYTES, WIRE_FIXED32, WIRE_FIXED64, WIRE_VARINT } from '../codec/protobuf-reader';

const key = (field: number, wire: number): number => (field << 3) | wire;

const EVENT_WALL_TIME = key(1, WIRE_FIXED64);
const EVENT_STEP = key(2, WIRE_VARINT);
const EVENT_FILE_VERSION = key(3, WIRE_BYTES);
const EVENT_SUMMARY = key(5, WIRE_BYTES);
const EVENT_SESSION_LOG = key(7, WIRE_BYTES);
const SESSION_LOG_STATUS = key(1, WIRE_VARINT);
const SUMMARY_VALUE = key(1, WIRE_BYTES);
const VALUE_TAG = key(1, WIRE_BYTES);
const VALUE_SIMPLE = key(2, WIRE_FIXED32);
const VALUE_METADATA = key(9, WIRE_BYTES);
const VALUE_TENSOR = key(8, WIRE_BYTES);
const METADATA_PLUGIN_DATA = key(1, WIRE_BYTES);
const METADATA_DATA_CLASS = key(4, WIRE_VARINT);
const PLUGIN_NAME = key(1, WIRE_BYTES);
const PLUGIN_CONTENT = key(2, WIRE_BYTES);

export const SESSION_STATUS_START = 1;
export const DATA_CLASS_UNKNOWN = 0;
export const DATA_CLASS_SCALAR = 1;

export interface SummaryValueParts {
  tag: string;
  /** Which member of the `value` oneof was set last (protobuf semantics: the last one wins). */
  kind: 'none' | 'simple' | 'tensor' | 'other';
  simpleValue: number;
  /** [start, end) of the TensorProto within the record. */
  tensorStart: number;
  tensorEnd: number;
  hasMetadata: boolean;
  pluginName: string;
  dataClass: number;
  /** [start, end) of plugin_data.content. */
  contentStart: number;
  contentEnd: number;
}

/** What an event says besides its values (reused for the next event, so copy what you keep). */
export interface EventHeader {
  step: number;
  /** file_version, as "brain.Event:2", when the event is a file's version record. */
  fileVersion: string | null;
  /** session_log.status when the event is a SessionLog (1 = START). */
  sessionStatus: number | null;
}

/** Called once per summary value; `value` is reused for the next one, so copy what you keep. */
export type SummaryValueVisitor = (value: SummaryValueParts, step: number, wallTime: number) => void;

const reader = new ProtoReader(new Uint8Array(0));
const parts: SummaryValueParts = blankValue();
const summaryRanges: number[] = [];
const header: EventHeader = { step: 0, fileVersion: null, sessionStatus: null };

/** Decodes one Event record (bytes[start, end)). Throws ProtoDecodeError on malformed input. */
export function decodeEvent(bytes: Uint8Array, start: number, end: number, visit: SummaryValueVisitor): EventHeader {
  const r = reader;
  r.reset(bytes, start, end);
  let wallTime = 0;
  let step = 0;
  summaryRanges.length = 0;
  header.fileVersion = null;
  header.sessionStatus = null;
  // Step and wall time may in principle follow the summary, so values are visited after the whole event is read.
  while (!r.done) {
    const k = r.readKey();
    if (k === EVENT_WALL_TIME) wallTime = r.readDouble();
    else if (k === EVENT_STEP) step = r.readInt64();
    else if (k === EVENT_SUMMARY) {
      summaryRanges.push(r.readBytesStart(), r.pos);
    } else if (k === EVENT_FILE_VERSION) header.fileVersion = r.readString();
    else if (k === EVENT_SESSION_LOG) {
      const outer = r.enter();
      header.sessionStatus = 0;
      while (!r.done) {
        const sk = r.readKey();
        if (sk === SESSION_LOG_STATUS) header.sessionStatus = r.readVarint();
        else r.skip(sk);
      }
      r.leave(outer);
    } else r.skip(k);
  }
  header.step = step;
  for (let i = 0; i < summaryRanges.length; i += 2) {
    r.reset(bytes, summaryRanges[i]!, summaryRanges[i + 1]!);
    while (!r.done) {
      const k = r.readKey();
      if (k !== SUMMARY_VALUE) {
        r.skip(k);
        continue;
      }
      const outer = r.enter();
      decodeValue(r, parts);
      r.leave(outer);
      visit(parts, step, wallTime);
    }
  }
  return header;
}

function blankValue(): SummaryValueParts {
  return {
    tag: '',
    kind: 'none',
    simpleValue: 0,
    tensorStart: 0,
    tensorEnd: 0,
    hasMetadata: false,
    pluginName: '',
    dataClass: DATA_CLASS_UNKNOWN,
    contentStart: 0,
    contentEnd: 0,
  };
}

function decodeValue(r: ProtoReader, v: SummaryValueParts): void {
  v.tag = '';
  v.kind = 'none';
  v.hasMetadata = false;
  v.pluginName = '';
  v.dataClass = DATA_CLASS_UNKNOWN;
  v.contentStart = v.contentEnd = 0;
  while (!r.done) {
    const k = r.readKey();
    const field = k >>> 3;
    if (k === VALUE_TAG) v.tag = r.readString();
    else if (k === VALUE_SIMPLE) {
      v.simpleValue = r.readFloat();
      v.kind = 'simple';
    } else if (k === VALUE_TENSOR) {
      v.tensorStart = r.readBytesStart();
      v.tensorEnd = r.pos;
      v.kind = 'tensor';
    } else if (k === VALUE_METADATA) {
      const outer = r.enter();
      v.hasMetadata = true;
      decodeMetadata(r, v);
      r.leave(outer);
    } else {
      r.skip(k);
      if (field >= 3 && field <= 6) v.kind = 'other';
    }
  }
}

function decodeMetadata(r: ProtoReader, v: SummaryValueParts): void {
  while (!r.done) {
    const k = r.readKey();
    if (k === METADATA_DATA_CLASS) v.dataClass = r.readVarint();
    else if (k === METADATA_PLUGIN_DATA) {
      const outer = r.enter();
      while (!r.done) {
        const pk = r.readKey();
        if (pk === PLUGIN_NAME) v.pluginName = r.readString();
        else if (pk === PLUGIN_CONTENT) {
          v.contentStart = r.readBytesStart();
          v.contentEnd = r.pos;
        }
        else r.skip(pk);
      }
      r.leave(outer);
    } else r.skip(k);
  }
}
