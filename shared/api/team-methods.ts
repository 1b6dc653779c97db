// Methods of the Team page: the critical-path versus exploratory split of the team's work.
import { z } from 'zod';
import type { BalanceNow, WorkSplit } from '../worksplit';
import { defineMethod } from './define-method';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const measure = z.enum(['people', 'compute']);

export const teamMethods = {
  /** The split by week, area or person, in person-weeks or chip-hours; `today` defaults to the current UTC date. */
  getWorkSplit: defineMethod<WorkSplit>()({
    input: z
      .object({
        by: z.enum(['week', 'area', 'person']),
        measure: measure.default('people'),
        from: day.optional(),
        to: day.optional(),
        today: day.optional(),
      })
      .strict(),
  }),
  /** The current phase, its target, the actual exploratory share over the last 4 weeks and its trend. */
  getBalanceNow: defineMethod<BalanceNow>()({
    input: z.object({ measure: measure.default('people'), today: day.optional() }).strict(),
  }),
};
