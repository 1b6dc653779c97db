// Every series colour stands out from the chart background of its theme (WCAG 2 contrast, computed here
// from the colours and from the backgrounds app.css gives each theme), and no two colours of a theme are
// near twins.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERIES_COLORS, seriesColorsFor } from '../../../../renderer/src/components/series-chart/series-colors';

function channels(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16) / 255) as [number, number, number];
}

/** sRGB channel to linear light (IEC 61966-2-1). */
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** WCAG 2 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** CIE L*a*b* (D65) for the colour difference ΔE*76. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function deltaE(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** The chart background (--surface) of each theme, as the stylesheet sets it. */
function surfaces(): Record<string, string> {
  const css = fs.readFileSync(path.resolve(__dirname, '../../../../renderer/src/theme/app.css'), 'utf8');
  const found: Record<string, string> = {};
  for (const block of css.matchAll(/\[data-theme='(\w+)'\]\s*\{([^}]*)\}/g)) {
    const surface = /--surface:\s*(#[0-9a-fA-F]{6})/.exec(block[2]!);
    if (surface) found[block[1]!] = surface[1]!;
  }
  return found;
}

describe('series colours', () => {
  const backgrounds = surfaces();

  it('finds a background for every theme with a palette', () => {
    expect(Object.keys(backgrounds).sort()).toEqual(Object.keys(SERIES_COLORS).sort());
  });

  it.each(Object.keys(SERIES_COLORS))('stands every %s colour out from its background by 3:1 (4.5:1 for contrast)', (theme) => {
    const floor = theme === 'contrast' ? 4.5 : 3;
    const colorOf = seriesColorsFor(theme);
    const weak = Array.from({ length: 16 }, (_, i) => colorOf(i)).filter((c) => contrast(c, backgrounds[theme]!) < floor);
    expect(weak).toEqual([]);
  });

  it('measures as the WCAG examples do: black on white is 21:1, Okabe–Ito yellow on white is too faint', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#F0E442', '#ffffff')).toBeLessThan(1.5);
  });

  it.each(Object.keys(SERIES_COLORS))('keeps the %s colours apart from each other (ΔE*76 ≥ 12)', (theme) => {
    const palette = SERIES_COLORS[theme as keyof typeof SERIES_COLORS];
    const close = palette.flatMap((a, i) => palette.slice(i + 1).filter((b) => deltaE(a, b) < 12).map((b) => `${a}~${b}`));
    expect(close).toEqual([]);
  });
});
