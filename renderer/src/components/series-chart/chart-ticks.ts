// Round tick values for a chart axis: 1, 2, 2.5 or 5 times a power of ten on a linear axis, powers of
// ten (or 1-2-5 within them when few decades show) on a log axis; for wall time, calendar boundaries in
// the viewer's time zone (d3-time: whole hours, midnights, Mondays, months); for relative time, round
// durations (15 min, 6 h, 2 d), so that a tick never reads 6.94 h.
import { timeTicks } from 'd3-time';
import type { XKind } from '../../../../shared/domain/run-views';

function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction < 1.5 ? 1 : fraction < 2.25 ? 2 : fraction < 3.5 ? 2.5 : fraction < 7.5 ? 5 : 10;
  return nice * power;
}

export function linearTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const step = niceStep(hi - lo, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(k === 0 ? 0 : Number((k * step).toPrecision(12)));
  return ticks;
}

export function logTicks(lo: number, hi: number, count: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return lo > 0 ? [lo] : [];
  // Within about a decade, round linear values read better than the one or two powers that fit.
  if (Math.log10(hi / lo) < 1.2) return linearTicks(lo, hi, count).filter((v) => v > 0);
  const a = Math.floor(Math.log10(lo));
  const b = Math.ceil(Math.log10(hi));
  const ticks: number[] = [];
  const multiples = b - a <= 2 ? [1, 2, 5] : [1];
  const every = Math.max(1, Math.ceil((b - a + 1) / count));
  for (let k = a; k <= b; k++) {
    if ((k - a) % every !== 0 && multiples.length === 1) continue;
    for (const m of multiples) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (v >= lo && v <= hi) ticks.push(v);
    }
  }
  return ticks.length >= 2 ? ticks : linearTicks(lo, hi, count).filter((v) => v > 0);
}

/** Wall-time ticks (seconds since the epoch) on the calendar's round moments. */
export function wallTimeTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi) || Math.abs(hi) > MAX_DATE_SECONDS || Math.abs(lo) > MAX_DATE_SECONDS) return [];
  return timeTicks(new Date(lo * 1000), new Date(hi * 1000), Math.max(1, count)).map((d) => d.getTime() / 1000);
}

/** The largest second count a Date holds (±100,000,000 days). */
export const MAX_DATE_SECONDS = 8.64e12;

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;
const DURATION_STEPS = [1, 2, 5, 10, 15, 30, MINUTE, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY, 2 * DAY, 7 * DAY, 14 * DAY];

/** Relative-time ticks (seconds) at multiples of a round duration; beyond a fortnight, round day counts. */
export function durationTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const wanted = (hi - lo) / Math.max(1, count);
  if (wanted < 1) return linearTicks(lo, hi, count);
  const step = DURATION_STEPS.find((s) => s >= wanted) ?? niceStep((hi - lo) / DAY, count) * DAY;
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(k * step);
  return ticks;
}

/** Durations a log axis can tick at: each a round unit, about one per half-decade. */
const LOG_DURATIONS = [1, 10, MINUTE, 10 * MINUTE, HOUR, 6 * HOUR, DAY, 7 * DAY, 30 * DAY, 365 * DAY];

function logDurationTicks(lo: number, hi: number, count: number): number[] {
  const inside = LOG_DURATIONS.filter((d) => d >= lo && d <= hi);
  return inside.length >= 2 ? inside : durationTicks(lo, hi, count).filter((v) => v > 0);
}

export function axisTicks(domain: [number, number], log: boolean, count: number, kind: XKind | 'value' = 'value'): number[] {
  const [lo, hi] = domain;
  if (kind === 'time') return wallTimeTicks(lo, hi, count);
  if (kind === 'relative-time') return log ? logDurationTicks(lo, hi, count) : durationTicks(lo, hi, count);
  return log ? logTicks(lo, hi, count) : linearTicks(lo, hi, count);
}
