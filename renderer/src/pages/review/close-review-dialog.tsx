// Closing the review: optional notes, then a `review` event in the store.
import { useState } from 'react';
import type { WriteEventResult } from '../../../../shared/api/proposals-methods';
import { useApiMutation } from '../../api/use-api';
import { TextEntryDialog } from '../../components/text-entry-dialog';

export function CloseReviewDialog({ identity, onClose }: { identity: string | null; onClose: (result: WriteEventResult | null) => void }) {
  const [notes, setNotes] = useState('');
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
      problems={[
        identity === null && 'Choose who you are (“Who am I” on the Review page) first: the review event carries its author.',
        close.error?.message,
      ]}
      hint="Enter to close the review · Shift+Enter new line · Escape to cancel"
      submitLabel={close.isPending ? 'Writing…' : 'Close the review'}
      canSubmit={!close.isPending && identity !== null}
      onSubmit={() => close.mutate(notes.trim() === '' ? {} : { notes: notes.trim() }, { onSuccess: (result) => onClose(result) })}
      onCancel={() => onClose(null)}
    />
  );
}
