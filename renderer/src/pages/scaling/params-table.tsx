// The fitted parameters with their 80 and 95 % bootstrap intervals, the compute-optimal exponents,
// and how the fit was found.
import type { ApiInterval, ScalingFitView, ScalingParamName } from '../../../../shared/api/scaling-methods';
import { formatNumber, formatRange, hasInterval, num } from './scaling-format';

const ROWS: { name: ScalingParamName; label: string; meaning: string }[] = [
  { name: 'E', label: 'E', meaning: 'irreducible loss' },
  { name: 'A', label: 'A', meaning: 'model-size term' },
  { name: 'alpha', label: 'α', meaning: 'exponent of N' },
  { name: 'B', label: 'B', meaning: 'data term' },
  { name: 'beta', label: 'β', meaning: 'exponent of D' },
  { name: 'a', label: 'a = β/(α+β)', meaning: 'N_opt ∝ C^a' },
  { name: 'b', label: 'b = α/(α+β)', meaning: 'D_opt ∝ C^b' },
];

function IntervalCell({ interval }: { interval: ApiInterval | undefined }) {
  if (!hasInterval(interval)) return <td className="num muted">–</td>;
  return <td className="num">{formatRange(interval.p80, (v) => formatNumber(v, 4))}</td>;
}

export function ParamsTable({ view }: { view: ScalingFitView }) {
  const fit = view.fit;
  if (!fit) return null;
  const intervals = view.intervals;
  return (
    <>
      <table className="data scaling-params" data-testid="params-table">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col" className="num">Fit</th>
            <th scope="col" className="num">80 % interval</th>
            <th scope="col" className="num">95 % interval</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((row) => {
            const interval = intervals?.[row.name];
            return (
              <tr key={row.name} data-param={row.name}>
                <th scope="row">
                  {row.label}
                  <span className="muted param-meaning">{row.meaning}</span>
                </th>
                <td className="num">{formatNumber(num(fit.params[row.name]), 4)}</td>
                <IntervalCell interval={interval} />
                <td className="num">{hasInterval(interval) ? formatRange(interval.p95, (v) => formatNumber(v, 4)) : <span className="muted">–</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted scaling-note">
        L(N, D) = E + A/N<sup>α</sup> + B/D<sup>β</sup>, fitted to {fit.n} runs by L-BFGS from {fit.starts.toLocaleString('en-US')} starting points (Huber δ = {fit.delta}{' '}
        on log loss); {fit.startsAtOptimum.toLocaleString('en-US')} of them end at the optimum{fit.converged ? '' : ', which did not meet a stopping test'}.
      </p>
    </>
  );
}
