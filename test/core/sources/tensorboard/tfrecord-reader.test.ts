import { describe, expect, it } from 'vitest';
import { crc32c, maskedCrc32c } from '../../../../electron/core/sources/codec/crc32';
import { TfRecordReader, readTfRecordChunks, readTfRecords, type TfRecordCursor, type TfRecordProblem } from '../../../../electron/core/sources/tensorboard/tfrecord-reader';
import { frameRecord, maskedCrc } from '../../../helpers/tfevents-writer';

const payloads = [Buffer.from('first'), Buffer.from('second record'), Buffer.alloc(300, 7), Buffer.from('last one')];
const file = Buffer.concat(payloads.map(frameRecord));
const starts = payloads.reduce<number[]>((acc, p, i) => [...acc, i === 0 ? 0 : acc[i - 1]! + 16 + payloads[i - 1]!.length], []);
const text = (data: Uint8Array): string => Buffer.from(data).toString('latin1');

function flipped(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at]! ^= 0x40;
  return copy;
}

function readInChunks(bytes: Uint8Array, chunk: number, cursor?: TfRecordCursor) {
  const reader = new TfRecordReader(cursor);
  const records: { offset: number; data: string }[] = [];
  const problems: TfRecordProblem[] = [];
  for (let i = 0; i < bytes.length; i += chunk) {
    reader.push(bytes.subarray(i, i + chunk), {
      record: (d, s, e, offset) => records.push({ offset, data: text(d.subarray(s, e)) }),
      problem: (p) => problems.push(p),
    });
  }
  return { records, problems, cursor: reader.cursor };
}

describe('CRC-32C', () => {
  it('matches the published check values', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    // RFC 3720 (iSCSI) B.4 test vectors.
    expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
  });

  it('agrees with a bitwise implementation on odd lengths and offsets, masked as TFRecord stores it', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 7) & 0xff);
    for (const [start, end] of [[0, 1000], [3, 10], [5, 5], [1, 999], [17, 600]] as const) {
      expect(maskedCrc32c(bytes, start, end)).toBe(maskedCrc(bytes.subarray(start, end)));
    }
  });
});

describe('TFRecord reader', () => {
  it('reads every record and reports the end of the last one as the next offset', () => {
    const read = readTfRecords(file);
    expect(read.records.map((r) => text(r.data))).toEqual(payloads.map((p) => p.toString('latin1')));
    expect(read.records.map((r) => r.offset)).toEqual(starts);
    expect(read.problems).toEqual([]);
    expect(read.cursor).toEqual({ offset: file.length, resyncing: false });
  });

  it('gives the same records whatever the chunk size, down to one byte at a time', () => {
    for (const chunk of [1, 5, 12, 13, 64, 1000]) {
      const read = readInChunks(file, chunk);
      expect(read.records.map((r) => r.data)).toEqual(payloads.map((p) => p.toString('latin1')));
      expect(read.cursor.offset).toBe(file.length);
    }
  });

  it('reads a record much larger than the chunks it arrives in', () => {
    const big = Buffer.alloc(200_000, 3);
    const bytes = Buffer.concat([frameRecord(Buffer.from('a')), frameRecord(big), frameRecord(Buffer.from('z'))]);
    for (const chunk of [4096, 65_536]) {
      const read = readInChunks(bytes, chunk);
      expect(read.records.map((r) => r.data.length)).toEqual([1, 200_000, 1]);
      expect(read.problems).toEqual([]);
      expect(read.cursor.offset).toBe(bytes.length);
    }
  });

  it('finds the same good records and reports damage once whatever the chunk size', () => {
    const damaged = Buffer.concat([file.subarray(0, starts[2]), Buffer.alloc(37, 0x5a), file.subarray(starts[2]!)]);
    for (const chunk of [1, 7, 100, 4096]) {
      const read = readInChunks(damaged, chunk);
      expect(read.records.map((r) => r.data)).toEqual(payloads.map((p) => p.toString('latin1')));
      expect(read.problems.map((p) => p.offset)).toEqual([starts[2]]);
      expect(read.cursor).toEqual({ offset: damaged.length, resyncing: false });
    }
  });

  it('treats a partial trailing record as still being written, at every cut point, and finishes it later', () => {
    const lastStart = starts[3]!;
    for (let cut = lastStart + 1; cut < file.length; cut++) {
      const first = readTfRecords(file.subarray(0, cut));
      expect(first.problems).toEqual([]);
      expect(first.records).toHaveLength(3);
      expect(first.cursor).toEqual({ offset: lastStart, resyncing: false });
      const rest = readTfRecords(file.subarray(first.cursor.offset), first.cursor);
      expect(rest.records.map((r) => [r.offset, text(r.data)])).toEqual([[lastStart, 'last one']]);
      expect(rest.cursor.offset).toBe(file.length);
    }
  });

  it.each([
    ['the length', 0, 'length checksum mismatch'],
    ['the length checksum', 9, 'length checksum mismatch'],
    ['the data', 14, 'data checksum mismatch'],
    ['the data checksum', 16 + 13 - 2, 'data checksum mismatch'],
  ])('reports a flipped byte in %s once and resumes at the next good record', (_what, within, reason) => {
    const damaged = flipped(file, starts[1]! + within);
    const read = readTfRecords(damaged);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ offset: starts[1] });
    expect(read.problems[0]!.reason).toContain(reason);
    expect(read.records.map((r) => text(r.data))).toEqual(['first', payloads[2]!.toString('latin1'), 'last one']);
    expect(read.records.map((r) => r.offset)).toEqual([starts[0], starts[2], starts[3]]);
    expect(read.cursor.offset).toBe(file.length);
  });

  it('does not believe a length that claims gigabytes, even with a valid length checksum', () => {
    const header = Buffer.alloc(12);
    header.writeBigUInt64LE(5n * 2n ** 30n);
    header.writeUInt32LE(maskedCrc(header.subarray(0, 8)), 8);
    const bytes = Buffer.concat([frameRecord(Buffer.from('a')), header, Buffer.alloc(40, 1), frameRecord(Buffer.from('b'))]);
    const read = readTfRecords(bytes);
    expect(read.records.map((r) => text(r.data))).toEqual(['a', 'b']);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]!.reason).toMatch(/claims 5368709120 bytes/);
    expect(read.cursor.offset).toBe(bytes.length);
  });

  it('keeps scanning damage across incremental reads without reporting it twice', () => {
    const junk = Buffer.alloc(50, 0xab);
    const good = frameRecord(Buffer.from('after the damage'));
    const bytes = Buffer.concat([frameRecord(Buffer.from('before')), junk, good]);
    const firstEnd = 22 + 30;
    const first = readTfRecords(bytes.subarray(0, firstEnd));
    expect(first.records.map((r) => text(r.data))).toEqual(['before']);
    expect(first.problems.map((p) => p.offset)).toEqual([22]);
    expect(first.cursor.resyncing).toBe(true);
    expect(first.cursor.offset).toBeGreaterThan(22);
    expect(first.cursor.offset).toBeLessThanOrEqual(firstEnd);

    const second = readTfRecords(bytes.subarray(first.cursor.offset), first.cursor);
    expect(second.problems).toEqual([]);
    expect(second.records.map((r) => [r.offset, text(r.data)])).toEqual([[22 + 50, 'after the damage']]);
    expect(second.cursor).toEqual({ offset: bytes.length, resyncing: false });
  });

  it('reports damage after the last good record and stays at a clean cursor when nothing follows', () => {
    const bytes = Buffer.concat([file, Buffer.alloc(20, 0xcd)]);
    const read = readTfRecords(bytes);
    expect(read.records).toHaveLength(4);
    expect(read.problems.map((p) => p.offset)).toEqual([file.length]);
    // Fewer than a header's worth of bytes remain past the scan: they are kept for the next read.
    expect(read.cursor.offset).toBe(bytes.length - 11);
  });

  it('reads an async stream of chunks from a saved offset, with a resumable cursor after each chunk', async () => {
    async function* stream(bytes: Uint8Array, size: number) {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    }
    const from = starts[1]!;
    const seen: string[] = [];
    const cursors: number[] = [];
    for await (const part of readTfRecordChunks(stream(file.subarray(from), 50), { offset: from, resyncing: false })) {
      seen.push(...part.records.map((r) => text(r.data)));
      cursors.push(part.cursor.offset);
    }
    expect(seen).toEqual(payloads.slice(1).map((p) => p.toString('latin1')));
    expect(cursors.at(-1)).toBe(file.length);
    expect(cursors.every((c, i) => i === 0 || c >= cursors[i - 1]!)).toBe(true);
  });

  it('refuses a negative or fractional start offset', () => {
    expect(() => new TfRecordReader({ offset: -1, resyncing: false })).toThrow(/offset/);
    expect(() => new TfRecordReader({ offset: 1.5, resyncing: false })).toThrow(/offset/);
  });
});
