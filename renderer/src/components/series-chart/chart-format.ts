// Axis and tooltip text for chart values: compact counts (1.2B tokens), powers of ten for FLOPs, durations
// for relative time, dates for wall time, and enough digits to tell close losses apart.
import type { XKind } from '../../../../shared/domain/run-views';
import { tickFormatter } from '../tick-labels';

export const X_LABELS: Record<XKind, string> = {
  step: 'Step',
  tokens: 'Tokens',
  flops: 'FLOPs',
  time: 'Wall time',
  'relative-time': 'Relative time',
};

export function formatCount(value: number, digits = 3): string {
  const abs = Math.abs(value);
  if (abs >= 1e15) return value.toExponential(digits - 1).replace('e+', 'e');
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) if (abs >= size) return `${Number((value / size).toPrecision(digits))}${unit}`;
  return Number(value.toPrecision(Math.max(digits, 4))).toString();
}

/** 5e19, 1.25e20: FLOPs span decades, and their mantissa needs only the digits it has. */
export function formatPowerOfTen(value: number, digits = 3): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = Number((value / 10 ** exponent).toPrecision(digits));
  return mantissa === 10 ? `1e${exponent + 1}` : `${mantissa}e${exponent}`;
}

/** 42 s, 10 min 12 s, 1 h 10 min, 2 d 6 h: two units at most, the smaller one whole. */
export function formatDuration(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  const s = Math.abs(seconds);
  if (s < 60) return `${sign}${Number(s.toPrecision(3))} s`;
  const units: [number, string][] = [
    [86_400, 'd'],
    [3600, 'h'],
    [60, 'min'],
    [1, 's'],
  ];
  const split = (value: number) => {
    const i = units.findIndex(([size]) => value >= size);
    return { big: units[i]!, small: units[i + 1]! };
  };
  // Rounding to the smaller unit can carry into the larger one (59 min 59.8 s is 1 h): split again after.
  const [unit] = split(s).small;
  const rounded = Math.round(s / unit) * unit;
  const { big: [bigSize, bigName], small: [smallSize, smallName] } = split(rounded);
  const whole = Math.floor(rounded / bigSize);
  const rest = Math.round((rounded - whole * bigSize) / smallSize);
  return `${sign}${whole} ${bigName}${rest > 0 ? ` ${rest} ${smallName}` : ''}`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTH_DAY = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' });

/** A wall-time moment in the viewer's time zone, e.g. 2026-11-23 14:05; the raw number when no Date holds it. */
export function formatWallTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A wall-time tick by its roundest part: a midnight is its date (Nov 23), any other tick its time (14:00). */
export function formatWallTimeTick(seconds: number): string {
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) return String(seconds);
  if (d.getSeconds() !== 0) return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  if (d.getHours() !== 0 || d.getMinutes() !== 0) return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return MONTH_DAY.format(d);
}

export function formatX(kind: XKind, value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (kind === 'time') return formatWallTime(value);
  if (kind === 'relative-time') return formatDuration(value);
  if (kind === 'flops') return formatPowerOfTen(value, digits);
  return formatCount(value, digits);
}

/**
 * An x axis's tick formatter: wall time by each tick's roundest part; counts and FLOPs with the significant
 * digits the axis needs so that no two ticks read the same (a zoom into 1.2341B–1.2345B tokens keeps its digits).
 */
export function xTickFormatter(kind: XKind, ticks: readonly number[]): (value: number) => string {
  if (kind === 'time') return (value) => (Number.isFinite(value) ? formatWallTimeTick(value) : String(value));
  if (kind === 'relative-time') return (value) => formatX(kind, value);
  return tickFormatter(ticks, 'significant', (value, digits) => formatX(kind, value, digits), 3);
}

/** Enough significant digits that neighbouring ticks or close values read differently. */
export function formatY(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}
