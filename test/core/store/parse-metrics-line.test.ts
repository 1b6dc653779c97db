// One metrics line: what is kept, what is reported, and why.
import { describe, expect, it } from 'vitest';
import { MetricsLineParser } from '../../../electron/core/store/parse-metrics-line';

function parse(text: string) {
  const issues: Array<{ code: string; message: string }> = [];
  const line = new MetricsLineParser().parse(text, (code, message) => issues.push({ code, message }));
  return { line: line && { ...line, keys: [...line.keys], values: [...line.values] }, issues };
}

describe('MetricsLineParser', () => {
  it('reads step, tokens, time and every metric, with the non-finite strings as numbers', () => {
    const { line, issues } = parse('{"step": 12, "tokens": 4096, "time": 1.5, "loss": 2.5, "a": "NaN", "b": "Infinity", "c": "-Infinity", "d": null}');
    expect(issues).toEqual([]);
    expect(line).toEqual({ step: 12, tokens: 4096, time: 1.5, keys: ['loss', 'a', 'b', 'c'], values: [2.5, NaN, Infinity, -Infinity] });
  });

  it('tolerates a byte order mark and a trailing carriage return', () => {
    expect(parse('\ufeff{"step": 0, "loss": 1}\r').line).toMatchObject({ step: 0, keys: ['loss'] });
  });

  it('skips a line without a usable step, saying what the step was', () => {
    for (const [text, shown] of [
      ['{"loss": 1}', 'missing'],
      ['{"step": -3, "loss": 1}', '-3'],
      ['{"step": 2.5, "loss": 1}', '2.5'],
      ['{"step": "7", "loss": 1}', '"7"'],
      ['{"step": 1e300, "loss": 1}', '1e+300'],
    ] as const) {
      const { line, issues } = parse(text);
      expect(line).toBeNull();
      expect(issues).toHaveLength(1);
      expect(issues[0]!.code).toBe('invalid-step');
      expect(issues[0]!.message).toContain(shown);
    }
  });

  it('reports a bad value by its key and keeps the other values of the line', () => {
    const { line, issues } = parse('{"step": 3, "loss": "high", "acc": 0.5, "x": [1], "y": {"z": 1}, "w": true}');
    expect(line).toMatchObject({ step: 3, keys: ['acc'], values: [0.5] });
    expect(issues.map((i) => i.code)).toEqual(['invalid-value', 'invalid-value', 'invalid-value', 'invalid-value']);
    expect(issues[0]!.message).toContain('"loss"');
    expect(issues[0]!.message).toContain('"high"');
  });

  it('keeps the points of a line whose tokens or time is bad, without them', () => {
    const { line, issues } = parse('{"step": 3, "tokens": -5, "time": "noon", "loss": 1}');
    expect(line).toMatchObject({ tokens: null, time: null, keys: ['loss'] });
    expect(issues.map((i) => i.message)).toEqual([expect.stringContaining('"tokens"'), expect.stringContaining('"time"')]);
  });

  it('reports invalid JSON, non-objects and binary data, and passes over blank lines silently', () => {
    expect(parse('{"step": 1,').issues[0]!.code).toBe('invalid-json');
    expect(parse('42').issues[0]!.code).toBe('not-object');
    expect(parse('null').issues[0]!.code).toBe('not-object');
    expect(parse('"text"').issues[0]!.code).toBe('not-object');
    expect(parse('\u0000\u0001').issues[0]!.code).toBe('binary-line');
    expect(parse('   \r')).toEqual({ line: null, issues: [] });
  });
});
