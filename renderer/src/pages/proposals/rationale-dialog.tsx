// The dialog every decision goes through: a rationale is required.
import { useState } from 'react';
import type { WriteEventResult } from '../../../../shared/api/proposals-methods';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { useApiMutation, useApiQuery } from '../../api/use-api';
import { TextEntryDialog } from '../../components/text-entry-dialog';
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
  const noIdentity = identity.data !== undefined && identity.data.identity === null;
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
      problems={[noIdentity && 'Choose who you are ("Who am I" above) first: every decision carries its author.', decide.error?.message]}
      hint="Enter to submit · Shift+Enter new line · Escape to cancel"
      submitLabel={decide.isPending ? 'Writing…' : `${DECISION_LABELS[decision]} with this reason`}
      canSubmit={rationale.trim() !== '' && !decide.isPending && !noIdentity}
      onSubmit={() => decide.mutate({ proposalId: request.proposalId, decision, rationale: rationale.trim() }, { onSuccess: (result) => onClose(result) })}
      onCancel={() => onClose(null)}
    >
      <div className="segmented" role="radiogroup" aria-label="Decision">
        {(Object.keys(DECISION_LABELS) as DecisionOutcome[]).map((option) => (
          <button key={option} className="btn" role="radio" aria-checked={decision === option} onClick={() => setDecision(option)}>
            {DECISION_LABELS[option]}
          </button>
        ))}
      </div>
    </TextEntryDialog>
  );
}
