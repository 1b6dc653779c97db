import { describe, expect, it } from 'vitest';
import { TensorboardEventFileReader, type TensorboardBatch } from '../../../../electron/core/sources/tensorboard/event-file-reader';
import {
  eventRecord,
  fieldBytes,
  fieldString,
  fieldVarint,
  frameRecord,
  hparamsSessionStartValue,
  histogramTensorValue,
  histogramValue,
  imageValue,
  pluginMetadata,
  scalarTensor,
  scalarValue,
  tensorProto,
  textValue,
  varint,
  type ScalarEncoding,
} from '../../../helpers/tfevents-writer';

const header = eventRecord({ wallTime: 1_700_000_000, fileVersion: 'brain.Event:2' });

function readAll(bytes: Uint8Array, reader = new TensorboardEventFileReader('run/events.out.tfevents.1')): TensorboardBatch & { reader: TensorboardEventFileReader } {
  const batch = reader.push(bytes);
  return { ...batch, reader };
}

const ENCODINGS: ScalarEncoding[] = [
  'simple_value',
  'tensor_content_float',
  'tensor_content_double',
  'tensor_content_half',
  'tensor_content_bfloat16',
  'float_val_packed',
  'float_val_unpacked',
  'double_val_packed',
  'double_val_unpacked',
  'half_val',
];

describe('TensorBoard event decoding', () => {
  it.each(ENCODINGS)('reads a scalar written as %s with its tag, step and wall time', (encoding) => {
    const bytes = Buffer.concat([
      header,
      eventRecord({ wallTime: 1_700_000_123.5, step: 42, values: [scalarValue('train/loss', 2.5, encoding)] }),
      eventRecord({ wallTime: 1_700_000_124.25, step: 43, values: [scalarValue('train/loss', -0.75, encoding)] }),
    ]);
    const read = readAll(bytes);
    expect(read.issues).toEqual([]);
    expect(read.points).toEqual([
      { metric: 'train/loss', step: 42, time: 1_700_000_123.5, value: 2.5 },
      { metric: 'train/loss', step: 43, time: 1_700_000_124.25, value: -0.75 },
    ]);
  });

  it('keeps float32 rounding of float encodings and full precision of double ones', () => {
    const bytes = Buffer.concat([
      eventRecord({ step: 1, values: [scalarValue('f', 0.1, 'tensor_content_float'), scalarValue('d', 0.1, 'tensor_content_double'), scalarValue('s', 0.1)] }),
    ]);
    const values = Object.fromEntries(readAll(bytes).points.map((p) => [p.metric, p.value]));
    expect(values).toEqual({ f: Math.fround(0.1), d: 0.1, s: Math.fround(0.1) });
  });

  it('reads a missing step as step 0 and keeps NaN and infinities', () => {
    const bytes = eventRecord({ wallTime: 5, values: [scalarValue('a', NaN), scalarValue('b', Infinity, 'float_val_packed'), scalarValue('c', -Infinity, 'tensor_content_double')] });
    const points = readAll(bytes).points;
    expect(points.map((p) => p.step)).toEqual([0, 0, 0]);
    expect(points[0]!.value).toBeNaN();
    expect(points[1]!.value).toBe(Infinity);
    expect(points[2]!.value).toBe(-Infinity);
  });

  it('reads a scalar tensor whose shape is [1] or [1, 1] and int tensors without a plugin', () => {
    const single = tensorProto(1, [1, 1], fieldBytes(4, Buffer.from(new Float32Array([3.5]).buffer)));
    const int64Unpacked = tensorProto(9, [], fieldVarint(10, 7));
    const int64Packed = tensorProto(9, [], fieldBytes(10, varint(8)));
    const int32Negative = tensorProto(3, [], fieldVarint(7, -2));
    const values = [
      [...fieldString(1, 'one'), ...fieldBytes(8, single)],
      [...fieldString(1, 'count'), ...fieldBytes(8, int64Unpacked)],
      [...fieldString(1, 'packed'), ...fieldBytes(8, int64Packed)],
      [...fieldString(1, 'delta'), ...fieldBytes(8, int32Negative)],
    ];
    const bytes = eventRecord({ step: 3, values });
    expect(readAll(bytes).points.map((p) => [p.metric, p.value])).toEqual([['one', 3.5], ['count', 7], ['packed', 8], ['delta', -2]]);
  });

  it('skips graphs, histograms, images, text, run metadata and session logs without complaint', () => {
    const bytes = Buffer.concat([
      header,
      eventRecord({ wallTime: 1, graphDef: fieldBytes(1, fieldString(1, 'MatMul')) }),
      eventRecord({ wallTime: 1, step: 1, values: [histogramValue('weights'), imageValue('input'), textValue('notes', 'hello'), histogramTensorValue('grads')] }),
      eventRecord({ wallTime: 1, step: 1, runMetadata: { tag: 'step1', bytes: [1, 2, 3] } }),
      eventRecord({ wallTime: 1, step: 1, sessionLogStatus: 1 }),
      eventRecord({ wallTime: 1, step: 1, extra: fieldBytes(9, [8, 1]) }),
      eventRecord({ wallTime: 2, step: 2, values: [histogramValue('weights'), scalarValue('loss', 1.25)] }),
    ]);
    const read = readAll(bytes);
    expect(read.issues).toEqual([]);
    expect(read.points).toEqual([{ metric: 'loss', step: 2, time: 2, value: 1.25 }]);
  });

  it('skips unknown fields and groups inside events and values', () => {
    const group = [...varint((15 << 3) | 3), ...fieldVarint(1, 5), ...varint((16 << 3) | 3), ...fieldString(2, 'x'), ...varint((16 << 3) | 4), ...varint((15 << 3) | 4)];
    const value = [...scalarValue('loss', 4), ...group, ...fieldVarint(30, 99)];
    const bytes = eventRecord({ wallTime: 1, step: 9, values: [value], extra: [...fieldString(99, 'future field'), ...group] });
    const read = readAll(bytes);
    expect(read.issues).toEqual([]);
    expect(read.points).toEqual([{ metric: 'loss', step: 9, time: 1, value: 4 }]);
  });

  it('reports a checksummed record that is not an Event, and reads the records around it', () => {
    const bytes = Buffer.concat([
      eventRecord({ wallTime: 1, step: 1, values: [scalarValue('loss', 1)] }),
      frameRecord([0x0a, 0xff]),
      eventRecord({ wallTime: 2, step: 2, values: [scalarValue('loss', 2)] }),
    ]);
    const read = readAll(bytes);
    expect(read.points.map((p) => p.step)).toEqual([1, 2]);
    expect(read.issues).toHaveLength(1);
    expect(read.issues[0]).toMatchObject({ file: 'run/events.out.tfevents.1', offset: eventRecord({ wallTime: 1, step: 1, values: [scalarValue('loss', 1)] }).length });
    expect(read.issues[0]!.reason).toMatch(/not a valid Event protobuf/);
  });

  it('takes a record whole or not at all: a malformed second value drops the first too', () => {
    const bytes = Buffer.concat([
      eventRecord({ wallTime: 1, step: 1, values: [scalarValue('a', 1), [0x0a, 0x05, 0x41]] }),
      eventRecord({ wallTime: 2, step: 2, values: [scalarValue('a', 2)] }),
    ]);
    const read = readAll(bytes);
    expect(read.points.map((p) => p.step)).toEqual([2]);
    expect(read.issues).toHaveLength(1);
    expect(read.issues[0]!.offset).toBe(0);
  });

  it('reports a damaged record as a sync issue with its offset and reads on', () => {
    const first = eventRecord({ wallTime: 1, step: 1, values: [scalarValue('loss', 1)] });
    const second = Buffer.from(eventRecord({ wallTime: 2, step: 2, values: [scalarValue('loss', 2)] }));
    second[14]! ^= 0xff;
    const third = eventRecord({ wallTime: 3, step: 3, values: [scalarValue('loss', 3)] });
    const read = readAll(Buffer.concat([first, second, third]));
    expect(read.points.map((p) => p.step)).toEqual([1, 3]);
    expect(read.issues).toEqual([{ file: 'run/events.out.tfevents.1', offset: first.length, code: 'invalid-value', reason: 'damaged record skipped: data checksum mismatch in a ' + (second.length - 16) + '-byte record' }]);
  });

  it('reports a value marked as a scalar that holds several numbers', () => {
    const vector = tensorProto(1, [3], fieldBytes(4, Buffer.from(new Float32Array([1, 2, 3]).buffer)));
    const bytes = eventRecord({ wallTime: 1, step: 7, values: [[...fieldString(1, 'loss'), ...fieldBytes(9, pluginMetadata('scalars')), ...fieldBytes(8, vector)]] });
    const read = readAll(bytes);
    expect(read.points).toEqual([]);
    expect(read.issues[0]).toMatchObject({ field: 'loss' });
    expect(read.issues[0]!.reason).toMatch(/step 7.*3 elements/);
  });

  it('remembers across incremental reads that a tag belongs to another plugin when later values drop the metadata', () => {
    const reader = new TensorboardEventFileReader('f');
    const first = reader.push(Buffer.concat([header, eventRecord({ step: 1, values: [textValue('notes', 'a')] })]));
    expect(first.points).toEqual([]);
    const resumed = new TensorboardEventFileReader('f', reader.cursor);
    const bare = [...fieldString(1, 'notes'), ...fieldBytes(8, scalarTensor(1, 'tensor_content_float'))];
    const later = resumed.push(Buffer.concat([eventRecord({ step: 2, values: [bare] }), eventRecord({ step: 2, values: [scalarValue('loss', 5, 'tensor_content_float', false)] })]));
    expect(later.points.map((p) => p.metric)).toEqual(['loss']);
    expect(later.issues).toEqual([]);
  });

  it('decodes hyperparameters from the HParams plugin', () => {
    const bytes = eventRecord({ wallTime: 1, values: [hparamsSessionStartValue({ lr: 0.0003, optimizer: 'adamw', n_params: 1.1e9, tied: true }, 1_700_000_000)] });
    const read = readAll(bytes);
    expect(read.points).toEqual([]);
    expect(read.issues).toEqual([]);
    expect(read.sessionStart).toEqual({ hparams: { lr: 0.0003, optimizer: 'adamw', n_params: 1.1e9, tied: true }, startTimeSecs: 1_700_000_000 });
  });

  it('reads steps beyond 32 bits and negative steps written as ten-byte varints', () => {
    const bytes = Buffer.concat([
      eventRecord({ wallTime: 1, step: 2 ** 40 + 3, values: [scalarValue('a', 1)] }),
      eventRecord({ wallTime: 1, step: -5, values: [scalarValue('a', 1)] }),
    ]);
    expect(readAll(bytes).points.map((p) => p.step)).toEqual([2 ** 40 + 3, -5]);
  });
});
