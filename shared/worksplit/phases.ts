// Which phase a week or a day belongs to.
import { overlapDays } from './calendar';
import type { DayPhase } from './normalize-input';

/**
 * A week belongs to the phase holding most of its seven days (at least four when phases are
 * contiguous), the way an ISO week belongs to the year holding its Thursday. A phase that starts
 * on a Sunday therefore does not claim the week it starts in. Ties go to the phase listed first;
 * a week with no day in any phase has none.
 */
export function phaseOfWeek(monday: number, phases: DayPhase[]): DayPhase | null {
  let best: DayPhase | null = null;
  let bestDays = 0;
  for (const phase of phases) {
    const days = overlapDays(monday, monday + 7, phase.startDay, phase.endDay);
    if (days > bestDays) {
      best = phase;
      bestDays = days;
    }
  }
  return best;
}

/** The phase whose first-to-last days include `day`; the first listed when phases overlap. */
export function phaseOnDay(day: number, phases: DayPhase[]): DayPhase | null {
  return phases.find((p) => p.startDay <= day && day < p.endDay) ?? null;
}
