// For a scaling ablation (runs at 3 or more model sizes): each variant's effective-compute multiplier
// over the baseline at the largest compute both arms were fitted on, with its 95 % bootstrap
// interval, and the verdict derived from them by shared/scaling/multiplier-verdict.ts — the same
// words as the Scaling page, never a verdict without its interval. Computed off the UI thread.
import { formatMultiplierWithInterval, verdictSymbol } from '../../../../shared/scaling/multiplier-verdict';
import { useApiQuery } from '../../api/use-api';
import { routeHref } from '../../app/router';
import { formatCompute, intervalOf } from '../../components/scaling-charts/scaling-format';

/** Resamples for the interval shown here; the Scaling page offers more. */
const RESAMPLES = 200;

export function AblationMultiplier({ ablationId }: { ablationId: string }) {
  const scaling = useApiQuery('getAblationScaling', { ablation: ablationId, bootstrap: RESAMPLES }, { staleTime: Infinity });
  if (scaling.error) return <span className="muted">Effective compute not available: {scaling.error.message}</span>;
  if (!scaling.data) return <span className="muted">Fitting the scaling laws of {ablationId}…</span>;
  if (scaling.data.error) return <span className="muted">Effective compute not available: {scaling.data.error}</span>;
  return (
    <ul className="multipliers" data-testid={`multipliers-${ablationId}`}>
      {scaling.data.variants.map(({ key, verdict }) => (
        <li key={key} data-testid={`multiplier-${key}`} data-verdict={verdict.kind}>
          <strong>{key}</strong> is worth <strong>{formatMultiplierWithInterval(intervalOf(verdict.multiplier))}</strong> the baseline's compute at{' '}
          {formatCompute(verdict.atCompute)} FLOPs, the largest both were run at: {verdictSymbol(verdict.kind)}{' '}
          {verdict.text.charAt(0).toLowerCase() + verdict.text.slice(1)}
          <span className="muted"> ({verdict.multiplier.samples} resamples)</span>
        </li>
      ))}
      <li className="muted">
        <a href={routeHref('scaling', { scope: `ablation:${ablationId}` })}>Fits, curves and how the verdict is read on the Scaling page →</a>
      </li>
    </ul>
  );
}
