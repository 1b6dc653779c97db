// The evidence side of a proposal: its best measured gain with the interval, compute spent against
// budget, and the linked ablations and runs.
import type { GainEstimate, ProposalDetail } from '../../../../shared/api/proposals-methods';
import { AblationMultiplier } from './ablation-multiplier';
import { formatChipHours, formatMetricDelta, formatParams, formatRelativeGain } from '../../components/proposals/proposals-format';

/** Ablations whose linked runs cover at least 3 model sizes: the scaling ablations. */
function scalingAblations(detail: ProposalDetail): string[] {
  const sizes = new Map<string, Set<number>>();
  for (const run of detail.runs) {
    if (run.ablation === null || run.params === null) continue;
    sizes.set(run.ablation, (sizes.get(run.ablation) ?? new Set()).add(run.params));
  }
  return [...sizes].filter(([, set]) => set.size >= 3).map(([id]) => id);
}

export function GainLine({ gain }: { gain: GainEstimate }) {
  return (
    <span className="gain-line">
      <strong className={gain.unproven ? 'unproven' : gain.gain > 0 ? 'better' : 'worse'}>{formatRelativeGain(gain)}</strong>{' '}
      {gain.unproven && (
        <span className="badge" title="The 95 % interval includes zero, or there are too few seeds for one: not a failure, not yet a result">
          unproven
        </span>
      )}
    </span>
  );
}

function Evidence({ detail }: { detail: ProposalDetail }) {
  const gain = detail.evidence;
  if (!gain) {
    const notes = detail.ablations.map((a) => `${a.id}: ${a.gainNote ?? 'no measurement'}`);
    return (
      <p className="muted">
        No measured gain yet{notes.length > 0 ? ` (${notes.join('; ')})` : ': no ablation is linked to this proposal'}.
      </p>
    );
  }
  return (
    <div className="evidence">
      <div className="evidence-figure">
        <GainLine gain={gain} /> <span className="muted">of the baseline</span>
      </div>
      <div>
        <strong>{gain.variant}</strong> against <strong>{gain.baseline}</strong> in {gain.ablationId}
        {gain.ablationTitle ? ` (${gain.ablationTitle})` : ''}: {formatMetricDelta(gain)}
      </div>
      <div className="muted">
        Read at {gain.compareAt} = {gain.x.toExponential(2)}
        {gain.params !== null ? `, model size ${formatParams(gain.params)} (the largest compared)` : ''}; {gain.variantSeeds} vs {gain.baselineSeeds} seeds
        {gain.note ? `; ${gain.note}` : ''}.
      </div>
    </div>
  );
}

function ComputeBudget({ detail }: { detail: ProposalDetail }) {
  const budget = detail.chipHoursBudget;
  const share = budget ? detail.chipHoursSpent / budget : null;
  return (
    <div className="compute-budget">
      <div>
        <strong>{formatChipHours(detail.chipHoursSpent)}</strong> chip-hours spent
        {budget !== null ? (
          <>
            {' '}
            of <strong>{formatChipHours(budget)}</strong> budgeted ({Math.round((share ?? 0) * 100)} %)
          </>
        ) : (
          <span className="muted"> (no budget in the front matter)</span>
        )}
      </div>
      {share !== null && (
        <div className={`progress budget-bar${share > 1 ? ' over' : ''}`} role="meter" aria-valuemin={0} aria-valuemax={budget!} aria-valuenow={detail.chipHoursSpent} aria-label="Chip-hours spent of budget">
          <div style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
      )}
      {detail.runsWithoutChipHours > 0 && <div className="muted">{detail.runsWithoutChipHours} linked run(s) give no chip_hours and are not counted.</div>}
    </div>
  );
}

export function ProposalEvidence({ detail }: { detail: ProposalDetail }) {
  return (
    <>
      <section className="panel" aria-labelledby="evidence-h">
        <h2 id="evidence-h">Evidence</h2>
        <Evidence detail={detail} />
        {scalingAblations(detail).map((id) => (
          <div key={id} className="scaling-evidence">
            <span className="muted">Across scale ({id}):</span> <AblationMultiplier ablationId={id} />
          </div>
        ))}
        <ComputeBudget detail={detail} />
      </section>
      <section className="panel" aria-labelledby="ablations-h">
        <h2 id="ablations-h">Linked ablations ({detail.ablations.length})</h2>
        {detail.ablations.length === 0 ? (
          <p className="muted">None.</p>
        ) : (
          <table className="data">
            <thead>
              <tr>
                <th>Ablation</th>
                <th>Metric</th>
                <th className="num">Runs</th>
                <th>Best gain (95 % interval)</th>
              </tr>
            </thead>
            <tbody>
              {detail.ablations.map((a) => (
                <tr key={a.id}>
                  <td className="wrap">
                    {a.title ?? a.id} <span className="muted">{a.id}</span>
                  </td>
                  <td>{a.metric ?? '–'}</td>
                  <td className="num">{a.runCount}</td>
                  <td className="wrap">{a.gain ? <GainLine gain={a.gain} /> : <span className="muted">{a.gainNote}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <details className="linked-runs">
          <summary>Linked runs ({detail.runs.length})</summary>
          <table className="data">
            <thead>
              <tr>
                <th>Run</th>
                <th>Ablation</th>
                <th>Variant</th>
                <th className="num">Seed</th>
                <th className="num">Size</th>
                <th>State</th>
                <th className="num">Chip-hours</th>
              </tr>
            </thead>
            <tbody>
              {detail.runs.map((r) => (
                <tr key={r.id}>
                  <td>{r.name ?? r.id}</td>
                  <td>{r.ablation ?? '–'}</td>
                  <td>{r.variant ?? '–'}</td>
                  <td className="num">{r.seed ?? '–'}</td>
                  <td className="num">{formatParams(r.params)}</td>
                  <td>{r.state ?? '–'}</td>
                  <td className="num">{formatChipHours(r.chipHours)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      </section>
    </>
  );
}
