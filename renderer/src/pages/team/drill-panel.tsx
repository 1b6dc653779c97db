// The side panel behind every bar, band and cell: which proposals make up the number, and how much each.
import { useEffect, useRef } from 'react';
import { routeHref } from '../../app/router';
import type { Drill } from '../../components/work-split/drill';
import { amount, amountWithUnit, KIND_COLORS, KIND_LABELS, percent, unitOf } from '../../components/work-split/work-split-format';

export function DrillPanel({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeButton.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drill, onClose]);
  const total = drill.criticalPath + drill.exploratory;
  return (
    <aside className="team-drill" role="dialog" aria-modal="false" aria-labelledby="team-drill-title" data-testid="team-drill">
      <header className="team-drill-header">
        <div>
          <h2 id="team-drill-title">{drill.title}</h2>
          {drill.subtitle && <div className="muted">{drill.subtitle}</div>}
        </div>
        <button ref={closeButton} className="btn" onClick={onClose} aria-label="Close the proposals panel">
          Close
        </button>
      </header>
      <div className="team-drill-summary">
        <div>
          <span className="swatch" style={{ background: KIND_COLORS.exploratory }} aria-hidden="true" />
          Exploratory <strong>{amount(drill.exploratory, drill.measure)}</strong>
        </div>
        <div>
          <span className="swatch" style={{ background: KIND_COLORS['critical-path'] }} aria-hidden="true" />
          Critical path <strong>{amount(drill.criticalPath, drill.measure)}</strong>
        </div>
        <div className="muted">
          {amountWithUnit(total, drill.measure)}, {percent(total > 0 ? drill.exploratory / total : null)} exploratory
        </div>
      </div>
      {drill.proposals.length === 0 ? (
        <p className="muted">No proposal work here.</p>
      ) : (
        <ol className="team-drill-list">
          {drill.proposals.map((c) => (
            <li key={c.proposal}>
              <div className="team-drill-row">
                <a href={routeHref('proposals', { id: c.proposal })}>{c.title}</a>
                <span className="team-drill-amount">
                  {amount(c.amount, drill.measure)}
                  <span className="muted"> · {percent(drill.denominator > 0 ? c.amount / drill.denominator : null)}</span>
                </span>
              </div>
              <div className="team-drill-meta muted">
                <span className="kind-tag" style={{ borderColor: KIND_COLORS[c.kind] }}>
                  <span className="swatch" style={{ background: KIND_COLORS[c.kind] }} aria-hidden="true" />
                  {KIND_LABELS[c.kind]}
                </span>
                <code>{c.proposal}</code>
                {c.runs && <span>{c.runs.length === 1 ? '1 run' : `${c.runs.length} runs`}</span>}
              </div>
            </li>
          ))}
        </ol>
      )}
      <p className="muted team-drill-foot">
        Amounts in {unitOf(drill.measure)}; percentages of {drill.denominatorLabel}.
      </p>
    </aside>
  );
}
