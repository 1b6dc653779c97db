// Layers drawn inside the recharts chart with its scales: non-finite markers pinned to the plot's top
// (NaN ×, +Infinity ▲) or bottom (−Infinity ▼) edge, and the pointer layer that draws the crosshair and
// the drag-to-zoom selection.
import { useState, type MouseEvent } from 'react';
import { usePlotArea, useXAxisInverseScale, useXAxisScale } from 'recharts';
import type { ChartMarkers } from './chart-model';
import type { ChartTheme } from './chart-theme';

function markerPath(kind: string, x: number, top: number, bottom: number): string {
  if (kind === 'inf') return `M${x - 5},${top + 10}L${x + 5},${top + 10}L${x},${top + 1}Z`;
  if (kind === '-inf') return `M${x - 5},${bottom - 10}L${x + 5},${bottom - 10}L${x},${bottom - 1}Z`;
  return `M${x - 4.5},${top + 1.5}L${x + 4.5},${top + 10.5}M${x + 4.5},${top + 1.5}L${x - 4.5},${top + 10.5}`;
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
            return px === undefined || px < plot.x - 1 || px > plot.x + plot.width + 1 ? '' : markerPath(m.kinds[i], px, top, bottom);
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

interface PointerLayerProps {
  theme: ChartTheme;
  onHover(x: number | null, pixelX: number): void;
  onZoom?(from: number, to: number): void;
}

/** Crosshair and drag-to-zoom: a selection narrower than 4 px is a click, not a zoom. */
export function PointerLayer({ theme, onHover, onZoom }: PointerLayerProps) {
  const plot = usePlotArea();
  const invert = useXAxisInverseScale();
  const [hoverPx, setHoverPx] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  if (!plot || !invert) return null;
  const pixel = (e: MouseEvent<SVGRectElement>) => {
    const svg = e.currentTarget.ownerSVGElement!;
    const px = e.clientX - svg.getBoundingClientRect().left;
    return Math.min(plot.x + plot.width, Math.max(plot.x, px));
  };
  const finish = () => {
    if (drag && onZoom && Math.abs(drag.to - drag.from) >= 4) {
      const a = Number(invert(Math.min(drag.from, drag.to)));
      const b = Number(invert(Math.max(drag.from, drag.to)));
      if (Number.isFinite(a) && Number.isFinite(b) && b > a) onZoom(a, b);
    }
    setDrag(null);
  };
  return (
    <g>
      {hoverPx !== null && <line x1={hoverPx} x2={hoverPx} y1={plot.y} y2={plot.y + plot.height} stroke={theme.axis} strokeDasharray="3 3" pointerEvents="none" />}
      {drag && (
        <rect
          data-testid="zoom-selection"
          x={Math.min(drag.from, drag.to)}
          y={plot.y}
          width={Math.abs(drag.to - drag.from)}
          height={plot.height}
          fill={theme.focus}
          fillOpacity={0.18}
          stroke={theme.focus}
          pointerEvents="none"
        />
      )}
      <rect
        data-testid="chart-pointer"
        x={plot.x}
        y={plot.y}
        width={Math.max(0, plot.width)}
        height={Math.max(0, plot.height)}
        fill="transparent"
        style={{ cursor: onZoom ? 'crosshair' : 'default' }}
        onMouseMove={(e) => {
          const px = pixel(e);
          setHoverPx(px);
          if (drag) setDrag({ ...drag, to: px });
          const x = Number(invert(px));
          onHover(Number.isFinite(x) ? x : null, px);
        }}
        onMouseLeave={() => {
          setHoverPx(null);
          onHover(null, 0);
          finish();
        }}
        onMouseDown={(e) => {
          if (e.button !== 0 || !onZoom) return;
          e.preventDefault();
          const px = pixel(e);
          setDrag({ from: px, to: px });
        }}
        onMouseUp={finish}
      />
    </g>
  );
}
