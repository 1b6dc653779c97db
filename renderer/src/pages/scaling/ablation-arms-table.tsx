// Every arm's fit under an ablation's multipliers: the power law of loss in compute when the arms
// ran at one tokens-per-parameter ratio, the Chinchilla parameters otherwise — greyed, with the
// reason, for an arm whose runs do not identify them. Intervals sit under their values, so the
// table fits its panel at 1280 px.
import type { AblationArmView, AblationScalingView, ApiInterval, ScalingScopeEntry } from '../../../../shared/api/scaling-methods';
import { updateParams } from '../../app/router';
import { formatNumber, formatRange, hasInterval, num } from '../../components/scaling-charts/scaling-format';

type Column = { label: string; title: string; value(arm: AblationArmView): { value: number; interval: ApiInterval | undefined } | null };

const chinchilla = (name: 'E' | 'A' | 'alpha' | 'B' | 'beta' | 'a', label: string, title: string): Column => ({
  label,
  title,
  value: (arm) => (arm.params ? { value: num(arm.params[name]), interval: arm.intervals?.[name] } : null),
});
const law = (name: 'E' | 'K' | 'gamma', label: string, title: string): Column => ({
  label,
  title,
  value: (arm) => (arm.law ? { value: num(arm.law.params[name]), interval: arm.law.intervals?.[name] } : null),
});

const FRONTIER_COLUMNS = [
  chinchilla('E', 'E', 'irreducible loss'),
  chinchilla('A', 'A', 'model-size term'),
  chinchilla('alpha', 'α', 'exponent of N'),
  chinchilla('B', 'B', 'data term'),
  chinchilla('beta', 'β', 'exponent of D'),
  chinchilla('a', 'a', 'N_opt ∝ C^a'),
];
const LAW_COLUMNS = [law('E', 'E', 'irreducible loss'), law('K', 'K', 'scale of the compute term'), law('gamma', 'γ', 'exponent of compute: L = E + K·C^−γ')];

function ParamCell({ column, arm }: { column: Column; arm: AblationArmView }) {
  const cell = column.value(arm);
  if (!cell) return <td className="num muted">–</td>;
  const unidentified = arm.identifiability?.identifiable === false;
  return (
    <td className={`num${unidentified ? ' not-identified' : ''}`} title={unidentified ? 'Not identified by these runs: see the note below the table' : undefined}>
      {formatNumber(cell.value, 3)}
      {!unidentified && hasInterval(cell.interval) && <span className="muted cell-interval">{formatRange(cell.interval.p80, (v) => formatNumber(v, 3))}</span>}
    </td>
  );
}

export function AblationArmsTable({ view, entry }: { view: AblationScalingView; entry: ScalingScopeEntry }) {
  const alongLaws = view.method === 'design-ratio';
  const columns = alongLaws ? LAW_COLUMNS : FRONTIER_COLUMNS;
  const unidentified = view.arms.filter((a) => a.identifiability?.identifiable === false);
  const heading = alongLaws ? `Arms: loss against compute, L = E + K·C^−γ (E ${view.E})` : `Arms: Chinchilla fits (E ${view.E})`;
  return (
    <section className="panel">
      <h2>{heading}</h2>
      <div className="scaling-scroll">
        <table className="data arms-table" data-testid="arms-table">
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col" className="num">Runs</th>
              <th scope="col" className="num">Sizes</th>
              <th scope="col" className="num" title="tokens per parameter">Tokens / param</th>
              {columns.map((c) => (
                <th key={c.label} scope="col" className="num" title={c.title}>
                  {c.label}
                </th>
              ))}
              <th scope="col" aria-label="Fit" />
            </tr>
          </thead>
          <tbody>
            {view.arms.map((arm) => (
              <tr key={arm.key} data-arm={arm.key} data-identifiable={arm.identifiability ? String(arm.identifiability.identifiable) : undefined}>
                <th scope="row">
                  {arm.key}
                  {arm.key === view.baseline && <span className="badge">baseline</span>}
                </th>
                <td className="num">
                  {arm.n}
                  {arm.excluded > 0 && <span className="muted cell-interval">+{arm.excluded} excluded</span>}
                </td>
                <td className="num">{arm.sizes}</td>
                <td className="num">{arm.ratio === null ? 'several' : Math.round(arm.ratio)}</td>
                {columns.map((c) => (
                  <ParamCell key={c.label} column={c} arm={arm} />
                ))}
                <td>
                  <button className="btn" onClick={() => updateParams({ scope: `ablation:${entry.id}:${arm.key}` })}>
                    Open its fit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unidentified.length > 0 && (
        <p className="scaling-note not-identified-note" data-testid="arms-not-identified">
          Greyed: the runs of {unidentified.map((a) => a.key).join(', ')} do not identify the Chinchilla parameters. {unidentified[0]!.identifiability!.reason}
        </p>
      )}
      <p className="muted scaling-note">Parameters with their 80 % bootstrap intervals beneath. Open a variant's fit to see its points and exclude outliers.</p>
    </section>
  );
}
