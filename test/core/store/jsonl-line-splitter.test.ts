// The metrics.jsonl splitter: complete lines only, whatever the chunk boundaries; a pending last
// line waits; an over-long line is skipped without being held in memory.
import { describe, expect, it } from 'vitest';
import { JsonlLineSplitter, type SplitLines } from '../../../electron/core/store/jsonl-line-splitter';

function splitAll(text: string | Buffer, chunkBytes: number, maxLineBytes?: number) {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
  const splitter = new JsonlLineSplitter(0, 0, maxLineBytes);
  const lines: SplitLines['lines'] = [];
  for (let i = 0; i < bytes.length; i += chunkBytes) lines.push(...splitter.push(bytes.subarray(i, i + chunkBytes)).lines);
  return { lines, endOffset: splitter.endOffset, lineCount: splitter.lineCount };
}

describe('JsonlLineSplitter', () => {
  const text = '{"a":1}\n\n{"b":"é€😀"}\r\n{"c":3}\n{"pending"';

  it('gives the same complete lines for every chunk size, and holds back the unfinished last line', () => {
    for (const chunk of [1, 2, 3, 5, 8, 13, 64, 1000]) {
      expect(splitAll(text, chunk)).toEqual({
        lines: ['{"a":1}', '', '{"b":"é€😀"}\r', '{"c":3}'],
        endOffset: Buffer.byteLength(text) - '{"pending"'.length,
        lineCount: 4,
      });
    }
  });

  it('resumes at a saved offset and line number', () => {
    const splitter = new JsonlLineSplitter(100, 7);
    const out = splitter.push(Buffer.from('x\ny\nz'));
    expect(out).toEqual({ lines: ['x', 'y'], firstLineNo: 8, endOffset: 104 });
    expect(splitter.lineCount).toBe(9);
  });

  it('skips a line over the limit, reporting its length, and reads the lines around it', () => {
    const long = 'x'.repeat(100);
    for (const chunk of [1, 7, 30, 64, 500]) {
      const { lines, lineCount } = splitAll(`ok1\n${long}\nok2\n${'y'.repeat(40)}\n`, chunk, 50);
      expect(lines).toEqual(['ok1', { tooLongBytes: 100 }, 'ok2', 'y'.repeat(40)]);
      expect(lineCount).toBe(4);
    }
  });

  it('counts a long line in bytes, not characters', () => {
    const { lines } = splitAll(`${'é'.repeat(30)}\n${'e'.repeat(30)}\n`, 1000, 50);
    expect(lines).toEqual([{ tooLongBytes: 60 }, 'e'.repeat(30)]);
  });

  it('keeps at most about the limit of an over-long line that has no end yet', () => {
    const splitter = new JsonlLineSplitter(0, 0, 50);
    for (let i = 0; i < 100; i++) expect(splitter.push(Buffer.alloc(40, 0x78)).lines).toEqual([]);
    expect(splitter.endOffset).toBe(0);
    const out = splitter.push(Buffer.from('x\nnext\n'));
    expect(out.lines).toEqual([{ tooLongBytes: 4001 }, 'next']);
    expect(out.endOffset).toBe(4007);
  });
});
