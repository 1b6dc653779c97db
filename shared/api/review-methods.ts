// Methods of the weekly review: the agenda of what changed since the last `review` event, how a
// scaling fit or an ablation's effective-compute multiplier moved since then, and closing the
// review (a `review` event in the store, so the next agenda starts from it).
import { z } from 'zod';
import type { AblationVerdict, ChartSeries } from '../domain/run-views';
import type { ComplexityScores, DecisionOutcome } from '../domain/store-events';
import type { BalanceNow } from '../worksplit';
import { defineMethod } from './define-method';
import type { JsonNumber } from './json-number';
import { authorInput, type DecisionLogRow, type DecisionRef, type GainEstimate, type WriteEventResult } from './proposals-methods';
import type { AblationScalingView, ScalingFitView, ScalingParamsView } from './scaling-methods';

const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'an ISO 8601 date or time');
const storeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'an id of letters, digits, ".", "_", "-"');

/** Where the agenda starts: the last review event, or 7 days back when there is none. */
export interface ReviewStart {
  since: string;
  source: 'review' | 'default-7-days' | 'given';
  lastReview: { id: string; at: string; author: string | null; notes: string | null } | null;
}

export interface ReviewRun {
  id: string;
  name: string | null;
  owner: string | null;
  group: string | null;
  ablation: string | null;
  variant: string | null;
  proposal: string | null;
  params: number | null;
  state: string | null;
  stateUpdatedAt: string | null;
  message: string | null;
  lastStep: number | null;
  /** The run's last value of its main loss metric (an eval loss, else train/loss). */
  loss: { metric: string; value: JsonNumber } | null;
}

export interface DivergedRun extends ReviewRun {
  /** The loss metric that went non-finite. */
  metric: string;
  firstNonFiniteStep: number;
  /** When it went non-finite (the point's time, else the run's status time); null when unknown. */
  divergedAt: string | null;
  nonFiniteCount: number;
  /** The metric against step, reduced per pixel column, with its non-finite markers. */
  curve: ChartSeries | null;
}

export interface StaleRun extends ReviewRun {
  /** Since status.json's updated_at. */
  silentForMs: number;
}

/** One variant against the baseline at one model size, at the ablation's comparison point. */
export interface VerdictCell {
  params: number | null;
  variant: string;
  /** Where both arms were read, in the ablation's compare_at unit. */
  x: number;
  /** Variant mean − baseline mean, in the metric's units. */
  delta: number;
  /** Welch 95 % interval of the delta; null without a noise estimate. */
  interval: [number, number] | null;
  variantSeeds: number;
  baselineSeeds: number;
  verdict: AblationVerdict;
}

export interface AblationChange {
  id: string;
  title: string | null;
  question: string | null;
  proposal: string | null;
  metric: string;
  better: 'lower' | 'higher';
  baseline: string;
  compareAt: string;
  /** 'new': no verdict at the last review; 'changed': a verdict, or the sizes compared, differ. */
  change: 'new' | 'changed';
  before: VerdictCell[];
  now: VerdictCell[];
  /** Every (size, variant) whose verdict differs, before → now (null: none then / now). */
  moves: { params: number | null; variant: string; before: AblationVerdict | null; now: AblationVerdict | null }[];
}

/** A scaling fit (a group) or a scaling ablation whose fit has runs it did not have at the last review. */
export interface ScalingChangeRef {
  kind: 'group' | 'ablation';
  id: string;
  title: string | null;
  /** Runs that finished since the review and can enter the fit. */
  newRuns: string[];
}

export interface AwaitingProposal {
  id: string;
  title: string | null;
  status: string | null;
  kind: string | null;
  area: string | null;
  owner: string | null;
  complexity: Partial<ComplexityScores> | null;
  cost: number | null;
  chipHoursSpent: number;
  chipHoursBudget: number | null;
  /** Its ablations whose verdict is new or changed since the review (see `ablations` of the agenda). */
  changedAblations: string[];
  /** Its linked runs (directly or through its ablations) that finished since the review. */
  newRuns: { id: string; name: string | null; group: string | null; ablation: string | null; variant: string | null; params: number | null; finishedAt: string | null }[];
  /** The best measured gain of its ablations now. */
  evidence: GainEstimate | null;
  /** Why there is no gain, per linked ablation. */
  evidenceNotes: string[];
  lastDecision: DecisionRef | null;
  /** The latest decision taken since the review started (e.g. in this meeting); null when none. */
  decidedSince: DecisionRef | null;
  pendingDecisions: DecisionOutcome[];
}

export interface ReviewAgenda extends ReviewStart {
  generatedAt: string;
  runs: { finished: ReviewRun[]; failed: ReviewRun[]; diverged: DivergedRun[]; stale: StaleRun[] };
  ablations: AblationChange[];
  scaling: ScalingChangeRef[];
  proposals: AwaitingProposal[];
  /** Decisions since the review, newest first, with their reasons (pending ones from the outbox included). */
  decisions: DecisionLogRow[];
  balance: { people: BalanceNow; compute: BalanceNow; peopleAtLastReview: BalanceNow };
}

export interface ScalingFitSnapshot {
  /** Runs in the fit. */
  n: number;
  /** Null without a fit, and when the runs do not identify the parameters. */
  params: ScalingParamsView | null;
  /** Why the parameters are not shown: the runs do not identify them (then `optimalLoss` is the power law's loss in compute). */
  notIdentified: string | null;
  /** The compute-optimal loss at `atCompute` (the power law's when not identified). */
  optimalLoss: JsonNumber | null;
  fitError: string | null;
}

export type ReviewScalingChange =
  | {
      kind: 'group';
      id: string;
      since: string;
      newRuns: string[];
      /** The fit now, as the Scaling page shows it. */
      view: ScalingFitView;
      now: ScalingFitSnapshot;
      before: ScalingFitSnapshot;
      /** Where the compute-optimal losses are compared: the largest compute in the fit now. */
      atCompute: number;
    }
  | {
      kind: 'ablation';
      id: string;
      since: string;
      newRuns: string[];
      /** Both at the same target compute (the largest compute now), with bootstrap intervals. */
      now: AblationScalingView;
      before: AblationScalingView;
    };

/** Resamples behind the multipliers' intervals on a review slide (as on a proposal's page). */
export const REVIEW_MULTIPLIER_RESAMPLES = 200;

export const reviewMethods = {
  /** What changed since the last review event (or `since`); `now` defaults to the present. */
  getReviewAgenda: defineMethod<ReviewAgenda>()({
    input: z.object({ since: isoTime.optional(), now: isoTime.optional() }).strict(),
  }),
  /** A scaling fit or scaling ablation now against the same fit without the runs that finished since. */
  getReviewScalingChange: defineMethod<ReviewScalingChange>()({
    input: z
      .object({ group: storeId.optional(), ablation: storeId.optional(), since: isoTime })
      .strict()
      .refine((v) => (v.group === undefined) !== (v.ablation === undefined), { message: 'give a group or an ablation', path: ['group'] }),
  }),
  /** Writes a `review` event: the next agenda covers what changes after it. */
  closeReview: defineMethod<WriteEventResult>()({
    input: z.object({ notes: z.string().max(20_000).optional(), author: authorInput }).strict(),
    writes: true,
    caller: 'author',
  }),
};
