import { describe, expect, it } from 'vitest';
import { MlflowMetricReader, parsePythonFloat } from '../../../../electron/core/sources/mlflow';

const enc = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('MLflow metric values', () => {
  it.each([
    ['2.5', 2.5],
    ['-0.0', -0],
    ['1e-05', 1e-5],
    ['1e+16', 1e16],
    ['3', 3],
    ['.5', 0.5],
    ['inf', Infinity],
    ['+inf', Infinity],
    ['-inf', -Infinity],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    ['INF', Infinity],
  ])('reads %s as Python float() does', (text, value) => {
    expect(parsePythonFloat(text)).toBe(value);
  });

  it.each(['nan', 'NaN', '-nan', 'NAN'])('reads %s as NaN', (text) => {
    expect(parsePythonFloat(text)).toBeNaN();
  });

  it.each(['', 'abc', '1.2.3', '0x10', 'infinit', '1e', '--1'])('refuses %j', (text) => {
    expect(parsePythonFloat(text)).toBeUndefined();
  });
});

describe('MLflow metric file reader', () => {
  it('reads "timestamp value step" lines into points with Unix-second times', () => {
    const reader = new MlflowMetricReader('0/abc/metrics/train/loss', 'train/loss');
    const batch = reader.push(enc('1700000000000 2.5 0\n1700000001500 nan 1\n1700000002000 -inf 2\n'));
    expect(batch.issues).toEqual([]);
    expect(batch.points.map((p) => [p.metric, p.step, p.time])).toEqual([
      ['train/loss', 0, 1_700_000_000],
      ['train/loss', 1, 1_700_000_001.5],
      ['train/loss', 2, 1_700_000_002],
    ]);
    expect(batch.points[1]!.value).toBeNaN();
    expect(batch.points[2]!.value).toBe(-Infinity);
  });

  it('reads lines without a step, as very old MLflow wrote them, as step 0', () => {
    const batch = new MlflowMetricReader('f', 'acc').push(enc('1500000000000 0.5\n'));
    expect(batch.points).toEqual([{ metric: 'acc', step: 0, time: 1_500_000_000, value: 0.5 }]);
  });

  it('leaves a last line without a newline for later, and resumes from the saved cursor', () => {
    const text = '1000 1.0 1\n2000 2.0 2\n3000 3.0 3\n';
    const cut = text.indexOf('3000') + 6;
    const first = new MlflowMetricReader('f', 'm');
    expect(first.push(enc(text.slice(0, cut))).points.map((p) => p.step)).toEqual([1, 2]);
    expect(first.cursor).toEqual({ offset: text.indexOf('3000'), line: 2 });

    const resumed = new MlflowMetricReader('f', 'm', first.cursor);
    const batch = resumed.push(enc(text.slice(first.cursor.offset)));
    expect(batch.points.map((p) => p.step)).toEqual([3]);
    expect(resumed.cursor).toEqual({ offset: Buffer.byteLength(text), line: 3 });
  });

  it('gives the same points whatever the chunk boundaries', () => {
    const text = Array.from({ length: 50 }, (_, i) => `${1000 + i} ${i / 4} ${i}\n`).join('');
    const reader = new MlflowMetricReader('f', 'm');
    const steps: number[] = [];
    for (let i = 0; i < text.length; i += 7) steps.push(...reader.push(enc(text.slice(i, i + 7))).points.map((p) => p.step));
    expect(steps).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('reports a malformed line with its file and line number and keeps the lines around it', () => {
    const reader = new MlflowMetricReader('0/abc/metrics/loss', 'loss');
    const batch = reader.push(enc('1000 1.0 1\n1000 oops 2\n1000 1.0 3 extra\nnot-a-time 1.0 4\n1000 1.0 5.5\n1000 0.5 6\r\n'));
    expect(batch.points.map((p) => p.step)).toEqual([1, 6]);
    expect(batch.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['0/abc/metrics/loss', 2, 'loss'],
      ['0/abc/metrics/loss', 3, 'loss'],
      ['0/abc/metrics/loss', 4, 'loss'],
      ['0/abc/metrics/loss', 5, 'loss'],
    ]);
    expect(batch.issues[0]!.reason).toMatch(/value "oops" is not a number/);
    expect(batch.issues[1]!.reason).toMatch(/found 4 fields/);
  });

  it('counts line numbers across incremental reads', () => {
    const reader = new MlflowMetricReader('f', 'm');
    reader.push(enc('1000 1.0 1\n1000 1.0 2\n'));
    const resumed = new MlflowMetricReader('f', 'm', reader.cursor);
    expect(resumed.push(enc('garbage\n')).issues[0]!.line).toBe(3);
  });
});
