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

/** The index of the first of the sorted `xs` at or after x (xs.length when none is): a binary search. */
export function firstAtOrAfter(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The value of a line nearest to x (lines are sorted by x), found by binary search; null when it has
 * none there: x outside the line's span (a run that ended or diverged before x has no value at x).
 */
export function valueNear(line: ChartLine, x: number): { x: number; y: number } | null {
  const xs = line.xs;
  if (xs.length === 0 || x < xs[0]! || x > xs[xs.length - 1]!) return null;
  const lo = firstAtOrAfter(xs, x);
  let best = -1;
  for (const i of [lo - 1, lo]) {
    if (i < 0 || i >= xs.length || line.ys[i] === null) continue;
    if (best < 0 || Math.abs(xs[i]! - x) < Math.abs(xs[best]! - x)) best = i;
  }
  return best < 0 ? null : { x: xs[best]!, y: line.ys[best]! };
}

const MARKER_TEXT: Record<NonFiniteKindName, string> = { nan: 'NaN', inf: '+Infinity', '-inf': '−Infinity' };

export interface TooltipRow {
  key: string;
  label: string;
  color: string;
  dash: string;
  /** The value at the cursor; null for a run that diverged before it. */
  y: number | null;
  /** For a diverged run: its first non-finite value and where it came. */
  diverged?: { kind: string; x: number };
}

/**
 * What the tooltip lists at x: each visible series' value there, highest first, and a row for each run
 * that has diverged by x (a NaN/±Infinity before x and no finite value after it), listed first.
 */
export function tooltipRows(model: ChartModel, hidden: ReadonlySet<string>, x: number): TooltipRow[] {
  const legend = new Map(model.legend.map((e) => [e.key, e]));
  const rows: TooltipRow[] = [];
  const valued = new Set<string>();
  for (const line of model.lines) {
    const entry = legend.get(line.legendKey);
    if (line.faint || hidden.has(line.legendKey) || !entry) continue;
    const near = valueNear(line, x);
    if (!near) continue;
    valued.add(line.legendKey);
    rows.push({ key: line.key, label: entry.label, color: line.color, dash: line.dash, y: near.y });
  }
  const diverged: TooltipRow[] = [];
  for (const markers of model.markers) {
    const entry = legend.get(markers.legendKey);
    if (hidden.has(markers.legendKey) || !entry || valued.has(markers.legendKey) || markers.xs.length === 0 || markers.xs[0]! > x) continue;
    // The first marker after the series' last finite value before x: where it went off the chart.
    const lastFinite = Math.max(-Infinity, ...model.lines.filter((l) => l.legendKey === markers.legendKey).map((l) => lastFiniteBefore(l, x)));
    const i = firstAtOrAfter(markers.xs, lastFinite);
    if (i >= markers.xs.length || markers.xs[i]! > x) continue;
    diverged.push({ key: markers.key, label: entry.label, color: markers.color, dash: entry.dash, y: null, diverged: { kind: MARKER_TEXT[markers.kinds[i]!], x: markers.xs[i]! } });
  }
  rows.sort((a, b) => b.y! - a.y!);
  return [...diverged, ...rows];
}

function lastFiniteBefore(line: ChartLine, x: number): number {
  for (let i = firstAtOrAfter(line.xs, x) - 1; i >= 0; i--) if (line.ys[i] !== null) return line.xs[i]!;
  return -Infinity;
}

/** The y range of what is visible in [x0, x1], for the axis. */
export function visibleYRange(model: ChartModel, hidden: ReadonlySet<string>, from: number, to: number, positiveOnly: boolean): [number, number] | null {
  // A range read back from a log axis can miss its end points by a rounding (26214400.00000001): a
  // relative hair of slack keeps the first and last points in.
  const slack = (Math.abs(from) + Math.abs(to)) * 1e-12;
  const x0 = from - slack;
  const x1 = to + slack;
  let lo = Infinity;
  let hi = -Infinity;
  const take = (x: number, y: number | null) => {
    if (y === null || !Number.isFinite(y) || x < x0 || x > x1 || (positiveOnly && y <= 0)) return;
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  };
  for (const line of model.lines) if (!hidden.has(line.legendKey)) line.xs.forEach((x, i) => take(x, line.ys[i] ?? null));
  for (const band of model.bands) {
    if (hidden.has(band.legendKey)) continue;
    band.xs.forEach((x, i) => {
      take(x, band.lower[i] ?? null);
      take(x, band.upper[i] ?? null);
    });
  }
  return lo <= hi ? [lo, hi] : null;
}
