// Hyperparameters logged with TensorBoard's HParams plugin (tensorboard/plugins/hparams/plugin_data.proto):
// a summary value tagged '_hparams_/session_start_info' whose metadata has plugin_name 'hparams' and
// content = HParamsPluginData { int32 version = 1; oneof data { Experiment experiment = 2;
//   SessionStartInfo session_start_info = 3; SessionEndInfo session_end_info = 4; } }
// SessionStartInfo { map<string, google.protobuf.Value> hparams = 1; string model_uri = 2;
//   string monitor_url = 3; string group_name = 4; double start_time_secs = 5; }
// google.protobuf.Value { NullValue null_value = 1; double number_value = 2; string string_value = 3;
//   bool bool_value = 4; Struct struct_value = 5; ListValue list_value = 6; }
// These are the only "params" a TensorBoard run has, so field mappings can point at them.

import { ProtoReader, WIRE_BYTES, WIRE_FIXED64, WIRE_VARINT } from '../codec/protobuf-reader';

export const HPARAMS_PLUGIN = 'hparams';
export const SESSION_START_INFO_TAG = '_hparams_/session_start_info';

export type HParamValue = string | number | boolean | null;

export interface SessionStartInfo {
  hparams: Record<string, HParamValue>;
  groupName?: string;
  startTimeSecs?: number;
}

/** Returns undefined when the content is not a session start (an experiment or session end record). */
export function decodeSessionStartInfo(bytes: Uint8Array, start: number, end: number): SessionStartInfo | undefined {
  const r = new ProtoReader(bytes, start, end);
  let info: SessionStartInfo | undefined;
  while (!r.done) {
    const k = r.readKey();
    if (k === ((3 << 3) | WIRE_BYTES)) {
      const [s, e] = r.readBytesRange();
      info = decodeStart(bytes, s, e);
    } else r.skip(k);
  }
  return info;
}

function decodeStart(bytes: Uint8Array, start: number, end: number): SessionStartInfo {
  const r = new ProtoReader(bytes, start, end);
  const info: SessionStartInfo = { hparams: {} };
  while (!r.done) {
    const k = r.readKey();
    if (k === ((1 << 3) | WIRE_BYTES)) {
      const [s, e] = r.readBytesRange();
      const entry = decodeEntry(bytes, s, e);
      if (entry) info.hparams[entry[0]] = entry[1];
    } else if (k === ((4 << 3) | WIRE_BYTES)) info.groupName = r.readString();
    else if (k === ((5 << 3) | WIRE_FIXED64)) info.startTimeSecs = r.readDouble();
    else r.skip(k);
  }
  return info;
}

function decodeEntry(bytes: Uint8Array, start: number, end: number): [string, HParamValue] | undefined {
  const r = new ProtoReader(bytes, start, end);
  let name = '';
  let value: HParamValue | undefined;
  while (!r.done) {
    const k = r.readKey();
    if (k === ((1 << 3) | WIRE_BYTES)) name = r.readString();
    else if (k === ((2 << 3) | WIRE_BYTES)) {
      const [s, e] = r.readBytesRange();
      value = decodeValue(bytes, s, e);
    } else r.skip(k);
  }
  return value === undefined ? undefined : [name, value];
}

/** Only scalar Values; struct and list values are not hyperparameters the plugin supports. */
function decodeValue(bytes: Uint8Array, start: number, end: number): HParamValue | undefined {
  const r = new ProtoReader(bytes, start, end);
  let value: HParamValue | undefined;
  while (!r.done) {
    const k = r.readKey();
    if (k === ((1 << 3) | WIRE_VARINT)) {
      r.readVarint();
      value = null;
    } else if (k === ((2 << 3) | WIRE_FIXED64)) value = r.readDouble();
    else if (k === ((3 << 3) | WIRE_BYTES)) value = r.readString();
    else if (k === ((4 << 3) | WIRE_VARINT)) value = r.readVarint() !== 0;
    else {
      r.skip(k);
      value = undefined;
    }
  }
  return value;
}
