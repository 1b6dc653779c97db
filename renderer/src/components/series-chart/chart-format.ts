// Axis and tooltip text for chart values: compact counts (1.2B tokens), powers of ten for FLOPs, durations
// for relative time, dates for wall time, and enough digits to tell close losses apart.
import type { XKind } from '../../../../shared/domain/run-views';

export const X_LABELS: Record<XKind, string> = {
  step: 'Step',
  tokens: 'Tokens',
  flops: 'FLOPs',
  time: 'Wall time',
  'relative-time': 'Relative time',
};

export function formatCount(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e15) return value.toExponential(2).replace('e+', 'e');
  const units: [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, unit] of units) if (abs >= size) return `${Number((value / size).toPrecision(3))}${unit}`;
  return Number(value.toPrecision(4)).toString();
}

/** 5e19, 1.25e20: FLOPs span decades, and their mantissa needs only the digits it has. */
export function formatPowerOfTen(value: number): string {
  if (value === 0) return '0';
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  const mantissa = Number((value / 10 ** exponent).toPrecision(3));
  return mantissa === 10 ? `1e${exponent + 1}` : `${mantissa}e${exponent}`;
}

export function formatDuration(seconds: number): string {
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '−' : '';
  if (s < 60) return `${sign}${Number(s.toPrecision(3))} s`;
  if (s < 3600) return `${sign}${Number((s / 60).toPrecision(3))} min`;
  if (s < 86400 * 2) return `${sign}${Number((s / 3600).toPrecision(3))} h`;
  return `${sign}${Number((s / 86400).toPrecision(3))} d`;
}

export function formatX(kind: XKind, value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (kind === 'time') return new Date(value * 1000).toISOString().slice(5, 16).replace('T', ' ');
  if (kind === 'relative-time') return formatDuration(value);
  if (kind === 'flops') return formatPowerOfTen(value);
  return formatCount(value);
}

/** Enough significant digits that neighbouring ticks or close values read differently. */
export function formatY(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}
