// UTC calendar arithmetic on whole days. A day is an integer count of days since 1970-01-01,
// so weeks and intervals are plain integer ranges and no time zone ever leaks in.

const MS_PER_DAY = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Day number of a YYYY-MM-DD string, or null when it is not a real calendar date. */
export function parseDay(text: string): number | null {
  const m = DATE_ONLY.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

/** Milliseconds since the epoch of an ISO date or date-time (a date alone is its UTC midnight). */
export function parseInstant(text: string): number | null {
  const day = parseDay(text);
  if (day !== null) return day * MS_PER_DAY;
  const m = DATE_TIME.exec(text);
  if (!m || parseDay(`${m[1]}-${m[2]}-${m[3]}`) === null) return null;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
}

/** The UTC day an instant falls on. */
export function dayOfInstant(ms: number): number {
  return Math.floor(ms / MS_PER_DAY);
}

export function dayToMs(day: number): number {
  return day * MS_PER_DAY;
}

export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Monday of the ISO week holding `day` (1970-01-01 was a Thursday). */
export function mondayOf(day: number): number {
  return day - (((day + 3) % 7) + 7) % 7;
}

/** ISO week label such as 2026-W05: the week belongs to the year holding its Thursday. */
export function isoWeekLabel(monday: number): string {
  const thursday = monday + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / MS_PER_DAY;
  const week = Math.floor((thursday - jan1) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Days shared by the half-open day ranges [a0, a1) and [b0, b1). */
export function overlapDays(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
}
