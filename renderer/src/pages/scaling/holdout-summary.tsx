// "Does it predict?": the fit made without the largest compute scale, and how well it predicts
// the runs at that scale. Small-scale evidence is only worth what it predicts at scale.
import type { ScalingFitView } from '../../../../shared/api/scaling-methods';
import { formatCompute, formatFactor, formatLoss, formatPercent, num } from '../../components/scaling-charts/scaling-format';

export function HoldoutSummary({ view }: { view: ScalingFitView }) {
  const holdout = view.holdout;
  if (!holdout) {
    return (
      <section className="panel" data-testid="holdout">
        <h2>Does it predict?</h2>
        <p className="muted">No holdout check: {view.holdoutError ?? 'no fit.'}</p>
      </section>
    );
  }
  const error = num(holdout.meanAbsRelativeError);
  const bias = num(holdout.meanRelativeError);
  return (
    <section className="panel" data-testid="holdout">
      <h2>Does it predict?</h2>
      <p className="holdout-headline">
        Fitted on smaller scales, it predicts the largest within <strong>{formatPercent(error)}</strong>
      </p>
      <p className="muted">
        {holdout.n} runs up to {formatCompute(holdout.largestFittedCompute)} FLOPs predict {holdout.predictions.length}{' '}
        {holdout.predictions.length === 1 ? 'run' : 'runs'} at {formatCompute(holdout.heldOutCompute)} FLOPs ({formatFactor(holdout.extrapolationFactor)} beyond);
        the prediction is {bias >= 0 ? 'high' : 'low'} by {formatPercent(Math.abs(bias))} on average.
      </p>
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Held-out run</th>
            <th scope="col" className="num">Actual</th>
            <th scope="col" className="num">Predicted</th>
            <th scope="col" className="num">Error</th>
          </tr>
        </thead>
        <tbody>
          {holdout.predictions.map((p) => (
            <tr key={p.runId}>
              <td>{p.runId}</td>
              <td className="num">{formatLoss(p.actual)}</td>
              <td className="num">{formatLoss(num(p.predicted))}</td>
              <td className="num">{formatPercent(num(p.relativeError))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
