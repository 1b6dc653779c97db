// Closing the review: optional notes, then a `review` event in the store, signed by who is chosen here.
import { useState } from 'react';
import type { WriteEventResult } from '../../../../shared/api/proposals-methods';
import { useApiMutation } from '../../api/use-api';
import { IdentityPicker } from '../../components/identity/identity-picker';
import { useIdentity } from '../../components/identity/use-identity';
import { TextEntryDialog } from '../../components/text-entry-dialog';

export function CloseReviewDialog({ onClose }: { onClose: (result: WriteEventResult | null) => void }) {
  const [notes, setNotes] = useState('');
  const author = useIdentity();
  const close = useApiMutation('closeReview');
  return (
    <TextEntryDialog
      idPrefix="close-review"
      testId="close-review-dialog"
      className="review-dialog"
      title="Close the review"
      label={
        <>
          Notes <span className="muted">(optional: what was agreed, what comes next)</span>
        </>
      }
      text={notes}
      onTextChange={setNotes}
      problems={[close.error?.message]}
      hint="Enter to close the review · Shift+Enter new line · Escape to cancel"
      submitLabel={close.isPending ? 'Writing…' : 'Close the review'}
      canSubmit={!close.isPending && author !== null}
      onSubmit={() => author && close.mutate({ author, ...(notes.trim() === '' ? {} : { notes: notes.trim() }) }, { onSuccess: (result) => onClose(result) })}
      onCancel={() => onClose(null)}
    >
      <IdentityPicker label="Closing as" />
    </TextEntryDialog>
  );
}
