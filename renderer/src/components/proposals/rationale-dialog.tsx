// The dialog every decision goes through: a rationale is required, and who decides is chosen right
// here, so finding "Who am I" unset never costs the rationale typed so far.
import { useState } from 'react';
import type { WriteEventResult } from '../../../../shared/api/proposals-methods';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { useApiMutation } from '../../api/use-api';
import { IdentityPicker } from '../identity/identity-picker';
import { useIdentity } from '../identity/use-identity';
import { TextEntryDialog } from '../text-entry-dialog';
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
  const author = useIdentity();
  return (
    <TextEntryDialog
      idPrefix="rationale"
      testId="rationale-dialog"
      title={
        <>
          {DECISION_LABELS[decision]} <span className="muted">{request.proposalId}</span> {request.title}
        </>
      }
      label={
        <>
          Why? <span className="muted">(required; the whole team sees it in the decision log)</span>
        </>
      }
      text={rationale}
      onTextChange={setRationale}
      problems={[decide.error?.message]}
      hint="Enter to submit · Shift+Enter new line · Escape to cancel"
      submitLabel={decide.isPending ? 'Writing…' : `${DECISION_LABELS[decision]} with this reason`}
      canSubmit={rationale.trim() !== '' && !decide.isPending && author !== null}
      onSubmit={() => author && decide.mutate({ proposalId: request.proposalId, decision, rationale: rationale.trim(), author }, { onSuccess: (result) => onClose(result) })}
      onCancel={() => onClose(null)}
    >
      <div className="segmented" role="radiogroup" aria-label="Decision">
        {(Object.keys(DECISION_LABELS) as DecisionOutcome[]).map((option) => (
          <button key={option} className="btn" role="radio" aria-checked={decision === option} onClick={() => setDecision(option)}>
            {DECISION_LABELS[option]}
          </button>
        ))}
      </div>
      <IdentityPicker label="Deciding as" />
    </TextEntryDialog>
  );
}
