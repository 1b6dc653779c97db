// Numbers, units and colours of the work split (Team page, the review's balance slide), in one place
// so every chart, table and panel agrees.
import type { ProposalKind, SplitMeasure } from '../../../../shared/worksplit';
import { SERIES_PALETTE, VERDICT_COLORS } from '../../theme/palette';

export const KIND_COLORS: Record<ProposalKind, string> = {
  'critical-path': SERIES_PALETTE[0],
  exploratory: SERIES_PALETTE[1],
};

export const KIND_LABELS: Record<ProposalKind, string> = {
  'critical-path': 'Critical path',
  exploratory: 'Exploratory',
};

/** Over-committed cells are tinted vermillion, unassigned ones sky blue; a text marker says the same without colour. */
export const LOAD_COLORS = { over: VERDICT_COLORS.worse, under: SERIES_PALETTE[4] } as const;
export const LOAD_MARKERS = { over: '▲', under: '▽' } as const;

export const BAND_COLOR = SERIES_PALETTE[7];

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`;
}

/** A gap between two shares in percentage points, signed. */
export function points(gap: number): string {
  const rounded = Math.round(gap * 100);
  return `${rounded > 0 ? '+' : rounded < 0 ? '−' : '±'}${Math.abs(rounded)} pts`;
}

export function unitOf(measure: SplitMeasure): string {
  return measure === 'compute' ? 'chip-hours' : 'person-weeks';
}

export function amount(value: number, measure: SplitMeasure): string {
  if (measure === 'compute') return Math.round(value).toLocaleString('en-US');
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

export function amountWithUnit(value: number, measure: SplitMeasure): string {
  return `${amount(value, measure)} ${unitOf(measure)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "14 Sep" from 2026-09-14: week starts read better than ISO week numbers on an axis. */
export function shortDay(day: string): string {
  const [, month, date] = day.split('-');
  return `${Number(date)} ${MONTHS[Number(month) - 1] ?? ''}`;
}

/**
 * Monday of the first week that belongs to a phase starting on `start`: a week goes to the phase
 * holding most of its days (see shared/worksplit phaseOfWeek), so a phase starting on a Friday
 * begins with the next week. That is the first Monday on or after start − 3 days.
 */
export function firstWeekOfPhase(start: string): string {
  const ms = Date.parse(`${start}T00:00:00Z`) - 3 * 86_400_000;
  const weekday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms + ((7 - weekday) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** YYYY-MM-DD of `today` minus whole days, in UTC. */
export function daysBefore(today: string, days: number): string {
  const ms = Date.parse(`${today}T00:00:00Z`) - days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}
