import { describe, expect, it } from 'vitest';
import { RecordLogReader, type RecordLogProblem } from '../../../../electron/core/sources/wandb/record-log-reader';
import { frameRecords } from '../../../helpers/wandb-writer';

function payload(n: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
}

function readAll(bytes: Uint8Array, chunk = bytes.length, start = 0) {
  const reader = new RecordLogReader({ offset: start });
  const records: Array<{ data: number[]; offset: number }> = [];
  const problems: RecordLogProblem[] = [];
  for (let i = start; i < bytes.length; i += chunk) {
    reader.push(bytes.subarray(i, Math.min(bytes.length, i + chunk)), {
      record: (data, offset) => records.push({ data: [...data], offset }),
      problem: (p) => problems.push(p),
    });
  }
  return { records, problems, offset: reader.cursor.offset };
}

describe('W&B record log (LevelDB framing)', () => {
  // Sizes that end exactly at a block boundary, leave fewer than 7 bytes (padding), and span several blocks.
  const sizes = [10, 32768 - 7 - 7 - 17, 3, 100_000, 0, 32761, 5000];
  const records = sizes.map((n, i) => payload(n, i));
  const file = frameRecords(records);

  it('reads every record whole, in order, whatever the chunking', () => {
    for (const chunk of [file.length, 4096, 333, 7]) {
      const read = readAll(file, chunk);
      expect(read.problems).toEqual([]);
      expect(read.records.map((r) => r.data)).toEqual(records.map((r) => [...r]));
      expect(read.offset).toBe(file.length);
    }
  });

  it('stops before a record that is not whole yet and resumes there', () => {
    const cut = file.length - 1000;
    const first = readAll(file.subarray(0, cut));
    expect(first.records.length).toBe(records.length - 1);
    const rest = readAll(file, file.length, first.offset);
    expect(rest.records.map((r) => r.data)).toEqual([[...records[records.length - 1]!]]);
    expect(rest.offset).toBe(file.length);
  });

  it('reports a record with a bad checksum and reads the ones after it', () => {
    const damaged = Buffer.from(file);
    damaged[7 + 7 + 3] ^= 0xff; // inside the first record's data
    const read = readAll(damaged);
    expect(read.problems).toHaveLength(1);
    expect(read.problems[0]).toMatchObject({ offset: 7, reason: expect.stringMatching(/checksum mismatch/) });
    expect(read.records.map((r) => r.data)).toEqual(records.slice(1).map((r) => [...r]));
  });

  it('drops a split record whose middle part is damaged, and says so', () => {
    const damaged = Buffer.from(file);
    // Record 3 (100,000 bytes) starts in block 0 and has a MIDDLE part filling block 2.
    damaged[2 * 32768 + 100] ^= 0x01;
    const read = readAll(damaged);
    expect(read.problems.length).toBeGreaterThanOrEqual(1);
    expect(read.records.map((r) => r.data.length)).toEqual([10, sizes[1], 3, 0, 32761, 5000]);
  });

  it('skips the rest of a block whose record header cannot be right', () => {
    const damaged = Buffer.from(file);
    damaged.writeUInt16LE(40_000, 7 + 4); // the first record's length now overruns the block
    const read = readAll(damaged);
    expect(read.problems[0]!.reason).toMatch(/damaged record header/);
    // Records 0 and 1 fill block 0 and are lost with it; what starts in later blocks is read.
    expect(read.records.map((r) => r.data.length)).toEqual([3, 100_000, 0, 32761, 5000]);
  });

  it('refuses a file without the W&B header and reads nothing of it', () => {
    const other = Buffer.from(file);
    other[1] = 0x58;
    const read = readAll(other);
    expect(read.records).toEqual([]);
    expect(read.problems).toEqual([{ offset: 0, reason: expect.stringMatching(/W&B header/) }]);
  });
});
