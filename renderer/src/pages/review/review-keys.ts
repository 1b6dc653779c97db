// The presentation's keyboard: what each key does on the slide shown. Pure, so the meeting's
// controls are tested without a browser.
import type { DecisionOutcome } from '../../../../shared/domain/store-events';
import { DECISION_KEYS } from '../../components/proposals/proposals-format';
import { nextOfKind, type Slide } from './review-slides';

export type SlideAction =
  | { type: 'go'; index: number; digits: string }
  | { type: 'exit' }
  | { type: 'decide'; decision: DecisionOutcome }
  | { type: 'overview' }
  | { type: 'close-review' }
  | { type: 'save-png' }
  | { type: 'none'; digits: string };

export interface SlideKeyState {
  slides: readonly Slide[];
  index: number;
  /** Slide-number digits typed so far ("1" then "2" goes to slide 12 when there is one). */
  digits: string;
}

export const KEY_HELP: { keys: string; what: string }[] = [
  { keys: '→ / Space', what: 'next' },
  { keys: '←', what: 'previous' },
  { keys: 'Home / End', what: 'first / last' },
  { keys: '0–9', what: 'slide by number (1 then 2: 12)' },
  { keys: 'g', what: 'go to (overview)' },
  { keys: 't', what: 'next decision to take' },
  { keys: 'a d p c', what: 'adopt, drop, park (→ inconclusive), continue' },
  { keys: 's', what: 'save slide as PNG' },
  { keys: 'Esc', what: 'leave' },
];

export function slideKeyAction(key: string, state: SlideKeyState): SlideAction {
  const { slides, index } = state;
  const last = slides.length - 1;
  const go = (target: number, digits = ''): SlideAction => ({ type: 'go', index: Math.max(0, Math.min(last, target)), digits });
  if (/^[0-9]$/.test(key)) {
    const digits = state.digits + key;
    const number = Number(digits);
    if (number < 1 || number > slides.length) {
      // A digit that makes no slide number starts a new number on its own.
      const alone = Number(key);
      return alone >= 1 && alone <= slides.length ? go(alone - 1, alone * 10 <= slides.length ? key : '') : { type: 'none', digits: '' };
    }
    return go(number - 1, number * 10 <= slides.length ? digits : '');
  }
  switch (key) {
    case 'ArrowRight':
    case ' ':
    case 'PageDown':
      return go(index + 1);
    case 'ArrowLeft':
    case 'PageUp':
      return go(index - 1);
    case 'Home':
      return go(0);
    case 'End':
      return go(last);
    case 'Escape':
      return { type: 'exit' };
    case 'g':
      return { type: 'overview' };
    case 't': {
      const next = nextOfKind(slides, 'proposal', index);
      return next < 0 ? { type: 'none', digits: '' } : go(next);
    }
    case 's':
      return { type: 'save-png' };
    case 'Enter':
      return slides[index]?.kind === 'close' ? { type: 'close-review' } : { type: 'none', digits: '' };
    default: {
      const decision = DECISION_KEYS[key];
      if (decision && slides[index]?.kind === 'proposal') return { type: 'decide', decision };
      return { type: 'none', digits: '' };
    }
  }
}
