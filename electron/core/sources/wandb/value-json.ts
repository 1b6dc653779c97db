// W&B writes item values with Python's json.dumps, which spells non-finite floats NaN, Infinity and
// -Infinity (not JSON). A history value is nearly always a bare number, read as such; anything else
// (objects, media, text) goes through JSON.parse with those three words swapped for markers first.

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const SPECIAL: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
const MARK = '\u0000wandb-nonfinite:';

export class ValueJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValueJsonError';
  }
}

/** The value a value_json text holds; numbers exactly as float64 reads their decimal text. */
export function parseValueJson(text: string): unknown {
  const first = text.charCodeAt(0);
  if ((first >= 0x30 && first <= 0x39) || first === 0x2d) {
    // Number() reads every JSON number exactly (and -Infinity); anything else it reads as NaN.
    const n = Number(text);
    if (n === n && (NUMBER.test(text) || n === -Infinity)) return n;
  }
  const special = SPECIAL[text];
  if (special !== undefined) return special;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (text === 'null') return null;
  // Outside strings only: a string may contain the word NaN.
  const marked = text.replace(/"(?:[^"\\]|\\.)*"|-?Infinity|NaN/g, (token) => (token.startsWith('"') ? token : JSON.stringify(MARK + token)));
  try {
    return JSON.parse(marked, (_key, value: unknown) => (typeof value === 'string' && value.startsWith(MARK) ? SPECIAL[value.slice(MARK.length)] : value));
  } catch (error) {
    throw new ValueJsonError(`value ${clip(text)} is not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${JSON.stringify(text.slice(0, 57))}…` : JSON.stringify(text);
}
