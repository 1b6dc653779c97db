// YAML documents of the store (team.yaml, ablations, proposal front matter), parsed with the
// YAML 1.2 core schema so dates stay strings. Syntax errors and field positions carry line numbers.
import { parseDocument, type Document } from 'yaml';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './bounded-json';
import type { IssueList, SyncIssueCode } from './sync-issue';

export interface YamlMapping {
  value: Record<string, unknown>;
  /** Line of the value at a path inside the document, for issue messages. */
  lineOf(path: (string | number)[]): number | null;
}

/** File line of a character offset in `text`, which starts on line `firstLine`. */
function makeLineOfOffset(text: string, firstLine: number) {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + firstLine;
  };
}

function makeLineOf(doc: Document, text: string, firstLine: number) {
  const lineOfOffset = makeLineOfOffset(text, firstLine);
  return (path: (string | number)[]): number | null => {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    const offset = node?.range?.[0];
    return offset === undefined ? null : lineOfOffset(offset);
  };
}

/**
 * Parses YAML that must be a mapping. `firstLine` is the file line the text starts on (front
 * matter starts after its `---`). Returns null, with an issue, when it is not.
 */
export function parseYamlMapping(
  source: string,
  issues: IssueList,
  options: { expected: string; firstLine?: number; code?: SyncIssueCode },
): YamlMapping | null {
  // CRLF files are common on shared drives; a stray "\r" must not end up inside values.
  const text = source.replace(/\r\n?/g, '\n');
  const firstLine = options.firstLine ?? 1;
  const code = options.code ?? 'invalid-yaml';
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lineOfOffset = makeLineOfOffset(text, firstLine);
    for (const error of doc.errors.slice(0, 5)) {
      const reason = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      issues.add(code, `Invalid YAML: ${reason}.`, options.expected, lineOfOffset(error.pos[0]));
    }
    return null;
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    issues.add(code, `Invalid YAML: ${(error as Error).message}.`, options.expected, firstLine);
    return null;
  }
  if (nestsDeeperThan(value, MAX_JSON_DEPTH)) {
    // The value is stored as JSON and copied between threads: held to the JSON files' limit.
    issues.add('too-deep', `The YAML nests deeper than ${MAX_JSON_DEPTH} levels of lists and mappings: the file is not read.`, options.expected, firstLine);
    return null;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    issues.add(code, `The YAML is ${value === null ? 'empty' : `a ${Array.isArray(value) ? 'list' : typeof value}`}, not a mapping of fields.`, options.expected, firstLine);
    return null;
  }
  return { value: value as Record<string, unknown>, lineOf: makeLineOf(doc, text, firstLine) };
}
