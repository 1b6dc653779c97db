// Times in the store are ISO 8601 strings: a date, or a date and time with an optional zone.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

export const ISO_TIME_EXPECTED = 'an ISO 8601 date or time, e.g. "2026-10-03T12:00:00Z"';

export function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_8601.test(value) && !Number.isNaN(Date.parse(canonicalInput(value)));
}

/**
 * The instant as a canonical UTC string, so that times written with different zones sort correctly.
 * A time without a zone is read as UTC: a shared store must not mean different instants on different machines.
 */
export function canonicalIsoTime(value: string): string {
  return new Date(Date.parse(canonicalInput(value))).toISOString();
}

function canonicalInput(value: string): string {
  const text = value.replace(',', '.').replace(' ', 'T');
  return text.length > 10 && !/(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(text) ? `${text}Z` : text;
}
