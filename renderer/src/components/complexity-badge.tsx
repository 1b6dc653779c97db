// The complexity cost of a direction at a glance: its score and four small bars (code, knobs, infra,
// risk) plus the usability tax, with the full breakdown on hover and on keyboard focus (and for
// screen readers in the label). Used on proposal rows and cards, ablation rows and chart legends.
import { useId } from 'react';
import { complexityCost, DEFAULT_COST_WEIGHTS, type CostWeights } from '../../../shared/domain/complexity-cost';
import { COMPLEXITY_KEYS, COMPLEXITY_LABELS, COMPLEXITY_SCORE_KEYS, type ComplexityScores } from '../../../shared/domain/store-events';
import './complexity-badge.css';

function formatTax(tax: number | undefined): string {
  return tax === undefined ? 'not assessed' : `${(tax * 100).toFixed(tax * 100 < 10 && tax * 100 !== Math.round(tax * 100) ? 1 : 0)} %`;
}

function formatScore(key: (typeof COMPLEXITY_KEYS)[number], value: number | undefined): string {
  if (value === undefined) return 'not assessed';
  return key === 'usability_tax' ? formatTax(value) : `${value} of 5`;
}

export function complexitySummary(complexity: Partial<ComplexityScores>, weights: CostWeights = DEFAULT_COST_WEIGHTS): string {
  const cost = complexityCost(complexity, weights);
  const parts = COMPLEXITY_KEYS.map((key) => `${COMPLEXITY_LABELS[key].toLowerCase()} ${formatScore(key, complexity[key])}`).join(', ');
  return `Complexity cost ${cost.total.toFixed(1)} points: ${parts}`;
}

/** Level of a cost score, for the badge's outline: low, medium or high. */
function level(total: number): 'low' | 'mid' | 'high' {
  return total < 6 ? 'low' : total < 12 ? 'mid' : 'high';
}

export function ComplexityBadge({ complexity, weights = DEFAULT_COST_WEIGHTS }: { complexity: Partial<ComplexityScores> | null; weights?: CostWeights }) {
  const tipId = useId();
  if (!complexity || Object.keys(complexity).length === 0) {
    return (
      <span className="complexity-badge none" title="No complexity assessment yet">
        –
      </span>
    );
  }
  const cost = complexityCost(complexity, weights);
  const tax = complexity.usability_tax;
  return (
    <span className={`complexity-badge ${level(cost.total)}`} tabIndex={0} aria-label={complexitySummary(complexity, weights)} aria-describedby={tipId} data-testid="complexity-badge">
      <span className="complexity-score" aria-hidden="true">
        {cost.total.toFixed(cost.total < 10 ? 1 : 0)}
      </span>
      <span className="complexity-bars" aria-hidden="true">
        {COMPLEXITY_SCORE_KEYS.map((key) => (
          <span key={key} className="complexity-bar" style={{ height: `${((complexity[key] ?? 0) / 5) * 100}%` }} />
        ))}
        <span className="complexity-bar tax" style={{ height: `${Math.min(1, (tax ?? 0) / 0.1) * 100}%` }} />
      </span>
      <span className="complexity-tip" role="tooltip" id={tipId}>
        <strong>Complexity cost {cost.total.toFixed(1)}</strong>
        <table>
          <tbody>
            {COMPLEXITY_KEYS.map((key) => (
              <tr key={key}>
                <th scope="row">{COMPLEXITY_LABELS[key]}</th>
                <td>{formatScore(key, complexity[key])}</td>
                <td className="num">{cost.missing.includes(key) ? '' : `+${cost.parts[key].toFixed(1)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <span className="muted">Scores 0 (none) to 5 (severe); the tax slows everyone's work.</span>
      </span>
    </span>
  );
}
