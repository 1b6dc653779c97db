// Legends of the loss–compute chart: model size on the colour ramp, and what each line means.
import { formatCount } from './scaling-format';
import type { SizeScale } from './size-colors';
import './scaling-charts.css';

export function SizeLegend({ sizes }: { sizes: SizeScale }) {
  return (
    <div className="scaling-legend" aria-label="Model size colours">
      <span className="muted">Model size N</span>
      {sizes.sizes.map((N) => (
        <span key={N} className="legend-item">
          <span className="legend-dot" style={{ background: sizes.color(N) }} aria-hidden="true" />
          {formatCount(N)}
        </span>
      ))}
    </div>
  );
}

/** `law`: the fit's parameters are not identifiable, and the line is the power law of loss in compute. */
export function LineLegend({ banded, law = false }: { banded: boolean; law?: boolean }) {
  return (
    <div className="scaling-legend" aria-label="Lines">
      <span className="legend-item">
        <span className="legend-line frontier" aria-hidden="true" />
        {law ? 'Loss against compute, L = E + K·C^−γ (fit)' : 'Compute-optimal frontier (fit)'}
      </span>
      {banded && (
        <span className="legend-item">
          <span className="legend-band" aria-hidden="true" />
          80 % / 95 % interval
        </span>
      )}
      {!law && (
        <span className="legend-item">
          <span className="legend-line size" aria-hidden="true" />
          Fitted loss of each size
        </span>
      )}
      <span className="legend-item">
        <span className="legend-line envelope" aria-hidden="true" />
        Envelope of training curves
      </span>
      <span className="legend-item">
        <svg width="14" height="14" aria-hidden="true" className="legend-excluded">
          <circle cx="7" cy="7" r="4.5" />
          <line x1="2" y1="12" x2="12" y2="2" />
        </svg>
        Excluded run
      </span>
    </div>
  );
}
