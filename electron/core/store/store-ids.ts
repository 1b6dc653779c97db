// Ids of the lab store. Every id that names a file or folder is checked against this pattern
// before it is used to build a path, so a name such as `..` or `a/b` can never reach the disk.
export const STORE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const STORE_ID_EXPECTED = 'an id matching ^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$ (letters, digits, ".", "_", "-"; at most 128 characters)';

export function isStoreId(value: unknown): value is string {
  return typeof value === 'string' && STORE_ID_PATTERN.test(value);
}

/** A short, safe rendering of a value for an issue message. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
