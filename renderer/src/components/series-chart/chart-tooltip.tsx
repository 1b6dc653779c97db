// The tooltip of a series chart: at the pointer's x, every visible series' value there (highest first,
// found by binary search) and a row for each run that diverged before it. It follows the hover store,
// so it re-renders alone, once per animation frame at most.
import type { XKind } from '../../../../shared/domain/run-views';
import { formatX, formatY } from './chart-format';
import { tooltipRows, type ChartModel } from './chart-model';
import { usePointer, type HoverStore } from './hover-store';

const MAX_ROWS = 24;
/** The widest the tooltip grows (series-chart.css): it flips to the left of the pointer when that would not fit. */
const WIDTH = 460;

interface ChartTooltipProps {
  hover: HoverStore;
  model: ChartModel;
  hidden: ReadonlySet<string>;
  /** The chart's width, to keep the tooltip inside it. */
  width: number;
  xKind: XKind;
}

export function ChartTooltip({ hover, model, hidden, width, xKind }: ChartTooltipProps) {
  const at = usePointer(hover).hover;
  if (!at) return null;
  const rows = tooltipRows(model, hidden, at.x);
  if (rows.length === 0) return null;
  const left = at.px + 16 + WIDTH > width ? Math.max(0, at.px - 16 - WIDTH) : at.px + 16;
  return (
    // Moved by transform on a layer of its own, so following the pointer repaints only the tooltip.
    <div className="chart-tooltip" style={{ transform: `translateX(${left}px)` }} data-testid="chart-tooltip" role="status">
      <div className="chart-tooltip-x">{formatX(xKind, at.x)}</div>
      {rows.slice(0, MAX_ROWS).map((row) => (
        <div key={row.key} className={row.diverged ? 'chart-tooltip-row diverged' : 'chart-tooltip-row'} data-testid={row.diverged ? 'tooltip-diverged' : undefined}>
          <svg className="swatch" width="14" height="6" aria-hidden="true">
            <line x1="0" x2="14" y1="3" y2="3" stroke={row.color} strokeWidth="2.5" strokeDasharray={row.dash || undefined} />
          </svg>
          <span className="label">{row.label}</span>
          <span className="value">{row.diverged ? `${row.diverged.kind} since ${formatX(xKind, row.diverged.x)}` : formatY(row.y!, 5)}</span>
        </div>
      ))}
      {rows.length > MAX_ROWS && <div className="muted">… {rows.length - MAX_ROWS} more</div>}
    </div>
  );
}
