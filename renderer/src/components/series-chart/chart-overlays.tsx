// The crosshair and the zoom selection, drawn over the chart's SVG as elements on compositor layers of
// their own (will-change: transform, moved by transform): when they move the browser composites them
// again, but never repaints the thousands of points of the lines beneath.
import type { ChartTheme } from './chart-theme';
import { usePointer, type HoverStore } from './hover-store';

interface PointerOverlayProps {
  hover: HoverStore;
  theme: ChartTheme;
  /** The plot's top edge and height in pixels, as recharts lays it out. */
  top: number;
  height: number;
}

export function PointerOverlay({ hover, theme, top, height }: PointerOverlayProps) {
  const { hover: at, drag } = usePointer(hover);
  return (
    <>
      {at && (
        <div
          className="chart-crosshair"
          data-testid="chart-crosshair"
          style={{ top, height, transform: `translateX(${at.px}px)`, borderColor: theme.axis }}
        />
      )}
      {drag && (
        <div
          className="chart-selection"
          data-testid="zoom-selection"
          style={{ top, height, transform: `translateX(${Math.min(drag.from, drag.to)}px)`, width: Math.abs(drag.to - drag.from), borderColor: theme.focus, background: `color-mix(in srgb, ${theme.focus} 18%, transparent)` }}
        />
      )}
    </>
  );
}
