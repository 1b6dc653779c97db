// How scaling numbers are written (Scaling page, review slides, proposals): model sizes and token
// counts the way people say them (1.5B, 20B), compute in powers of ten, losses to three decimals,
// intervals as [low, high].
import { decodeNumber, type JsonNumber } from '../../../../shared/api/json-number';
import type { ApiInterval } from '../../../../shared/api/scaling-methods';
import type { Interval } from '../../../../shared/scaling/types';

export const num = (v: JsonNumber | null | undefined): number => decodeNumber(v);

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

export function powerOfTen(exponent: number): string {
  return `10${String(exponent).split('').map((c) => SUPERSCRIPT[c] ?? c).join('')}`;
}

function nonFinite(v: number): string | null {
  if (Number.isNaN(v)) return '–';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  return null;
}

/** 2.19e21 → "2.2 × 10²¹". */
export function formatCompute(v: number, digits = 2): string {
  const special = nonFinite(v);
  if (special) return special;
  if (v === 0) return '0';
  let exponent = Math.floor(Math.log10(Math.abs(v)));
  let mantissa = Number((v / 10 ** exponent).toPrecision(digits));
  // 9.99…e18 rounds to a mantissa of 10: write it as 1 × 10¹⁹.
  if (Math.abs(mantissa) >= 10) {
    exponent += 1;
    mantissa = Number((mantissa / 10).toPrecision(digits));
  }
  const text = mantissa.toString();
  return text === '1' ? powerOfTen(exponent) : `${text} × ${powerOfTen(exponent)}`;
}

/** 1.46e9 → "1.46B", 2.2e10 → "22B". */
export function formatCount(v: number): string {
  const special = nonFinite(v);
  if (special) return special;
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, unit] of units) {
    if (Math.abs(v) >= scale) return `${Number((v / scale).toPrecision(3))}${unit}`;
  }
  return Number(v.toPrecision(3)).toString();
}

export function formatNumber(v: number, digits = 4): string {
  const special = nonFinite(v);
  if (special) return special;
  if (v !== 0 && (Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3)) return v.toExponential(digits - 1);
  return Number(v.toPrecision(digits)).toString();
}

export function formatLoss(v: number): string {
  return nonFinite(v) ?? v.toFixed(3);
}

export function formatPercent(v: number, digits = 2): string {
  return nonFinite(v) ?? `${(100 * v).toFixed(digits)} %`;
}

/** A factor: "3.2×", "0.969×" (3 significant digits, 4 from 100, or `digits`). Never "∞×": an unbounded factor is said in words. */
export function formatFactor(v: number, digits?: number): string {
  if (v === Infinity) return 'unbounded';
  const special = nonFinite(v);
  if (special) return special;
  return `${Number(v.toPrecision(digits ?? (v >= 100 ? 4 : 3)))}×`;
}

export function formatRange(range: [JsonNumber, JsonNumber], format: (v: number) => string): string {
  return `[${format(num(range[0]))}, ${format(num(range[1]))}]`;
}

/** An interval of the API with its numbers decoded (non-finite ones included). */
export function intervalOf(i: ApiInterval): Interval {
  return { estimate: num(i.estimate), median: num(i.median), p80: [num(i.p80[0]), num(i.p80[1])], p95: [num(i.p95[0]), num(i.p95[1])], samples: i.samples };
}

export function hasInterval(i: ApiInterval | null | undefined): i is ApiInterval {
  return !!i && i.samples > 0;
}
