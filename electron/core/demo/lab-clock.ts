// All demo dates derive from one instant, asOf, so a lab generated "as of" a given hour is reproducible.
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export interface LabClock {
  asOfMs: number;
  /** Midnight UTC of asOf's day. */
  todayMs: number;
  /** A time relative to today's midnight: negative days are in the past. */
  at(dayOffset: number, hour?: number, minute?: number): number;
}

export function defaultAsOf(nowMs: number = Date.now()): Date {
  return new Date(Math.floor(nowMs / HOUR_MS) * HOUR_MS);
}

export function createLabClock(asOf: Date): LabClock {
  const asOfMs = asOf.getTime();
  if (!Number.isFinite(asOfMs)) throw new Error('asOf is not a valid date');
  const todayMs = Math.floor(asOfMs / DAY_MS) * DAY_MS;
  return {
    asOfMs,
    todayMs,
    at: (dayOffset, hour = 0, minute = 0) => todayMs + dayOffset * DAY_MS + hour * HOUR_MS + minute * 60_000,
  };
}

/** ISO 8601 in whole seconds: 2026-11-20T10:03:00Z. */
export function isoInstant(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
