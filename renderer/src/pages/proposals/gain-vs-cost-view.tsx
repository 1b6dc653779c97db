// Gain against cost: the scatter, the weights of the cost score (shown and adjustable) and the region
// thresholds, the legend, and the same points as a table (also for screen readers).
import { useEffect } from 'react';
import { DEFAULT_COST_WEIGHTS, describeCostWeights, type CostWeights } from '../../../../shared/domain/complexity-cost';
import { DEFAULT_REGION_THRESHOLDS, REGION_LABELS, type GainRegion } from '../../../../shared/domain/gain-vs-cost';
import { COMPLEXITY_KEYS, COMPLEXITY_LABELS } from '../../../../shared/domain/store-events';
import { useApiQuery } from '../../api/use-api';
import { useRememberedState } from '../../app/page-memory';
import { routeHref } from '../../app/router';
import { ComplexityBadge } from '../../components/complexity-badge';
import { ErrorPanel, LoadingState } from '../../components/state-views';
import { GainCostScatter, REGION_COLORS } from './gain-cost-scatter';

function NumberField({ label, value, onChange, step, hint }: { label: string; value: string; onChange: (v: string) => void; step: number; hint?: string }) {
  return (
    <label className="weight-field">
      <span>{label}</span>
      <input className="input" type="number" min={0} step={step} value={value} onChange={(e) => onChange(e.target.value)} title={hint} />
    </label>
  );
}

function parsed(values: Record<string, string>): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values)) {
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n) || n < 0) return null;
    out[k] = n;
  }
  return out;
}

export function GainVsCostView() {
  // Weights being tried out are still there after a look at a proposal and back.
  const [weights, setWeights] = useRememberedState<Record<string, string>>('proposals.gain.weights', () =>
    Object.fromEntries(COMPLEXITY_KEYS.map((k) => [k, String(DEFAULT_COST_WEIGHTS[k])])),
  );
  const [minGain, setMinGain] = useRememberedState('proposals.gain.min-gain', String(DEFAULT_REGION_THRESHOLDS.minGain));
  const [maxCost, setMaxCost] = useRememberedState('proposals.gain.max-cost', String(DEFAULT_REGION_THRESHOLDS.maxCost));
  const valid = parsed(weights);
  const thresholds = parsed({ minGain, maxCost });
  // The chart keeps the last valid weights while an input is being typed.
  const [applied, setApplied] = useRememberedState('proposals.gain.applied', { weights: DEFAULT_COST_WEIGHTS, ...DEFAULT_REGION_THRESHOLDS });
  const candidate = valid && thresholds ? JSON.stringify({ weights: valid, minGain: thresholds.minGain, maxCost: thresholds.maxCost }) : null;
  useEffect(() => {
    if (candidate) setApplied(JSON.parse(candidate) as { weights: CostWeights; minGain: number; maxCost: number });
  }, [candidate]);
  const plane = useApiQuery('getGainVsCost', applied, { placeholderData: (previous) => previous });

  return (
    <div className="gain-view">
      <section className="panel weights" aria-labelledby="weights-h">
        <h2 id="weights-h">Cost score</h2>
        <p className="formula" data-testid="cost-formula">
          {describeCostWeights(applied.weights)}
        </p>
        <div className="row weight-fields">
          {COMPLEXITY_KEYS.map((key) => (
            <NumberField
              key={key}
              label={key === 'usability_tax' ? 'Tax weight (per 100 %)' : `${COMPLEXITY_LABELS[key]} weight`}
              value={weights[key]!}
              step={key === 'usability_tax' ? 5 : 0.5}
              onChange={(v) => setWeights({ ...weights, [key]: v })}
            />
          ))}
          <NumberField label="Worth having: gain ≥ %" value={minGain} step={0.05} onChange={setMinGain} />
          <NumberField label="Worth carrying: cost ≤" value={maxCost} step={1} onChange={setMaxCost} />
          <button
            className="btn"
            onClick={() => {
              setWeights(Object.fromEntries(COMPLEXITY_KEYS.map((k) => [k, String(DEFAULT_COST_WEIGHTS[k])])));
              setMinGain(String(DEFAULT_REGION_THRESHOLDS.minGain));
              setMaxCost(String(DEFAULT_REGION_THRESHOLDS.maxCost));
            }}
          >
            Defaults
          </button>
        </div>
        {(!valid || !thresholds) && <div className="error-panel">Weights and thresholds are numbers ≥ 0; the chart keeps the last valid ones.</div>}
        <p className="muted">
          The usability tax counts heavily by default: a tax is paid by the whole team on every later change, code and knobs once.
        </p>
      </section>
      {plane.error ? (
        <ErrorPanel error={plane.error} title="Gain against cost could not be computed" />
      ) : !plane.data ? (
        <LoadingState what="gain against cost" />
      ) : (
        <>
          <section className="panel">
            <div className="gain-legend row" aria-label="Legend">
              {(Object.keys(REGION_LABELS) as GainRegion[]).map((r) => (
                <span key={r}>
                  <span className="swatch" style={{ background: REGION_COLORS[r], opacity: 0.5 }} aria-hidden="true" />
                  {REGION_LABELS[r]}
                </span>
              ))}
              <span>
                <svg width="14" height="14" aria-hidden="true">
                  <circle cx="7" cy="7" r="5" fill="var(--text-muted)" />
                </svg>{' '}
                proven gain
              </span>
              <span>
                <svg width="14" height="14" aria-hidden="true">
                  <circle cx="7" cy="7" r="5" fill="none" stroke="var(--text-muted)" strokeWidth="2" />
                </svg>{' '}
                unproven (interval includes 0), not a failure
              </span>
              <span>
                <span className="legend-line" aria-hidden="true" /> Pareto frontier (nothing cheaper is better)
              </span>
              <span className="muted">Bars: 95 % interval (Welch, over seeds)</span>
            </div>
            <GainCostScatter plane={plane.data} />
          </section>
          <section className="panel">
            <h2>The same points</h2>
            <table className="data" data-testid="gain-table">
              <thead>
                <tr>
                  <th>Proposal</th>
                  <th>Status</th>
                  <th>Complexity</th>
                  <th className="num">Cost</th>
                  <th className="num">Gain %</th>
                  <th>95 % interval</th>
                  <th>Region</th>
                  <th>Frontier</th>
                </tr>
              </thead>
              <tbody>
                {[...plane.data.points]
                  .sort((a, b) => a.cost - b.cost)
                  .map((p) => (
                    <tr key={p.id}>
                      <td className="wrap">
                        <a href={routeHref('proposals', { id: p.id })}>{p.title ?? p.id}</a> <span className="muted">{p.id}</span>
                      </td>
                      <td>{p.status ?? '–'}</td>
                      <td>
                        <ComplexityBadge complexity={p.complexity} weights={applied.weights} />
                      </td>
                      <td className="num">{p.cost.toFixed(1)}</td>
                      <td className="num">{p.gain === null ? 'not measured' : `${p.gain >= 0 ? '+' : ''}${p.gain.toFixed(2)}`}</td>
                      <td>{p.interval ? `[${p.interval[0].toFixed(2)}, ${p.interval[1].toFixed(2)}]` : '–'}{p.gain !== null && p.unproven ? ' unproven' : ''}</td>
                      <td>{p.region ? REGION_LABELS[p.region] : '–'}</td>
                      <td>{p.onFrontier ? 'yes' : ''}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </div>
  );
}
