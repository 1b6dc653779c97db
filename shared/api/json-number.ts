// Numbers that may be non-finite, carried through JSON. JSON has no NaN or ±Infinity, and a
// silent `null` would lose the difference between "undefined" (NaN) and "unbounded" (Infinity),
// so they travel as the strings the lab store itself uses for them.

export type NonFiniteText = 'NaN' | 'Infinity' | '-Infinity';
export type JsonNumber = number | NonFiniteText;

export function encodeNumber(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

export function decodeNumber(value: JsonNumber | null | undefined): number {
  if (typeof value === 'number') return value;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  return NaN;
}

/**
 * A deep copy of plain data with every non-finite number replaced by its text. Strings are left
 * as they are, so a field that was a string stays one; only number positions change.
 */
export function encodeNonFinite<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === 'number') return encodeNumber(value);
  if (Array.isArray(value)) return value.map(walk);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (inner !== undefined) out[key] = walk(inner);
    }
    return out;
  }
  return value;
}
