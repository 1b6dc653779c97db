// What every slide may need from the review around it: whether this screen may write (a room display
// may not), and the two writes the meeting makes (who writes is chosen in their dialogs).
import { createContext, useContext } from 'react';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';

export interface ReviewActions {
  /** The store may be written from this screen (false on a read-only room display). */
  canWrite: boolean;
  since: string;
  decide(proposalId: string, title: string | null, decision: DecisionOutcome): void;
  closeReview(): void;
}

export const ReviewContext = createContext<ReviewActions>({
  canWrite: false,
  since: '',
  decide: () => {},
  closeReview: () => {},
});

export function useReviewActions(): ReviewActions {
  return useContext(ReviewContext);
}

export const READ_ONLY_NOTE = 'Read-only display: decisions and closing the review are made on the presenter’s screen; this one follows them live.';

/** The same, short enough for a passing notice. */
export const READ_ONLY_NOTICE = 'Read-only display: decide on the presenter’s screen.';
