// The dialog every decision goes through: a rationale is required. Enter submits (Shift+Enter for a
// new line), Escape cancels; focus returns to where it was.
import { useEffect, useRef, useState } from 'react';
import type { WriteEventResult } from '../../../../shared/api/proposals-methods';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { DECISION_LABELS } from './proposals-format';

export interface DecisionRequest {
  proposalId: string;
  title: string | null;
  decision: DecisionOutcome;
}

export function RationaleDialog({ request, onClose }: { request: DecisionRequest; onClose: (result: WriteEventResult | null) => void }) {
  const [rationale, setRationale] = useState('');
  const [decision, setDecision] = useState<DecisionOutcome>(request.decision);
  const decide = useApiMutation('decide');
  const identity = useApiQuery('listIdentityChoices', {});
  const textarea = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    textarea.current?.focus();
    return () => (returnFocus.current as HTMLElement | null)?.focus?.();
  }, []);

  const noIdentity = identity.data !== undefined && identity.data.identity === null;
  const submit = () => {
    if (rationale.trim() === '' || decide.isPending || noIdentity) return;
    decide.mutate({ proposalId: request.proposalId, decision, rationale: rationale.trim() }, { onSuccess: (result) => onClose(result) });
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose(null)}>
      <div
        className="dialog panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="rationale-title"
        data-testid="rationale-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose(null);
          }
        }}
      >
        <h2 id="rationale-title">
          {DECISION_LABELS[decision]} <span className="muted">{request.proposalId}</span> {request.title}
        </h2>
        <div className="segmented" role="radiogroup" aria-label="Decision">
          {(Object.keys(DECISION_LABELS) as DecisionOutcome[]).map((option) => (
            <button key={option} className="btn" role="radio" aria-checked={decision === option} onClick={() => setDecision(option)}>
              {DECISION_LABELS[option]}
            </button>
          ))}
        </div>
        <label htmlFor="rationale-text" className="dialog-label">
          Why? <span className="muted">(required; the whole team sees it in the decision log)</span>
        </label>
        <textarea
          id="rationale-text"
          ref={textarea}
          className="input dialog-text"
          rows={4}
          value={rationale}
          onChange={(e) => setRationale(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {noIdentity && (
          <div className="error-panel" role="alert">
            Choose who you are ("Who am I" above) first: every decision carries its author.
          </div>
        )}
        {decide.error && (
          <div className="error-panel" role="alert">
            {decide.error.message}
          </div>
        )}
        <div className="row dialog-actions">
          <span className="muted">Enter to submit · Shift+Enter new line · Escape to cancel</span>
          <span className="grow" />
          <button className="btn" onClick={() => onClose(null)}>
            Cancel
          </button>
          <button className="btn primary" disabled={rationale.trim() === '' || decide.isPending || noIdentity} onClick={submit}>
            {decide.isPending ? 'Writing…' : `${DECISION_LABELS[decision]} with this reason`}
          </button>
        </div>
      </div>
    </div>
  );
}
