// The one JSON parser for text Tessera does not control: store files, metrics lines, outbox entries,
// API request bodies. V8's JSON.parse is iterative and takes any depth, but nearly everything done with
// the value afterwards (JSON.stringify, structuredClone, a message to another thread) recurses, and at
// a few thousand levels throws RangeError far from the file that caused it. So nesting is limited
// here, where the text's origin is known: no store file or API input needs more than a few levels.

/** Deepest nesting accepted: a top-level object is level 1. */
export const MAX_JSON_DEPTH = 64;

export class JsonTooDeepError extends Error {
  constructor(readonly maxDepth: number) {
    super(`The JSON nests deeper than ${maxDepth} levels of arrays and objects`);
    this.name = 'JsonTooDeepError';
  }
}

/** Whether text holding no "[" and one "{" at most can nest: it cannot, so most metrics lines skip the walk. */
function mayNest(text: string): boolean {
  if (text.indexOf('[') !== -1) return true;
  const first = text.indexOf('{');
  return first !== -1 && text.indexOf('{', first + 1) !== -1;
}

/** Whether `value` nests deeper than `maxDepth`; iterative, so depth cannot overflow the stack here either. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const values: object[] = [value];
  const depths: number[] = [1];
  while (values.length > 0) {
    const current = values.pop()!;
    const depth = depths.pop()!;
    if (depth > maxDepth) return true;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children) {
      if (typeof child === 'object' && child !== null) {
        values.push(child as object);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** JSON.parse that throws JsonTooDeepError past `maxDepth` (and SyntaxError as JSON.parse does). */
export function parseBoundedJson(text: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const value: unknown = JSON.parse(text);
  if (mayNest(text) && nestsDeeperThan(value, maxDepth)) throw new JsonTooDeepError(maxDepth);
  return value;
}
