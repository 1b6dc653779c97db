// Turns what the compute worker returns into the plain views of the scaling contract. Numbers stay
// numbers here (NaN and ±Infinity included); the handlers encode non-finite ones last.
import type { JsonNumber } from '../../../shared/api/json-number';
import type {
  AblationScalingView,
  ApiInterval,
  ComputeLawView,
  IdentifiabilityView,
  ScalingVerdictView,
  PowerLawView,
  ScalingFitView,
  ScalingIntervals,
  ScalingParamsView,
  ScalingPointView,
  ScalingScopeRef,
} from '../../../shared/api/scaling-methods';
import {
  computeLawIntervals,
  computeOptimalExponents,
  type ChinchillaParams,
  type ComputeLawIntervals,
  type ComputeLawParams,
  type FitIdentifiability,
  type FitResidual,
  type Interval,
  type ParameterIntervals,
  type PowerLawFit,
  type ScalingVerdict,
} from '../../../shared/scaling/index';
import type { ObservedRun, ScalingData } from '../queries/scaling-observations';
import type { AblationOutcome, ScalingFitOutcome } from './run-compute-task';

/** Views are built with real numbers and encoded afterwards; the type says what reaches JSON. */
const n = (value: number): JsonNumber => value;

export function paramsView(p: ChinchillaParams): ScalingParamsView {
  const { a, b } = computeOptimalExponents(p);
  return { E: n(p.E), A: n(p.A), B: n(p.B), alpha: n(p.alpha), beta: n(p.beta), a: n(a), b: n(b) };
}

export function intervalView(i: Interval): ApiInterval {
  return { estimate: n(i.estimate), median: n(i.median), p80: [n(i.p80[0]), n(i.p80[1])], p95: [n(i.p95[0]), n(i.p95[1])], samples: i.samples };
}

export function intervalsView(i: ParameterIntervals): ScalingIntervals {
  return {
    E: intervalView(i.E),
    A: intervalView(i.A),
    B: intervalView(i.B),
    alpha: intervalView(i.alpha),
    beta: intervalView(i.beta),
    a: intervalView(i.a),
    b: intervalView(i.b),
  };
}

export function identifiabilityView(i: FitIdentifiability): IdentifiabilityView {
  return { identifiable: i.identifiable, reason: i.reason, tokensPerParameter: i.tokensPerParameter, ratioSpread: i.ratioSpread, conditionNumber: n(i.conditionNumber) };
}

export function computeLawView(law: { params: ComputeLawParams; minCompute: number; maxCompute: number }, intervals: ComputeLawIntervals | null): ComputeLawView {
  const p = law.params;
  return {
    params: { E: n(p.E), K: n(p.K), gamma: n(p.gamma) },
    intervals: intervals && intervals.E.samples > 0 ? { E: intervalView(intervals.E), K: intervalView(intervals.K), gamma: intervalView(intervals.gamma) } : null,
    minCompute: law.minCompute,
    maxCompute: law.maxCompute,
  };
}

export function verdictView(v: ScalingVerdict): ScalingVerdictView {
  return { kind: v.kind, text: v.text, atCompute: v.atCompute, multiplier: intervalView(v.multiplier), unreachableShare: v.unreachableShare };
}

function powerLawView(p: PowerLawFit | null): PowerLawView | null {
  return p && { k: n(p.k), exponent: n(p.exponent), exponentStdError: n(p.exponentStdError), r2: n(p.r2), points: p.points };
}

export function scopeRef(data: ScalingData): ScalingScopeRef {
  return { kind: data.scope.kind, id: data.scope.id, variant: data.scope.variant, label: data.scope.label };
}

export function pointViews(runs: readonly ObservedRun[], residuals: readonly Pick<FitResidual, 'id' | 'predicted' | 'logResidual'>[] = []): ScalingPointView[] {
  const byId = new Map(residuals.map((r) => [r.id, r]));
  return runs.map((r) => {
    const residual = byId.get(r.id);
    return {
      runId: r.id,
      name: r.name,
      variant: r.variant,
      N: r.N,
      D: r.D,
      C: r.C,
      L: r.L,
      excluded: r.excluded,
      exclusionReason: r.exclusionReason,
      excludedAt: r.excludedAt,
      predicted: residual ? n(residual.predicted) : null,
      logResidual: residual ? n(residual.logResidual) : null,
    };
  });
}

export interface ViewMeta {
  exclusionScope: string;
  metrics: string[];
  task: string;
  dataVersion: string;
}

export function scalingFitView(outcome: ScalingFitOutcome, meta: ViewMeta): ScalingFitView {
  const { data, base, bootstrap, frontier } = outcome;
  const fit = base.fit;
  return {
    scope: scopeRef(data),
    exclusionScope: meta.exclusionScope,
    metric: data.metric,
    metrics: meta.metrics,
    lastPercent: data.lastPercent,
    points: pointViews(data.runs, fit?.residuals),
    skipped: data.skipped,
    fit: fit && {
      n: fit.n,
      params: paramsView(fit.params),
      objective: n(fit.objective),
      delta: fit.delta,
      eMode: fit.eMode,
      converged: fit.converged,
      starts: fit.starts,
      startsAtOptimum: fit.startsAtOptimum,
      minCompute: fit.minCompute,
      maxCompute: fit.maxCompute,
    },
    fitError: base.fitError,
    identifiability: base.identifiability && identifiabilityView(base.identifiability),
    computeLaw: base.law && computeLawView(base.law, bootstrap && bootstrap.lawSamples.length > 0 ? computeLawIntervals(base.law.params, bootstrap.lawSamples) : null),
    intervals: bootstrap?.intervals ? intervalsView(bootstrap.intervals) : null,
    bootstrap: bootstrap?.summary ?? null,
    frontier: frontier.map((p) => ({
      C: p.C,
      N: n(p.N),
      D: n(p.D),
      loss: n(p.loss),
      p80: p.p80 && [n(p.p80[0]), n(p.p80[1])],
      p95: p.p95 && [n(p.p95[0]), n(p.p95[1])],
    })),
    isoflop: {
      bins: base.isoflop.bins.map((b) => ({
        compute: b.compute,
        runIds: b.runIds,
        parabola: b.parabola && { c0: n(b.parabola.c0), c1: n(b.parabola.c1), c2: n(b.parabola.c2) },
        nOpt: n(b.nOpt),
        dOpt: n(b.dOpt),
        lossAtOpt: n(b.lossAtOpt),
        nRange: b.nRange,
        status: b.status,
        used: b.used,
      })),
      nOpt: powerLawView(base.isoflop.nOpt),
      dOpt: powerLawView(base.isoflop.dOpt),
    },
    envelope: {
      points: base.envelope.points.map((p) => ({ flops: p.flops, loss: p.loss, N: p.N, runId: p.runId })),
      nOpt: powerLawView(base.envelope.nOpt),
      dOpt: powerLawView(base.envelope.dOpt),
      curvesUsed: base.envelope.curvesUsed,
    },
    holdout: base.holdout && {
      heldOutCompute: base.holdout.heldOutCompute,
      largestFittedCompute: base.holdout.largestFittedCompute,
      extrapolationFactor: base.holdout.extrapolationFactor,
      n: base.holdout.fitN,
      params: paramsView(base.holdout.fitParams),
      predictions: base.holdout.predictions.map((p) => ({
        runId: p.id,
        N: p.N,
        D: p.D,
        C: p.C,
        actual: p.actual,
        predicted: n(p.predicted),
        relativeError: n(p.relativeError),
      })),
      meanAbsRelativeError: n(base.holdout.meanAbsRelativeError),
      meanRelativeError: n(base.holdout.meanRelativeError),
    },
    holdoutError: base.holdoutError,
    task: meta.task,
    dataVersion: meta.dataVersion,
  };
}

export function ablationScalingView(outcome: AblationOutcome, meta: ViewMeta & { E: 'shared' | 'free' }): AblationScalingView {
  const { data, computation } = outcome;
  const analysis = computation.analysis;
  const fits = new Map(analysis?.arms.map((a) => [a.key, a]) ?? []);
  const bootstrapped = !!analysis && analysis.bootstrap.completed > 0;
  return {
    ablation: data.scope.id ?? '',
    title: data.scope.ablation?.title ?? null,
    metric: data.metric,
    baseline: computation.baseline,
    E: analysis?.eMode ?? meta.E,
    method: computation.method,
    methodNote: computation.methodNote,
    targetCompute: computation.targetCompute,
    exclusionScope: meta.exclusionScope,
    arms: computation.arms.map((arm) => {
      const fit = fits.get(arm.key);
      const chinchilla = fit?.chinchilla ?? null;
      return {
        ...arm,
        params: chinchilla && paramsView(chinchilla.params),
        intervals: chinchilla && bootstrapped ? intervalsView(chinchilla.intervals) : null,
        identifiability: chinchilla && identifiabilityView(chinchilla.identifiability),
        law: fit?.law ? computeLawView({ ...fit, params: fit.law.params }, bootstrapped ? fit.law.intervals : null) : null,
        minCompute: fit?.minCompute ?? null,
        maxCompute: fit?.maxCompute ?? null,
      };
    }),
    variants: (analysis?.variants ?? []).map((v) => ({
      key: v.key,
      dataRange: v.dataRange,
      curve: v.curve.map((p) => ({ C: p.C, multiplier: intervalView(p.multiplier), unreachableShare: p.unreachableShare, withinData: p.withinData })),
      atTarget: v.atTarget && { ...v.atTarget, multiplier: intervalView(v.atTarget.multiplier) },
      logSlope: intervalView(v.logSlope),
      verdict: verdictView(v.verdict),
      crossings: v.crossings,
      crossingShare: v.crossingShare,
      warnings: v.warnings,
    })),
    points: pointViews(data.runs, analysis?.arms.flatMap((a) => a.residuals)),
    skipped: data.skipped,
    bootstrap: analysis && analysis.bootstrap.requested > 0 ? analysis.bootstrap : null,
    error: computation.error,
    task: meta.task,
    dataVersion: meta.dataVersion,
  };
}
