// A config or metric value as one short line. Very large and very small numbers are written with an
// exponent ("1.45e20", "3e-4"), never as 21 digits of FLOPs; `digits` significant digits at most.
import type { ConfigValue } from '../../../shared/domain/run-views';

export function showConfigValue(value: ConfigValue | undefined, digits = 5): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  const rounded = Number(value.toPrecision(digits));
  const magnitude = Math.abs(rounded);
  if (magnitude >= 1e5 || (magnitude !== 0 && magnitude < 1e-3)) return rounded.toExponential().replace('e+', 'e');
  return String(rounded);
}
