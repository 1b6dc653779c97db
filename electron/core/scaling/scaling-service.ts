// The one scaling orchestration behind the Scaling and Review handlers: settle a request (its runs,
// metric, exclusions and data version), run fits and ablation analyses in the compute worker, and
// keep their results by what they were computed from, so a page, a second window and the weekly review
// asking for the same fit share one computation. Built once per core (create-handlers.ts).
import type Database from 'better-sqlite3';
import { ApiFailure } from '../../../shared/api/api-result';
import type { PushEvent } from '../../../shared/api/push-events';
import { ComputeTaskError, type ComputeClient } from './compute-client';
import type { ComputeTask } from './compute-messages';
import type { ScalingDataQuery } from '../queries/scaling-observations';
import { ComputationCache } from './computation-cache';
import type { AblationOutcome, ScalingFitOutcome } from './run-compute-task';
import { resolveScalingRequest, type ScalingRequest, type ScalingRequestInput } from './scaling-request';
import { ScalingScopeError } from '../queries/scaling-scope';

/** Same seed, same resamples: intervals do not move between renders, windows or the review. */
export const BOOTSTRAP_SEED = 1;

/** A fit of `query`; `baseKey` names its data and exclusions (ScalingRequest.baseKey, or one made for an as-of fit). */
export interface FitRequest {
  query: ScalingDataQuery;
  baseKey: string;
  /** Resamples of the bootstrap; 0 for the fit alone. */
  bootstrap: number;
}

export interface AblationRequest {
  query: ScalingDataQuery;
  baseKey: string;
  E: Extract<ComputeTask, { kind: 'ablation-scaling' }>['E'];
  targetCompute?: number;
  resamples: number;
}

/** Who waits for a computation: its progress goes to `taskId`, and it stops waiting when `signal` aborts. */
export interface Caller {
  taskId: string;
  signal?: AbortSignal;
}

export interface ScalingService {
  /** The request's runs, metric and exclusions; an unknown group, ablation or metric is `not-found`. */
  resolve(input: ScalingRequestInput): ScalingRequest;
  fit(request: FitRequest, caller: Caller): Promise<ScalingFitOutcome>;
  ablation(request: AblationRequest, caller: Caller): Promise<AblationOutcome>;
  /** Cancels every running computation that has this task among its callers. */
  cancel(taskId: string): boolean;
}

export interface ScalingServiceDeps {
  cache: { sqlite: Database.Database };
  compute: ComputeClient;
  emit(event: PushEvent): void;
}

/** The exclusions of a query, as they enter a cache key (an as-of query excludes runs the request does not). */
const excludedIds = (query: ScalingDataQuery) => query.exclusions.map((e) => e.runId);

export function createScalingService(deps: ScalingServiceDeps): ScalingService {
  const progress = (task: string, done: number, total: number) => deps.emit({ type: 'task-progress', task, done, total });
  // A cancelled bootstrap is handed to its callers but not kept: the next request computes it whole.
  const fits = new ComputationCache<ScalingFitOutcome>(40, (o) => o.bootstrap?.summary.cancelled === true);
  const ablations = new ComputationCache<AblationOutcome>(20, (o) => o.computation.analysis?.bootstrap.cancelled === true);

  async function settle<T>(promise: Promise<T>): Promise<T> {
    try {
      return await promise;
    } catch (error) {
      if (error instanceof ComputeTaskError) throw new ApiFailure(error.kind === 'scope' ? 'not-found' : error.kind === 'cancelled' ? 'cancelled' : 'unavailable', error.message);
      throw error;
    }
  }

  return {
    resolve(input) {
      try {
        return resolveScalingRequest(deps.cache.sqlite, input);
      } catch (error) {
        if (error instanceof ScalingScopeError) throw new ApiFailure('not-found', error.message);
        throw error;
      }
    },

    fit(request, caller) {
      const task: ComputeTask = { kind: 'scaling-fit', query: request.query, bootstrap: request.bootstrap, seed: BOOTSTRAP_SEED, baseKey: request.baseKey };
      const key = JSON.stringify([request.baseKey, excludedIds(request.query), request.bootstrap, BOOTSTRAP_SEED]);
      return settle(fits.get(key, caller.taskId, (onProgress) => deps.compute.run<ScalingFitOutcome>(task, onProgress), progress, caller.signal));
    },

    ablation(request, caller) {
      const task: ComputeTask = {
        kind: 'ablation-scaling',
        query: request.query,
        E: request.E,
        ...(request.targetCompute !== undefined ? { targetCompute: request.targetCompute } : {}),
        resamples: request.resamples,
        seed: BOOTSTRAP_SEED,
      };
      const key = JSON.stringify([request.baseKey, excludedIds(request.query), request.E, request.targetCompute ?? null, request.resamples, BOOTSTRAP_SEED]);
      return settle(ablations.get(key, caller.taskId, (onProgress) => deps.compute.run<AblationOutcome>(task, onProgress), progress, caller.signal));
    },

    cancel(taskId) {
      const fit = fits.cancel(taskId);
      const ablation = ablations.cancel(taskId);
      return fit || ablation;
    },
  };
}
