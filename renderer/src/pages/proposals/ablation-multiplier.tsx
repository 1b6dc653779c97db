// For a scaling ablation (runs at 3 or more model sizes): each variant's effective-compute multiplier
// over the baseline at the target compute, with its 95 % bootstrap interval and whether the gain
// grows, holds or shrinks with scale. Computed by the Scaling page's fit, off the UI thread.
import { decodeNumber } from '../../../../shared/api/json-number';
import { useApiQuery } from '../../api/use-api';
import { routeHref } from '../../app/router';

/** Resamples for the interval shown here; the Scaling page offers more. */
const RESAMPLES = 200;

function times(value: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '×∞' : '–';
  return `×${value >= 100 ? value.toFixed(0) : value >= 0.01 ? value.toFixed(2) : value.toExponential(1)}`;
}

export function AblationMultiplier({ ablationId }: { ablationId: string }) {
  const scaling = useApiQuery('getAblationScaling', { ablation: ablationId, bootstrap: RESAMPLES }, { staleTime: Infinity });
  if (scaling.error) return <span className="muted">Effective compute not available: {scaling.error.message}</span>;
  if (!scaling.data) return <span className="muted">Fitting the scaling laws of {ablationId}…</span>;
  if (scaling.data.error) return <span className="muted">Effective compute not available: {scaling.data.error}</span>;
  const target = scaling.data.targetCompute;
  return (
    <ul className="multipliers">
      {scaling.data.variants.map((variant) => {
        const at = variant.atTarget;
        if (!at) return <li key={variant.key}>{variant.key}: no multiplier at the target compute</li>;
        const estimate = decodeNumber(at.multiplier.estimate);
        const [low, high] = at.multiplier.p95.map(decodeNumber);
        const interval =
          at.multiplier.samples > 0 && Number.isFinite(low) && Number.isFinite(high)
            ? `95 % ${times(low!)} to ${times(high!)} over ${at.multiplier.samples} resamples`
            : 'no bootstrap interval';
        const beyond = at.extrapolationFactor > 1 ? `, ${at.extrapolationFactor.toFixed(1)}× beyond the largest run` : '';
        if (!Number.isFinite(estimate)) {
          return (
            <li key={variant.key}>
              <strong>{variant.key}</strong>: the fit gives no multiplier at {target.toExponential(1)} FLOPs{' '}
              <span className="muted">
                ({interval}; the gain {variant.verdict} with scale{beyond})
              </span>
            </li>
          );
        }
        return (
          <li key={variant.key}>
            <strong>{variant.key}</strong> is worth {times(estimate)} the baseline's compute{' '}
            <span className="muted">
              ({interval}) at {target.toExponential(1)} FLOPs; the gain {variant.verdict} with scale{beyond}
            </span>
          </li>
        );
      })}
      <li className="muted">
        <a href={routeHref('scaling', { ablation: ablationId })}>Fits and curves on the Scaling page →</a>
      </li>
    </ul>
  );
}
