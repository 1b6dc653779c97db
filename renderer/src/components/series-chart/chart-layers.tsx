// Layers drawn inside the recharts chart with its plot area: the data (bands, lines) as one SVG path
// each, and non-finite markers pinned to the plot's top (NaN ×, +Infinity ▲) or bottom (−Infinity ▼) edge.
import { useId, useMemo } from 'react';
import { usePlotArea, useXAxisScale } from 'recharts';
import type { ChartBand, ChartLine, ChartMarkers } from './chart-model';

function markerPath(kind: string, x: number, top: number, bottom: number): string {
  if (kind === 'inf') return `M${x - 5},${top + 10}L${x + 5},${top + 10}L${x},${top + 1}Z`;
  if (kind === '-inf') return `M${x - 5},${bottom - 10}L${x + 5},${bottom - 10}L${x},${bottom - 1}Z`;
  return `M${x - 4.5},${top + 1.5}L${x + 4.5},${top + 10.5}M${x + 4.5},${top + 1.5}L${x - 4.5},${top + 10.5}`;
}

type Scale = (value: number) => number;

/**
 * value → pixel for an axis drawn from `from` to `to` pixels over `domain`, as recharts' linear or log
 * scale maps it, rounded to a tenth of a pixel. NaN where a log axis cannot place the value. Inlined
 * arithmetic: this runs for every drawn point.
 */
export function pixelScale(domain: [number, number], from: number, to: number, log: boolean): Scale {
  if (log) {
    const d0 = Math.log10(domain[0]);
    const k = (to - from) / (Math.log10(domain[1]) - d0 || 1);
    return (v) => (v > 0 ? Math.round((from + (Math.log10(v) - d0) * k) * 10) / 10 : NaN);
  }
  const d0 = domain[0];
  const k = (to - from) / (domain[1] - d0 || 1);
  return (v) => Math.round((from + (v - d0) * k) * 10) / 10;
}

/** An SVG path through the points, broken where a value is missing or cannot be placed (≤ 0 on a log axis). */
function linePath(xs: readonly number[], ys: readonly (number | null)[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  let open = false;
  for (let i = 0; i < xs.length; i++) {
    // Past either array's end (they are of one length) is a gap, like a missing value.
    const yi = ys[i] ?? null;
    const px = x(xs[i] ?? NaN);
    const py = yi === null ? NaN : y(yi);
    if (px !== px || py !== py) {
      open = false;
      continue;
    }
    parts.push((open ? 'L' : 'M') + px + ',' + py);
    open = true;
  }
  return parts.join('');
}

/** A closed band between lower and upper values, one polygon per stretch without a gap. */
function bandPath(band: ChartBand, x: Scale, y: Scale): string {
  let d = '';
  let upper: string[] = [];
  let lower: string[] = [];
  const close = () => {
    if (upper.length > 1) d += `M${upper.join('L')}L${lower.reverse().join('L')}Z`;
    upper = [];
    lower = [];
  };
  for (let i = 0; i < band.xs.length; i++) {
    const lo = band.lower[i] ?? null;
    const hi = band.upper[i] ?? null;
    const px = x(band.xs[i] ?? NaN);
    const plo = lo === null ? NaN : y(lo);
    const phi = hi === null ? NaN : y(hi);
    if (!Number.isFinite(px) || !Number.isFinite(plo) || !Number.isFinite(phi)) {
      close();
      continue;
    }
    upper.push(px + ',' + phi);
    lower.push(px + ',' + plo);
  }
  close();
  return d;
}

interface DataLayerProps {
  lines: ChartLine[];
  bands: ChartBand[];
  hidden: ReadonlySet<string>;
  xDomain: [number, number];
  yDomain: [number, number];
  xLog: boolean;
  yLog: boolean;
  compact?: boolean;
}

/**
 * The data of the chart — bands under lines, faint raw lines under their smoothed ones — as one SVG path
 * each, built in one pass per line over the plot area recharts laid out. Twenty runs of M4 points draw in
 * a few tens of ms, where a recharts <Line> per series spends most of a second on per-point bookkeeping.
 */
export function DataLayer({ lines, bands, hidden, xDomain, yDomain, xLog, yLog, compact }: DataLayerProps) {
  const plot = usePlotArea();
  const clipId = useId().replace(/:/g, '');
  const [x0, x1] = xDomain;
  const [y0, y1] = yDomain;
  const left = plot?.x ?? 0;
  const top = plot?.y ?? 0;
  const plotWidth = plot?.width ?? 0;
  const plotHeight = plot?.height ?? 0;
  // The paths are the costly part of a drawing: built again only when what they show changes, never
  // because the page around the chart re-rendered.
  const paths = useMemo(() => {
    const x = pixelScale([x0, x1], left, left + plotWidth, xLog);
    const y = pixelScale([y0, y1], top + plotHeight, top, yLog);
    const shown = <T extends { legendKey: string }>(items: T[]) => items.filter((item) => !hidden.has(item.legendKey));
    const ordered = [...lines.filter((l) => l.faint), ...lines.filter((l) => !l.faint)];
    return {
      bands: shown(bands).map((band) => ({ band, d: bandPath(band, x, y) })),
      lines: shown(ordered).map((line) => ({ line, d: linePath(line.xs, line.ys, x, y) })),
    };
  }, [lines, bands, hidden, x0, x1, y0, y1, left, top, plotWidth, plotHeight, xLog, yLog]);
  if (!plot) return null;
  return (
    <g className="series-data" data-testid="series-data">
      <defs>
        <clipPath id={`clip-${clipId}`}>
          <rect x={plot.x} y={plot.y - 1} width={plot.width} height={plot.height + 2} />
        </clipPath>
      </defs>
      <g clipPath={`url(#clip-${clipId})`}>
        {paths.bands.map(({ band, d }) => (
          <path key={band.key} className="series-band" d={d} fill={band.color} fillOpacity={0.18} stroke="none" />
        ))}
        {paths.lines.map(({ line, d }) => (
          <path
            key={line.key}
            className={line.faint ? 'series-line faint' : 'series-line'}
            d={d}
            fill="none"
            stroke={line.color}
            strokeOpacity={line.faint ? 0.28 : 1}
            strokeWidth={line.faint ? 1 : compact ? 1.2 : 1.6}
            strokeDasharray={line.dash || undefined}
            strokeLinejoin="round"
            data-points={line.xs.length}
          />
        ))}
      </g>
    </g>
  );
}

export function MarkerLayer({ markers, hidden }: { markers: ChartMarkers[]; hidden: ReadonlySet<string> }) {
  const scale = useXAxisScale();
  const plot = usePlotArea();
  if (!scale || !plot) return null;
  const top = plot.y;
  const bottom = plot.y + plot.height;
  return (
    <g data-testid="nonfinite-markers">
      {markers
        .filter((m) => !hidden.has(m.legendKey) && m.xs.length > 0)
        .map((m) => {
          const shapes = m.xs.map((x, i) => {
            const px = scale(x);
            const kind = m.kinds[i];
            // NaN where the axis cannot place x (≤ 0 on a log axis): such a marker is left out, not drawn at "MNaN".
            return kind === undefined || px === undefined || !Number.isFinite(px) || px < plot.x - 1 || px > plot.x + plot.width + 1 ? '' : markerPath(kind, px, top, bottom);
          });
          const counts = { nan: 0, inf: 0, '-inf': 0 };
          m.kinds.forEach((k) => counts[k]++);
          return (
            <path key={m.key} d={shapes.join('')} stroke={m.color} fill={m.color} strokeWidth={2} data-count={m.xs.length}>
              <title>{`${counts.nan} NaN, ${counts.inf} +Infinity, ${counts['-inf']} −Infinity`}</title>
            </path>
          );
        })}
    </g>
  );
}
