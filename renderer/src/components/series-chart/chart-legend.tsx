// The legend under a chart: one button per series that shows or hides it (shift-click shows only it),
// and a key to the markers of non-finite values when the chart draws any.
import type { NonFiniteKindName } from '../../../../shared/domain/run-views';
import type { ChartMarkers, LegendEntry } from './chart-model';

interface ChartLegendProps {
  entries: LegendEntry[];
  hidden: ReadonlySet<string>;
  onChange(hidden: Set<string>): void;
  /** The chart's non-finite markers: the kinds drawn get a key. */
  markers?: ChartMarkers[];
}

/** The marker shapes as chart-layers draws them, in a 12×12 box. */
const MARKER_KEYS: { kind: NonFiniteKindName; path: string; text: string }[] = [
  { kind: 'nan', path: 'M1.5,1.5L10.5,10.5M10.5,1.5L1.5,10.5', text: 'NaN (at the top edge)' },
  { kind: 'inf', path: 'M1,10L11,10L6,1Z', text: '+Infinity (top edge)' },
  { kind: '-inf', path: 'M1,2L11,2L6,11Z', text: '−Infinity (bottom edge)' },
];

function MarkerKey({ markers, hidden }: { markers: ChartMarkers[]; hidden: ReadonlySet<string> }) {
  const drawn = new Set(markers.filter((m) => !hidden.has(m.legendKey)).flatMap((m) => m.kinds));
  const keys = MARKER_KEYS.filter((k) => drawn.has(k.kind));
  if (keys.length === 0) return null;
  return (
    <span className="legend-markers" data-testid="legend-markers" title="Values that are not finite numbers cannot sit on the y axis: they are drawn as markers at the plot's edge, in their run's colour.">
      {keys.map((k) => (
        <span key={k.kind} className="legend-marker">
          <svg width="12" height="12" aria-hidden="true">
            <path d={k.path} stroke="currentColor" fill="currentColor" strokeWidth="2" />
          </svg>
          {k.text}
        </span>
      ))}
    </span>
  );
}

export function ChartLegend({ entries, hidden, onChange, markers = [] }: ChartLegendProps) {
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
      <MarkerKey markers={markers} hidden={hidden} />
    </div>
  );
}
