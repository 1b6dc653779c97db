// The legend under a chart: one button per series that shows or hides it (shift-click shows only it).
import type { LegendEntry } from './chart-model';

interface ChartLegendProps {
  entries: LegendEntry[];
  hidden: ReadonlySet<string>;
  onChange(hidden: Set<string>): void;
}

export function ChartLegend({ entries, hidden, onChange }: ChartLegendProps) {
  if (entries.length === 0) return null;
  return (
    <div className="chart-legend" role="group" aria-label="Series (click to show or hide, shift-click to show only one)">
      {entries.map((entry) => {
        const off = hidden.has(entry.key);
        return (
          <button
            key={entry.key}
            type="button"
            className="legend-entry"
            aria-pressed={!off}
            data-testid="legend-entry"
            title={off ? 'Show' : 'Hide (shift-click: show only this one)'}
            onClick={(e) => {
              if (e.shiftKey) {
                onChange(new Set(entries.filter((x) => x.key !== entry.key).map((x) => x.key)));
                return;
              }
              const next = new Set(hidden);
              if (off) next.delete(entry.key);
              else next.add(entry.key);
              onChange(next);
            }}
          >
            <svg width="22" height="10" aria-hidden="true">
              <line x1="1" x2="21" y1="5" y2="5" stroke={entry.color} strokeWidth="2.5" strokeDasharray={entry.dash || undefined} />
            </svg>
            <span className="legend-label">{entry.label}</span>
            {entry.detail && <span className="legend-detail">{entry.detail}</span>}
          </button>
        );
      })}
    </div>
  );
}
