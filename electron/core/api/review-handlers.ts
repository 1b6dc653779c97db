// Handlers of the weekly review: the agenda since the last review event, how a scaling fit or an
// ablation's effective-compute multiplier moved since then (through the scaling service the Scaling
// page uses, so both share their fits), and closing the review with a `review` event in the store.
import { ApiFailure } from '../../../shared/api/api-result';
import { encodeNonFinite } from '../../../shared/api/json-number';
import type { WriteEventResult } from '../../../shared/api/proposals-methods';
import { REVIEW_MULTIPLIER_RESAMPLES, type ReviewScalingChange, type ScalingFitSnapshot } from '../../../shared/api/review-methods';
import { computeLawLoss, computeOptimalAllocation } from '../../../shared/scaling';
import { EventDraftError, MissingIdentityError, type EventWriter } from '../events/event-writer';
import type { CoreDeps } from './core-deps';
import { buildReviewAgenda } from '../queries/review/review-agenda';
import { isInCache } from '../queries/proposals/triage-choices';
import { exclusionsAsOf, runsNewToFit } from '../queries/review/scaling-changes';
import type { ScalingFitOutcome } from '../scaling/run-compute-task';
import type { AblationRequest, ScalingService } from '../scaling/scaling-service';
import { ablationScalingView, paramsView, scalingFitView } from '../scaling/scaling-views';
import type { HandlerSlice } from './handlers';

type ReviewMethod = 'getReviewAgenda' | 'getReviewScalingChange' | 'closeReview';

export type ReviewDeps = Pick<CoreDeps, 'cache' | 'sync' | 'emit' | 'log'>;

function snapshot(outcome: ScalingFitOutcome, atCompute: number): ScalingFitSnapshot {
  const { fit, law, identifiability } = outcome.base;
  return {
    n: fit?.n ?? outcome.data.runs.filter((r) => !r.excluded).length,
    params: fit && !law ? paramsView(fit.params) : null,
    notIdentified: law ? identifiability!.reason : null,
    optimalLoss: law ? computeLawLoss(law.params, atCompute) : fit ? computeOptimalAllocation(fit.params, atCompute).loss : null,
    fitError: outcome.base.fitError,
  };
}

/** `writer` is the core's one event writer (the proposals' too); `scaling` the Scaling page's service. */
export function createReviewHandlers(deps: ReviewDeps, scaling: ScalingService, writer: EventWriter): HandlerSlice<ReviewMethod> {
  const { sqlite } = deps.cache;

  return {
    async getReviewAgenda(input) {
      const nowMs = input.now !== undefined ? Date.parse(input.now) : Date.now();
      const pending = writer.pending();
      return encodeNonFinite(buildReviewAgenda(sqlite, { nowMs, since: input.since, pending }));
    },

    async getReviewScalingChange(input, ctx): Promise<ReviewScalingChange> {
      const request = scaling.resolve(input.group !== undefined ? { group: input.group } : { ablation: input.ablation });
      const since = new Date(Date.parse(input.since)).toISOString();
      const newRuns = runsNewToFit(sqlite, request.query, Date.parse(since));
      const beforeQuery = { ...request.query, exclusions: exclusionsAsOf(request.query, newRuns, since) };
      const taskId = `review|${input.group !== undefined ? `group=${input.group}` : `ablation=${input.ablation}`}|since=${since}`;
      const meta = { exclusionScope: request.exclusionScope, metrics: request.metrics, task: taskId, dataVersion: request.dataVersion };
      const id = (input.group ?? input.ablation)!;
      if (input.group !== undefined) {
        const fit = (query: typeof request.query, baseKey: string) => scaling.fit({ query, baseKey, bootstrap: 0 }, { taskId, signal: ctx.signal });
        const now = await fit(request.query, request.baseKey);
        const before = await fit(beforeQuery, JSON.stringify([request.baseKey, 'as-of', since, newRuns]));
        const atCompute = now.base.fit?.maxCompute ?? Math.max(1, ...now.data.runs.map((r) => r.C));
        return encodeNonFinite({
          kind: 'group' as const,
          id,
          since,
          newRuns,
          view: scalingFitView(now, meta),
          now: snapshot(now, atCompute),
          before: snapshot(before, atCompute),
          atCompute,
        });
      }
      const ablation = (query: typeof request.query, targetCompute?: number) => {
        const asked: AblationRequest = { query, baseKey: request.baseKey, E: 'shared', targetCompute, resamples: REVIEW_MULTIPLIER_RESAMPLES };
        return scaling.ablation(asked, { taskId, signal: ctx.signal });
      };
      const now = await ablation(request.query);
      const before = await ablation(beforeQuery, now.computation.targetCompute);
      return encodeNonFinite({
        kind: 'ablation' as const,
        id,
        since,
        newRuns,
        now: ablationScalingView(now, { ...meta, E: 'shared' }),
        before: ablationScalingView(before, { ...meta, E: 'shared' }),
      });
    },

    async closeReview(input): Promise<WriteEventResult> {
      const notes = input.notes?.trim();
      let outcome;
      try {
        outcome = await writer.write({ type: 'review', ...(notes ? { notes } : {}) }, input.author);
      } catch (error) {
        if (error instanceof MissingIdentityError || error instanceof EventDraftError) throw new ApiFailure('validation', error.message);
        throw new ApiFailure('unavailable', (error as Error).message);
      }
      deps.emit({ type: 'data-changed', scopes: ['events'], at: new Date().toISOString() });
      if (outcome.state === 'written') {
        // The next agenda starts from this event: bring it into the cache before answering.
        const id = outcome.event.id;
        try {
          for (let attempt = 0; attempt < 2 && !isInCache(sqlite, 'events', id); attempt++) await deps.sync.syncNow();
        } catch (error) {
          deps.log(`sync after closing the review (${id}) failed: ${(error as Error).message}`);
        }
      }
      return outcome;
    },
  };
}
