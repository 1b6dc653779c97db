// An ablation whose verdict is new or changed since the last review: every variant against the
// baseline at every model size, the delta with its 95 % interval now and at the review, and the
// verdict moves spelled out as they stand now, with their rows' numbers (ablation-slide-model.ts).
import type { AblationChange } from '../../../../../shared/api/review-methods';
import { formatCompute, formatCount } from '../../../components/scaling-charts/scaling-format';
import { ablationSlideModel } from '../ablation-slide-model';
import { IntervalChart } from '../interval-chart';
import { signed } from '../review-format';

/** Rows of the chart and moves listed that fit a slide. */
const MAX_ROWS = 10;
const MAX_MOVES = 3;


/** Where the arms were read, in the ablation's own unit. */
function atText(x: number, unit: string): string {
  if (unit === 'flops') return `${formatCompute(x)} FLOPs`;
  if (unit === 'tokens') return `${formatCount(x)} tokens`;
  return `step ${Math.round(x).toLocaleString('en-US')}`;
}

export function AblationBody({ change }: { change: AblationChange }) {
  const { rows, moves, moreMoves, hiddenRows } = ablationSlideModel(change, MAX_ROWS, MAX_MOVES);
  const direction = change.better === 'lower' ? 'lower is better' : 'higher is better';
  return (
    <div className="ablation-slide">
      {change.question && <p className="slide-lead">{change.question}</p>}
      <ul className="moves" data-testid="slide-moves">
        {moves.map((m) => (
          <li key={m.key} data-row={m.key} data-verdict={m.nowVerdict ?? 'none'}>
            <strong>{m.label}</strong>: now <strong>{m.now}</strong> <span className="muted">(at the last review: {m.before})</span>
          </li>
        ))}
        {moreMoves > 0 && (
          <li className="muted">
            … and {moreMoves} more verdict{moreMoves === 1 ? '' : 's'} moved (bold rows below)
          </li>
        )}
      </ul>
      <IntervalChart rows={rows} axisLabel={`Δ ${change.metric} vs ${change.baseline} (${direction})`} write={signed} minDigits={2} testId={`ablation-chart-${change.id}`} />
      <p className="chart-legend">
        <span className="interval-legend-dot now" /> now <span className="interval-legend-dot before" /> at the last review — bars: 95 % Welch interval over seeds; line: no
        difference; ▲ better ▼ worse ≈ within noise ? no noise estimate (under 2 seeds)
      </p>
      <p className="muted">
        Variant − {change.baseline}, read where every run of a size got to
        {change.now.length > 0 ? `: now ${[...new Set(change.now.map((c) => atText(c.x, change.compareAt)))].slice(-3).join(', ')}` : ''}
        {hiddenRows > 0 ? `; ${hiddenRows} rows of smaller sizes on the Ablations page` : ''}.
      </p>
    </div>
  );
}
