// One rule for every axis's tick labels: each label states its tick exactly, so no two read the
// same. An axis is written with the fewest digits (decimals, or significant digits), from its own
// minimum, at which every tick rounds to itself — an axis from −0.0125 to +0.0025 reads
// −0.0125, −0.0100, … instead of "−0.01, −0.01, −0.01, ±0.00". Ticks are round numbers (a multiple
// of a 1-2-2.5-5 step, or a power of ten), so a few digits always suffice.

/** Decimals after the point, or significant digits. */
export type DigitKind = 'decimals' | 'significant';

/** Most digits tried. */
const MAX_DIGITS = 15;

function rounded(value: number, kind: DigitKind, digits: number): number {
  return kind === 'decimals' ? Number(value.toFixed(Math.min(100, digits))) : Number(value.toPrecision(Math.max(1, Math.min(100, digits))));
}

/** The fewest digits, from `minDigits`, at which every tick rounds to itself and no two ticks to one value. */
export function tickDigits(ticks: readonly number[], kind: DigitKind, minDigits = kind === 'decimals' ? 0 : 1): number {
  const finite = ticks.filter(Number.isFinite);
  if (finite.length === 0) return minDigits;
  const span = Math.max(...finite) - Math.min(...finite);
  const tolerance = 1e-9 * (span > 0 ? span : Math.abs(finite[0]!) || 1);
  for (let digits = minDigits; digits < MAX_DIGITS; digits++) {
    const values = finite.map((t) => rounded(t, kind, digits));
    if (values.every((v, i) => Math.abs(v - finite[i]!) <= tolerance) && new Set(values).size === new Set(finite).size) return digits;
  }
  return MAX_DIGITS;
}

/** The labels of an axis's ticks, each written by `write` with the digits the axis needs. */
export function tickLabels(ticks: readonly number[], kind: DigitKind, write: (value: number, digits: number) => string, minDigits?: number): string[] {
  const digits = tickDigits(ticks, kind, minDigits);
  return ticks.map((t) => write(t, digits));
}

/** The same as a one-value-at-a-time formatter, for a chart library given the ticks. */
export function tickFormatter(ticks: readonly number[], kind: DigitKind, write: (value: number, digits: number) => string, minDigits?: number): (value: number) => string {
  const digits = tickDigits(ticks, kind, minDigits);
  return (value) => write(value, digits);
}

/** A number to `digits` significant digits, without trailing zeros: 2.5, 2.75, 0.0001. */
export function significant(value: number, digits: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number(value.toPrecision(Math.max(1, Math.min(100, digits)))).toString();
}
