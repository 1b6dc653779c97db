// Turns the bytes of a small store file (JSON, YAML, Markdown) into text, or says why it cannot:
// empty, binary (NUL bytes or invalid UTF-8). A UTF-8 byte order mark is dropped; CRLF is left to
// the parsers, which all accept it.
import { JsonTooDeepError, parseBoundedJson } from './bounded-json';
import type { IssueList } from './sync-issue';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeStoreText(bytes: Uint8Array, issues: IssueList, expected: string): string | null {
  if (bytes.length === 0) {
    issues.add('empty-file', 'The file is empty.', expected);
    return null;
  }
  if (bytes.includes(0)) {
    issues.add('binary-file', 'The file holds binary data (NUL bytes), not text.', `UTF-8 text: ${expected}`);
    return null;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    issues.add('binary-file', 'The file is not valid UTF-8 text.', `UTF-8 text: ${expected}`);
    return null;
  }
  if (text.trim() === '') {
    issues.add('empty-file', 'The file holds only whitespace.', expected);
    return null;
  }
  return text;
}

/** 1-based line of a character offset. */
export function lineAtOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Parses a JSON document; a syntax error becomes an issue with its line when the parser says where,
 * nesting past the limit an issue too.
 */
export function parseJsonText(text: string, issues: IssueList, expected: string): unknown {
  try {
    return parseBoundedJson(text);
  } catch (error) {
    if (error instanceof JsonTooDeepError) {
      issues.add('too-deep', `${error.message}: the file is not read.`, expected);
      return undefined;
    }
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    const line = position ? lineAtOffset(text, Number(position[1])) : null;
    const reason = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    issues.add('invalid-json', `Invalid JSON: ${reason}.`, expected, line);
    return undefined;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
