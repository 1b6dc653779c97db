// Handlers of the weekly review: the agenda since the last review event, how a scaling fit or an
// ablation's effective-compute multiplier moved since then (fits in the compute worker, kept by what
// they were computed from), and closing the review with a `review` event in the store.
import { ApiFailure } from '../../../shared/api/api-result';
import { encodeNonFinite } from '../../../shared/api/json-number';
import type { WriteEventResult } from '../../../shared/api/proposals-methods';
import { REVIEW_MULTIPLIER_RESAMPLES, type ReviewScalingChange, type ScalingFitSnapshot } from '../../../shared/api/review-methods';
import { computeLawLoss, computeOptimalAllocation } from '../../../shared/scaling';
import { EventDraftError, MissingIdentityError, type EventWriter } from '../events/event-writer';
import { ComputeTaskError } from '../host/compute-client';
import type { ComputeTask } from '../host/compute-messages';
import type { CoreDeps } from '../host/core-deps';
import type { AblationOutcome, ScalingFitOutcome } from '../host/run-compute-task';
import { buildReviewAgenda } from '../queries/review/review-agenda';
import { exclusionsAsOf, runsNewToFit } from '../queries/review/scaling-changes';
import { resolveScalingRequest, type ScalingRequest } from '../queries/scaling-request';
import { ScalingScopeError } from '../queries/scaling-scope';
import { ComputationCache } from './computation-cache';
import type { HandlerSlice } from './handlers';
import { createProposalsEventWriter } from './proposals-handlers';
import { ablationScalingView, paramsView, scalingFitView } from './scaling-views';

type ReviewMethod = 'getReviewAgenda' | 'getReviewScalingChange' | 'closeReview';

export type ReviewDeps = Pick<CoreDeps, 'cache' | 'config' | 'settings' | 'sync' | 'compute' | 'emit' | 'log'>;

/** Same seed as the Scaling page, so the review's intervals match what the page shows. */
const BOOTSTRAP_SEED = 1;

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

/**
 * The writer shares the core's outbox with the proposals' writer: an event either of them could not
 * deliver is retried by both (writing the same bytes twice is recognised as one event).
 */
export function createReviewHandlers(
  deps: ReviewDeps,
  writer: EventWriter = createProposalsEventWriter(deps, deps.config.pollIntervalMs ?? 10_000),
): HandlerSlice<ReviewMethod> {
  const { sqlite } = deps.cache;
  const fits = new ComputationCache<ScalingFitOutcome>(16, () => false);
  const ablations = new ComputationCache<AblationOutcome>(8, (o) => o.computation.analysis?.bootstrap.cancelled === true);
  const progress = (task: string, done: number, total: number) => deps.emit({ type: 'task-progress', task, done, total });
  const hasEvent = sqlite.prepare('SELECT 1 FROM events WHERE id = ?');

  function resolve(input: { group?: string; ablation?: string }): ScalingRequest {
    try {
      return resolveScalingRequest(sqlite, input.group !== undefined ? { group: input.group } : { ablation: input.ablation });
    } catch (error) {
      if (error instanceof ScalingScopeError) throw new ApiFailure('not-found', error.message);
      throw error;
    }
  }

  async function settle<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof ComputeTaskError) throw new ApiFailure(error.kind === 'scope' ? 'not-found' : 'unavailable', error.message);
      throw error;
    }
  }

  function fitOf(task: Extract<ComputeTask, { kind: 'scaling-fit' }>, taskId: string, signal?: AbortSignal): Promise<ScalingFitOutcome> {
    const key = JSON.stringify([task.baseKey, task.query.exclusions.map((e) => e.runId)]);
    return settle(fits.get(key, taskId, (onProgress) => deps.compute.run<ScalingFitOutcome>(task, onProgress), progress, signal));
  }

  function ablationOf(task: Extract<ComputeTask, { kind: 'ablation-scaling' }>, baseKey: string, taskId: string, signal?: AbortSignal): Promise<AblationOutcome> {
    const key = JSON.stringify([baseKey, task.query.exclusions.map((e) => e.runId), task.targetCompute ?? null, task.resamples]);
    return settle(ablations.get(key, taskId, (onProgress) => deps.compute.run<AblationOutcome>(task, onProgress), progress, signal));
  }

  return {
    async getReviewAgenda(input) {
      const nowMs = input.now !== undefined ? Date.parse(input.now) : Date.now();
      const pending = writer.pending();
      return encodeNonFinite(buildReviewAgenda(sqlite, { nowMs, since: input.since, pending }));
    },

    async getReviewScalingChange(input, ctx): Promise<ReviewScalingChange> {
      const request = resolve(input);
      const since = new Date(Date.parse(input.since)).toISOString();
      const newRuns = runsNewToFit(sqlite, request.query, Date.parse(since));
      const beforeQuery = { ...request.query, exclusions: exclusionsAsOf(request.query, newRuns, since) };
      const taskId = `review|${input.group !== undefined ? `group=${input.group}` : `ablation=${input.ablation}`}|since=${since}`;
      const meta = { exclusionScope: request.exclusionScope, metrics: request.metrics, task: taskId, dataVersion: request.dataVersion };
      const id = (input.group ?? input.ablation)!;
      if (input.group !== undefined) {
        const fit = (query: typeof request.query, baseKey: string) =>
          fitOf({ kind: 'scaling-fit', query, bootstrap: 0, seed: BOOTSTRAP_SEED, baseKey }, taskId, ctx.signal);
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
      const task = (query: typeof request.query, targetCompute?: number): Extract<ComputeTask, { kind: 'ablation-scaling' }> => ({
        kind: 'ablation-scaling',
        query,
        E: 'shared',
        ...(targetCompute !== undefined ? { targetCompute } : {}),
        resamples: REVIEW_MULTIPLIER_RESAMPLES,
        seed: BOOTSTRAP_SEED,
      });
      const now = await ablationOf(task(request.query), request.baseKey, taskId, ctx.signal);
      const before = await ablationOf(task(beforeQuery, now.computation.targetCompute), request.baseKey, taskId, ctx.signal);
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
          for (let attempt = 0; attempt < 2 && hasEvent.get(id) === undefined; attempt++) await deps.sync.syncNow();
        } catch (error) {
          deps.log(`sync after closing the review (${id}) failed: ${(error as Error).message}`);
        }
      }
      return outcome;
    },
  };
}
