// The fitted parameters with their 80 and 95 % bootstrap intervals, the compute-optimal exponents,
// and how the fit was found. When the runs do not identify them (one tokens-per-parameter ratio,
// or an ill-conditioned fit), the reason comes first, then the power law of loss in compute the
// runs do support with its intervals, and the Chinchilla parameters greyed: where the optimizer
// stopped, not findings.
import type { ApiInterval, ComputeLawView, ScalingFitView, ScalingParamName } from '../../../../shared/api/scaling-methods';
import { formatNumber, formatRange, hasInterval, num } from '../../components/scaling-charts/scaling-format';

const ROWS: { name: ScalingParamName; label: string; meaning: string }[] = [
  { name: 'E', label: 'E', meaning: 'irreducible loss' },
  { name: 'A', label: 'A', meaning: 'model-size term' },
  { name: 'alpha', label: 'α', meaning: 'exponent of N' },
  { name: 'B', label: 'B', meaning: 'data term' },
  { name: 'beta', label: 'β', meaning: 'exponent of D' },
  { name: 'a', label: 'a = β/(α+β)', meaning: 'N_opt ∝ C^a' },
  { name: 'b', label: 'b = α/(α+β)', meaning: 'D_opt ∝ C^b' },
];

const LAW_ROWS: { name: keyof ComputeLawView['params']; label: string; meaning: string }[] = [
  { name: 'E', label: 'E', meaning: 'irreducible loss' },
  { name: 'K', label: 'K', meaning: 'scale of the compute term' },
  { name: 'gamma', label: 'γ', meaning: 'exponent of compute' },
];

function ParamRow({ name, label, meaning, value, interval, identified = true }: { name: string; label: string; meaning: string; value: number; interval: ApiInterval | undefined; identified?: boolean }) {
  const shown = identified && hasInterval(interval);
  return (
    <tr data-param={name} className={identified ? undefined : 'not-identified'}>
      <th scope="row">
        {label}
        <span className="muted param-meaning">{meaning}</span>
      </th>
      <td className="num">{formatNumber(value, 4)}</td>
      <td className={`num param-intervals${shown ? '' : ' muted'}`}>
        {shown ? (
          <>
            <span>
              <span className="muted">80 %</span> {formatRange(interval.p80, (v) => formatNumber(v, 4))}
            </span>
            <span>
              <span className="muted">95 %</span> {formatRange(interval.p95, (v) => formatNumber(v, 4))}
            </span>
          </>
        ) : identified ? (
          '–'
        ) : (
          'not identified'
        )}
      </td>
    </tr>
  );
}

function Head() {
  return (
    <thead>
      <tr>
        <th scope="col">Parameter</th>
        <th scope="col" className="num">
          Fit
        </th>
        <th scope="col" className="num">
          Bootstrap intervals
        </th>
      </tr>
    </thead>
  );
}

export function ParamsTable({ view }: { view: ScalingFitView }) {
  const fit = view.fit;
  if (!fit) return null;
  const identified = view.identifiability?.identifiable !== false;
  const law = view.computeLaw;
  return (
    <>
      {!identified && (
        <p className="not-identified-note" data-testid="not-identifiable" role="note">
          <strong>Not identifiable.</strong> {view.identifiability!.reason}
        </p>
      )}
      {law && (
        <table className="data scaling-params" data-testid="law-table">
          <caption>What the runs support: L(C) = E + K·C^−γ</caption>
          <Head />
          <tbody>
            {LAW_ROWS.map((row) => (
              <ParamRow key={row.name} {...row} value={num(law.params[row.name])} interval={law.intervals?.[row.name]} />
            ))}
          </tbody>
        </table>
      )}
      <table className="data scaling-params" data-testid="params-table" data-identifiable={String(identified)}>
        {!identified && <caption>Chinchilla parameters, not identified by these runs: where the optimizer stopped</caption>}
        <Head />
        <tbody>
          {ROWS.map((row) => (
            <ParamRow key={row.name} {...row} value={num(fit.params[row.name])} interval={view.intervals?.[row.name]} identified={identified} />
          ))}
        </tbody>
      </table>
      <p className="muted scaling-note">
        L(N, D) = E + A/N<sup>α</sup> + B/D<sup>β</sup>, fitted to {fit.n} runs by L-BFGS from {fit.starts.toLocaleString('en-US')} starting points (Huber δ = {fit.delta}{' '}
        on log loss); {fit.startsAtOptimum.toLocaleString('en-US')} of them end at the optimum{fit.converged ? '' : ', which did not meet a stopping test'}.
      </p>
    </>
  );
}
