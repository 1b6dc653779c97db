// The pointer over a chart: drag-to-zoom and the hover position. A move only writes to the chart's hover
// store; the crosshair and the tooltip subscribe to it and are drawn over the SVG on layers of their own
// (chart-overlays.tsx), so a move never makes the browser paint the lines again.
import { type MouseEvent } from 'react';
import { usePlotArea, useXAxisInverseScale } from 'recharts';
import type { HoverStore } from './hover-store';

interface PointerLayerProps {
  hover: HoverStore;
  onZoom?(from: number, to: number): void;
}

/** Hover and drag-to-zoom over the plot: a selection narrower than 4 px is a click, not a zoom. */
export function PointerLayer({ hover, onZoom }: PointerLayerProps) {
  const plot = usePlotArea();
  const invert = useXAxisInverseScale();
  if (!plot || !invert) return null;
  const pixel = (e: MouseEvent<SVGRectElement>) => {
    const svg = e.currentTarget.ownerSVGElement!;
    const px = e.clientX - svg.getBoundingClientRect().left;
    return Math.min(plot.x + plot.width, Math.max(plot.x, px));
  };
  const finish = () => {
    const drag = hover.getDrag();
    if (drag && onZoom && Math.abs(drag.to - drag.from) >= 4) {
      const a = Number(invert(Math.min(drag.from, drag.to)));
      const b = Number(invert(Math.max(drag.from, drag.to)));
      if (Number.isFinite(a) && Number.isFinite(b) && b > a) onZoom(a, b);
    }
    hover.setDrag(null);
  };
  return (
    <rect
      data-testid="chart-pointer"
      x={plot.x}
      y={plot.y}
      width={Math.max(0, plot.width)}
      height={Math.max(0, plot.height)}
      fill="transparent"
      style={{ cursor: onZoom ? 'crosshair' : 'default' }}
      onMouseMove={(e) => {
        // recharts' wrapper would otherwise work out its own tooltip state for every move: we draw our own.
        e.stopPropagation();
        const px = pixel(e);
        const dragging = hover.getDrag();
        if (dragging) hover.setDrag({ ...dragging, to: px });
        const x = Number(invert(px));
        hover.set(Number.isFinite(x) ? { x, px } : null);
      }}
      onMouseLeave={() => {
        hover.set(null);
        finish();
      }}
      onMouseDown={(e) => {
        if (e.button !== 0 || !onZoom) return;
        e.preventDefault();
        const px = pixel(e);
        hover.setDrag({ from: px, to: px });
      }}
      onMouseUp={finish}
    />
  );
}
