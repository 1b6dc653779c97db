// The push channel read as it arrives: split anywhere, comments and heartbeats skipped, each event once.
import { describe, expect, it } from 'vitest';
import { eventStreamParser } from '../../../shared/api/event-stream-parser';

describe('eventStreamParser', () => {
  it('yields each data line once its blank line has come, however the stream is cut', () => {
    const stream = ': connected\n\ndata: {"type":"a"}\n\n: heartbeat\n\ndata: {"type":"b","text":"x: y"}\n\ndata: {"type":"c"}';
    for (const size of [1, 2, 3, 7, stream.length]) {
      const seen: string[] = [];
      const parse = eventStreamParser((data) => seen.push(data));
      for (let i = 0; i < stream.length; i += size) parse(stream.slice(i, i + size));
      expect(seen, `chunks of ${size}`).toEqual(['{"type":"a"}', '{"type":"b","text":"x: y"}']);
      parse('\n\n');
      expect(seen.at(-1)).toBe('{"type":"c"}');
    }
  });
});
