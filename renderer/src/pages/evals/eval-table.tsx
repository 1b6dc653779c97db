// Every eval, grouped by its team.yaml suite: kind, noise floor, minimum detectable effects for 1, 2, 3
// and 5 seeds per arm, the ablations using it, and its small-to-large predictivity with the proxy
// verdict. Clicking an eval selects it for the scatter below.
import type { EvalQuality, EvalQualityReport } from '../../../../shared/api/evals-methods';
import { DIRECTION_LABELS, formatValue, KIND_BADGE, KIND_LABELS, rankCorrelationText, signAgreementText, VERDICT_BADGE, VERDICT_LABELS } from './evals-format';

const COLUMNS = 12;

function NoiseCell({ quality }: { quality: EvalQuality }) {
  const floor = quality.noiseFloor;
  if (floor.std === null) {
    return (
      <td className="num muted" title={floor.reason ?? undefined}>
        –
      </td>
    );
  }
  return (
    <td className="num" title={`Pooled over ${floor.groups} groups of seeds (${floor.runs} runs), ${floor.df} degrees of freedom`}>
      {formatValue(floor.std)}
    </td>
  );
}

function PredictivityCells({ quality }: { quality: EvalQuality }) {
  const p = quality.predictivity;
  const s = p.signAgreement;
  const signTitle =
    s.rate === null
      ? (s.reason ?? undefined)
      : `${s.agreements} of ${s.n} resolved pairs agree in sign (95 % Wilson interval)${s.unresolved > 0 ? `; ${s.unresolved} pair${s.unresolved === 1 ? '' : 's'} left out: large-scale delta within the noise` : ''}`;
  const r = p.rankCorrelation;
  return (
    <>
      <td className="num" title={signTitle}>
        {signAgreementText(quality)} {s.rate !== null && <span className="muted small">n {s.n}</span>}
      </td>
      <td className="num" title={r.reason ?? `Spearman ρ over ${r.n} ablation-variant pairs (95 % Fisher interval)`}>
        {rankCorrelationText(quality)} <span className="muted small">n {p.n}</span>
      </td>
      <td>
        <span className={VERDICT_BADGE[p.verdict]} title={p.verdictReason} data-verdict={p.verdict}>
          {VERDICT_LABELS[p.verdict]}
        </span>
      </td>
    </>
  );
}

function EvalRow({ quality, selected, onSelect }: { quality: EvalQuality; selected: boolean; onSelect: () => void }) {
  return (
    <tr className={`clickable${selected ? ' selected' : ''}`} aria-selected={selected} data-metric={quality.metric} onClick={onSelect}>
      <td>
        <button type="button" className="link-button" aria-pressed={selected}>
          {quality.metric}
        </button>
      </td>
      <td title="Which way is better">{DIRECTION_LABELS[quality.better]}</td>
      <NoiseCell quality={quality} />
      {quality.detectableEffects.map((d) => (
        <td key={d.seedsPerArm} className={`num${d.mde === null ? ' muted' : ''}`} title={d.reason ?? `${d.seedsPerArm} seeds per arm, df ${d.df}`}>
          {formatValue(d.mde)}
        </td>
      ))}
      <td className="num" title={quality.ablationsUsing.length > 0 ? `Deciding metric of ${quality.ablationsUsing.join(', ')}` : 'No ablation decides on it'}>
        {quality.ablationsUsing.length} <span className="muted small">of {quality.ablationsMeasuring}</span>
      </td>
      <PredictivityCells quality={quality} />
    </tr>
  );
}

export function EvalTable({ report, selected, onSelect }: { report: EvalQualityReport; selected: string | null; onSelect: (metric: string) => void }) {
  return (
    <div className="evals-table-wrap">
      <table className="data evals-table" data-testid="evals-table">
        <thead>
          <tr>
            <th rowSpan={2}>Eval</th>
            <th rowSpan={2}>Better</th>
            <th rowSpan={2} className="num">
              Noise floor σ
            </th>
            <th colSpan={4} className="num group-head">
              Minimum detectable effect, seeds per arm
            </th>
            <th rowSpan={2} className="num" title="Ablations deciding on it, of those that measured it">
              Ablations
            </th>
            <th colSpan={3} className="group-head">
              Small scale predicts large scale?
            </th>
          </tr>
          <tr>
            {report.rules.seedsPerArm.map((n) => (
              <th key={n} className="num">
                {n}
              </th>
            ))}
            <th className="num">Sign agreement</th>
            <th className="num">Rank correlation</th>
            <th>Proxy</th>
          </tr>
        </thead>
        {report.suites.map((suite) => (
          <tbody key={suite.prefix ?? 'unclassified'} data-suite={suite.prefix ?? ''}>
            <tr className="suite-row">
              <th colSpan={COLUMNS} scope="rowgroup">
                {suite.name} {suite.prefix && <code className="muted">{suite.prefix}</code>}{' '}
                <span className={KIND_BADGE[suite.kind]} data-kind={suite.kind}>
                  {KIND_LABELS[suite.kind]}
                </span>
              </th>
            </tr>
            {suite.evals.map((quality) => (
              <EvalRow key={quality.metric} quality={quality} selected={quality.metric === selected} onSelect={() => onSelect(quality.metric)} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  );
}
