// Closing the review: optional notes, then a `review` event in the store. Enter closes (Shift+Enter
// for a new line), Escape cancels; focus returns to where it was.
import { useEffect, useRef, useState } from 'react';
import type { WriteEventResult } from '../../../../shared/api/proposals-methods';
import { useApiMutation } from '../../api/use-api';

export function CloseReviewDialog({ identity, onClose }: { identity: string | null; onClose: (result: WriteEventResult | null) => void }) {
  const [notes, setNotes] = useState('');
  const close = useApiMutation('closeReview');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    returnFocus.current = document.activeElement;
    textarea.current?.focus();
    return () => (returnFocus.current as HTMLElement | null)?.focus?.();
  }, []);

  const submit = () => {
    if (close.isPending || identity === null) return;
    close.mutate(notes.trim() === '' ? {} : { notes: notes.trim() }, { onSuccess: (result) => onClose(result) });
  };

  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose(null)}>
      <div
        className="dialog panel review-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="close-review-title"
        data-testid="close-review-dialog"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose(null);
          }
        }}
      >
        <h2 id="close-review-title">Close the review</h2>
        <label htmlFor="review-notes" className="dialog-label">
          Notes <span className="muted">(optional: what was agreed, what comes next)</span>
        </label>
        <textarea
          id="review-notes"
          ref={textarea}
          className="input dialog-text"
          rows={4}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              submit();
            }
          }}
        />
        {identity === null && (
          <div className="error-panel" role="alert">
            Choose who you are (“Who am I” on the Review page) first: the review event carries its author.
          </div>
        )}
        {close.error && (
          <div className="error-panel" role="alert">
            {close.error.message}
          </div>
        )}
        <div className="row dialog-actions">
          <span className="muted">Enter to close the review · Shift+Enter new line · Escape to cancel</span>
          <span className="grow" />
          <button className="btn" onClick={() => onClose(null)}>
            Cancel
          </button>
          <button className="btn primary" disabled={close.isPending || identity === null} onClick={submit}>
            {close.isPending ? 'Writing…' : 'Close the review'}
          </button>
        </div>
      </div>
    </div>
  );
}
