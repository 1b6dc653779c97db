// What a series chart draws, independent of where it came from (runs, seed groups, deltas).
import type { NonFiniteKindName } from '../../../../shared/domain/run-views';

export interface ChartLine {
  key: string;
  /** The legend entry that shows and hides it. */
  legendKey: string;
  color: string;
  dash: string;
  xs: number[];
  ys: (number | null)[];
  /** Drawn thin and pale behind its smoothed line; not in the tooltip. */
  faint?: boolean;
}

export interface ChartBand {
  key: string;
  legendKey: string;
  color: string;
  xs: number[];
  lower: (number | null)[];
  upper: (number | null)[];
}

export interface ChartMarkers {
  key: string;
  legendKey: string;
  color: string;
  xs: number[];
  kinds: NonFiniteKindName[];
}

export interface LegendEntry {
  key: string;
  label: string;
  color: string;
  dash: string;
  /** Shown after the label, muted (e.g. "3 seeds", "no tokens logged"). */
  detail?: string;
}

export interface ChartModel {
  lines: ChartLine[];
  bands: ChartBand[];
  markers: ChartMarkers[];
  legend: LegendEntry[];
}

export const EMPTY_MODEL: ChartModel = { lines: [], bands: [], markers: [], legend: [] };

/** The value of a line nearest to x (lines are sorted by x); null when it has none there. */
export function valueNear(line: ChartLine, x: number): { x: number; y: number } | null {
  const xs = line.xs;
  if (xs.length === 0) return null;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  const candidates = [lo - 1, lo].filter((i) => i >= 0 && i < xs.length && line.ys[i] !== null);
  if (candidates.length === 0) return null;
  const best = candidates.reduce((a, b) => (Math.abs(xs[a] - x) <= Math.abs(xs[b] - x) ? a : b));
  return { x: xs[best], y: line.ys[best]! };
}

/** The y range of what is visible in [x0, x1], for the axis. */
export function visibleYRange(model: ChartModel, hidden: ReadonlySet<string>, x0: number, x1: number, positiveOnly: boolean): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  const take = (x: number, y: number | null) => {
    if (y === null || !Number.isFinite(y) || x < x0 || x > x1 || (positiveOnly && y <= 0)) return;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  };
  for (const line of model.lines) if (!hidden.has(line.legendKey)) line.xs.forEach((x, i) => take(x, line.ys[i]));
  for (const band of model.bands) {
    if (hidden.has(band.legendKey)) continue;
    band.xs.forEach((x, i) => {
      take(x, band.lower[i]);
      take(x, band.upper[i]);
    });
  }
  return lo <= hi ? [lo, hi] : null;
}
