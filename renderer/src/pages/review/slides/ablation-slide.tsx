// An ablation whose verdict is new or changed since the last review: every variant against the
// baseline at every model size, the delta with its 95 % interval now and at the review, and the
// verdict moves spelled out.
import type { AblationChange } from '../../../../../shared/api/review-methods';
import { formatParams } from '../../proposals/proposals-format';
import { formatCompute, formatCount } from '../../scaling/scaling-format';
import { IntervalChart, type IntervalRow } from '../interval-chart';
import { deltaWithInterval, signed, VERDICT_TEXT, verdictLabel } from '../review-format';

/** Rows of the chart and moves listed that fit a slide. */
const MAX_ROWS = 10;
const MAX_MOVES = 3;

const cellKey = (c: { params: number | null; variant: string }) => `${c.params ?? 'none'}|${c.variant}`;
const sizeText = (params: number | null) => (params === null ? 'size unknown' : formatParams(params));

/** Where the arms were read, in the ablation's own unit. */
function atText(x: number, unit: string): string {
  if (unit === 'flops') return `${formatCompute(x)} FLOPs`;
  if (unit === 'tokens') return `${formatCount(x)} tokens`;
  return `step ${Math.round(x).toLocaleString('en-US')}`;
}

export function AblationBody({ change }: { change: AblationChange }) {
  const before = new Map(change.before.map((c) => [cellKey(c), c]));
  const now = new Map(change.now.map((c) => [cellKey(c), c]));
  const moved = new Set(change.moves.map(cellKey));
  const keys = [...new Set([...now.keys(), ...before.keys()])].sort((a, b) => {
    const ca = (now.get(a) ?? before.get(a))!;
    const cb = (now.get(b) ?? before.get(b))!;
    return (ca.params ?? -1) - (cb.params ?? -1) || ca.variant.localeCompare(cb.variant);
  });
  const rows: IntervalRow[] = keys.map((key) => {
    const n = now.get(key);
    const b = before.get(key);
    const ref = (n ?? b)!;
    const nowText = n ? `${VERDICT_TEXT[n.verdict].symbol} ${deltaWithInterval(n.delta, n.interval)}` : 'not compared now';
    const beforeText = b ? `${VERDICT_TEXT[b.verdict].symbol} ${signed(b.delta)}` : '—';
    return {
      key,
      label: `${sizeText(ref.params)} · ${ref.variant}`,
      emphasis: moved.has(key),
      valueText: `${nowText}   was ${beforeText}`,
      now: n ? { value: n.delta, interval: n.interval, color: VERDICT_TEXT[n.verdict].color } : null,
      before: b ? { value: b.delta, interval: b.interval } : null,
    };
  });
  // The largest sizes say most about scale; smaller ones beyond what fits are counted.
  const shown = rows.slice(-MAX_ROWS);
  const direction = change.better === 'lower' ? 'lower is better' : 'higher is better';
  return (
    <div className="ablation-slide">
      {change.question && <p className="slide-lead">{change.question}</p>}
      <ul className="moves">
        {change.moves.slice(0, MAX_MOVES).map((m) => (
          <li key={cellKey(m)}>
            <strong>
              {m.variant} at {sizeText(m.params)}
            </strong>
            : {verdictLabel(m.before)} → <strong>{verdictLabel(m.now)}</strong>
          </li>
        ))}
        {change.moves.length > MAX_MOVES && (
          <li className="muted">
            … and {change.moves.length - MAX_MOVES} more verdict{change.moves.length - MAX_MOVES === 1 ? '' : 's'} moved (bold rows below)
          </li>
        )}
      </ul>
      <IntervalChart rows={shown} axisLabel={`Δ ${change.metric} vs ${change.baseline} (${direction})`} format={(v) => signed(v, 2)} testId={`ablation-chart-${change.id}`} />
      <p className="chart-legend">
        <span className="interval-legend-dot now" /> now <span className="interval-legend-dot before" /> at the last review — bars: 95 % Welch interval over seeds; line: no
        difference; ▲ better ▼ worse ≈ within noise ? one seed
      </p>
      <p className="muted">
        Variant − {change.baseline}, read where every run of a size got to
        {change.now.length > 0 ? `: now ${[...new Set(change.now.map((c) => atText(c.x, change.compareAt)))].slice(-3).join(', ')}` : ''}
        {rows.length > shown.length ? `; ${rows.length - shown.length} rows of smaller sizes on the Ablations page` : ''}.
      </p>
    </div>
  );
}
