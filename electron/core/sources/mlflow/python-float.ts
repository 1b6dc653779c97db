// MLflow writes metric values with Python's str(float) and reads them back with float(), so the
// text forms to accept are Python's: "nan", "inf", "-inf", "Infinity", "1e-05", "-0.0", "3"…

const FINITE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const SPECIAL = /^([+-]?)(nan|inf|infinity)$/i;

/** The number `text` spells as Python's float() reads it, or undefined if it is not a number. */
export function parsePythonFloat(text: string): number | undefined {
  if (FINITE.test(text)) return Number(text);
  const special = SPECIAL.exec(text);
  if (!special) return undefined;
  if (special[2]!.toLowerCase() === 'nan') return NaN;
  return special[1] === '-' ? -Infinity : Infinity;
}

const INTEGER = /^[+-]?\d+$/;

/** Python int() of a decimal string, or undefined. */
export function parsePythonInt(text: string): number | undefined {
  return INTEGER.test(text) ? Number(text) : undefined;
}
