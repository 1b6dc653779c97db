// Handlers of the Scaling page: views of what the scaling service (electron/core/scaling) settles and
// computes. Which runs and which exclusions is quick; fits and bootstraps run in the compute worker and
// are kept by what they were computed from, so rendering again never refits.
import { ApiFailure } from '../../../shared/api/api-result';
import { encodeNonFinite } from '../../../shared/api/json-number';
import { scalingTaskId, type ScalingPrediction } from '../../../shared/api/scaling-methods';
import { computeLawLoss, predictAtCompute, predictAtSize, summarizeInterval, type ComputeLawFit, type ComputeLawParams, type FitWithSamples } from '../../../shared/scaling';
import type { CoreDeps } from './core-deps';
import { setFitExclusion } from '../queries/fit-exclusions';
import type { ScalingRequest } from '../scaling/scaling-request';
import { listScalingScopes } from '../queries/scaling-scopes-list';
import type { ScalingService } from '../scaling/scaling-service';
import { ablationScalingView, intervalView, scalingFitView } from '../scaling/scaling-views';
import type { HandlerSlice } from './handlers';

type ScalingMethod = 'listScalingScopes' | 'getScalingFit' | 'predictAt' | 'getAblationScaling' | 'setFitExclusion' | 'cancelTask';

/** Predictions further than this beyond the largest fitted compute are flagged. */
const FAR_EXTRAPOLATION = 10;

/** The loss at compute C from the power law in compute, with its bootstrap interval; N and D are not in such data. */
function predictFromLaw(law: ComputeLawFit, samples: readonly ComputeLawParams[], C: number): Omit<ScalingPrediction, 'warning' | 'maxCompute'> {
  const unknown = intervalView({ estimate: NaN, median: NaN, p80: [NaN, NaN], p95: [NaN, NaN], samples: 0 });
  return {
    mode: 'compute',
    basis: 'compute-law',
    C,
    N: unknown,
    D: unknown,
    tokensPerParameter: unknown,
    loss: intervalView(summarizeInterval(computeLawLoss(law.params, C), samples.map((p) => computeLawLoss(p, C)))),
    extrapolationFactor: C / law.maxCompute,
  };
}

export type ScalingDeps = Pick<CoreDeps, 'cache' | 'emit'>;

export function createScalingHandlers(deps: ScalingDeps, scaling: ScalingService): HandlerSlice<ScalingMethod> {
  const fitOutcome = (request: ScalingRequest, bootstrap: number, taskId: string, signal: AbortSignal | undefined) =>
    scaling.fit({ query: request.query, baseKey: request.baseKey, bootstrap }, { taskId, signal });

  return {
    async listScalingScopes() {
      return { scopes: listScalingScopes(deps.cache.sqlite) };
    },

    async getScalingFit(input, ctx) {
      const request = scaling.resolve(input);
      const task = scalingTaskId('fit', input);
      const outcome = await fitOutcome(request, input.bootstrap, task, ctx.signal);
      return encodeNonFinite(
        scalingFitView(outcome, { exclusionScope: request.exclusionScope, metrics: request.metrics, task, dataVersion: request.dataVersion }),
      );
    },

    async predictAt(input, ctx) {
      const request = scaling.resolve(input);
      const outcome = await fitOutcome(request, input.bootstrap, scalingTaskId('fit', input), ctx.signal);
      const fit = outcome.base.fit;
      if (!fit) throw new ApiFailure('conflict', `There is no fit of ${request.scope.label} to predict from: ${outcome.base.fitError}`);
      const warnings: string[] = [];
      let prediction: Omit<ScalingPrediction, 'warning' | 'maxCompute'>;
      const law = outcome.base.law;
      if (law && input.targetCompute !== undefined) {
        // The runs do not identify the allocation of compute between N and D: the loss is the power law's.
        prediction = predictFromLaw(law, outcome.bootstrap?.lawSamples ?? [], input.targetCompute);
        warnings.push('These runs do not identify the compute-optimal model size and tokens (see the fit): the loss is read off their power law in compute, along their own design.');
      } else if (input.targetCompute !== undefined) {
        const source: FitWithSamples = { fit, samples: outcome.bootstrap?.samples ?? [] };
        const p = predictAtCompute(source, input.targetCompute);
        prediction = {
          mode: 'compute',
          basis: 'chinchilla',
          C: p.C,
          N: intervalView(p.N),
          D: intervalView(p.D),
          tokensPerParameter: intervalView(p.tokensPerParameter),
          loss: intervalView(p.loss),
          extrapolationFactor: p.extrapolationFactor,
        };
      } else {
        const source: FitWithSamples = { fit, samples: outcome.bootstrap?.samples ?? [] };
        const p = predictAtSize(source, input.targetN!, input.targetD!);
        const exact = (v: number) => intervalView({ estimate: v, median: v, p80: [v, v], p95: [v, v], samples: source.samples.length });
        prediction = { mode: 'size', basis: 'chinchilla', C: p.C, N: exact(p.N), D: exact(p.D), tokensPerParameter: exact(p.D / p.N), loss: intervalView(p.loss), extrapolationFactor: p.extrapolationFactor };
        if (law) warnings.push('These runs do not identify how the loss depends on N and D apart: off their design, this is the fit\'s guess, not a finding.');
      }
      if (prediction.extrapolationFactor > FAR_EXTRAPOLATION) {
        warnings.unshift(`This prediction reaches ${prediction.extrapolationFactor.toPrecision(3)}× beyond the largest compute in the fit.`);
      }
      if (!Number.isFinite(prediction.loss.estimate as number)) warnings.push('The fit has no compute-optimal frontier (an exponent ≤ 0), so it predicts nothing here.');
      return encodeNonFinite({ ...prediction, maxCompute: fit.maxCompute, warning: warnings.length > 0 ? warnings.join(' ') : null });
    },

    async getAblationScaling(input, ctx) {
      const request = scaling.resolve({ ablation: input.ablation, metric: input.metric, lastPercent: input.lastPercent });
      const task = scalingTaskId('ablation', input);
      const outcome = await scaling.ablation(
        { query: request.query, baseKey: request.baseKey, E: input.E, targetCompute: input.targetCompute, resamples: input.bootstrap },
        { taskId: task, signal: ctx.signal },
      );
      return encodeNonFinite(
        ablationScalingView(outcome, { exclusionScope: request.exclusionScope, metrics: request.metrics, task, dataVersion: request.dataVersion, E: input.E }),
      );
    },

    async setFitExclusion(input) {
      const request = scaling.resolve(input);
      const inScope = deps.cache.sqlite.prepare(`SELECT 1 FROM runs r WHERE r.id = @runId AND ${request.scope.where}`).get({ ...request.scope.params, runId: input.runId });
      if (!inScope) throw new ApiFailure('not-found', `Run ${input.runId} is not one of the runs of ${request.scope.label}.`);
      const exclusions = setFitExclusion(deps.cache.sqlite, request.exclusionScope, input.runId, input.excluded, input.reason);
      deps.emit({ type: 'data-changed', scopes: ['settings'], at: new Date().toISOString() });
      return { exclusionScope: request.exclusionScope, exclusions };
    },

    async cancelTask(input) {
      return { cancelled: scaling.cancel(input.task) };
    },
  };
}
