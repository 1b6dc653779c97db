// Methods of the Scaling page: which runs can be fitted, the Chinchilla fit of a group or of an
// ablation's arm with bootstrap intervals, predictions from it, each scaling ablation's
// effective-compute multiplier, and the runs a user excluded from a fit.
// Numbers that can be non-finite are `JsonNumber` (see json-number.ts).
import { z } from 'zod';
import type { ScalingVerdictKind } from '../scaling/multiplier-verdict';
import { defineMethod } from './define-method';
import type { JsonNumber } from './json-number';

export interface ApiInterval {
  /** From the full-data fit. */
  estimate: JsonNumber;
  median: JsonNumber;
  /** 10th–90th and 2.5th–97.5th percentiles over the bootstrap resamples. */
  p80: [JsonNumber, JsonNumber];
  p95: [JsonNumber, JsonNumber];
  /** Resamples the percentiles were taken over (0: no bootstrap, the bounds are NaN). */
  samples: number;
}

export type ScalingScopeKind = 'group' | 'ablation' | 'all';

export interface ScalingScopeRef {
  kind: ScalingScopeKind;
  /** Group name or ablation id; null for every run. */
  id: string | null;
  variant: string | null;
  label: string;
}

export interface ScalingScopeEntry {
  kind: ScalingScopeKind;
  id: string | null;
  title: string | null;
  /** Runs with both N (model.params) and D (data.tokens). */
  runs: number;
  /** Distinct model sizes among them. */
  sizes: number;
  /** The metric fitted unless another is asked for. */
  metric: string;
  /** Metric keys logged by the scope's runs, most widely logged first. */
  metrics: string[];
  /** Ablations: the baseline label and every variant with its runs and sizes. */
  baseline: string | null;
  variants: { key: string; runs: number; sizes: number }[];
}

export interface ScalingPointView {
  runId: string;
  name: string | null;
  variant: string | null;
  N: number;
  D: number;
  /** Training compute: compute.flops when the run gives it, else 6·N·D. */
  C: number;
  L: number;
  excluded: boolean;
  exclusionReason: string | null;
  excludedAt: string | null;
  /** The fit's prediction for this run, and log(predicted) − log(L); null when there is no fit. */
  predicted: JsonNumber | null;
  logResidual: JsonNumber | null;
}

export interface SkippedRunView {
  runId: string;
  name: string | null;
  reason: string;
}

export interface ScalingParamsView {
  E: JsonNumber;
  A: JsonNumber;
  B: JsonNumber;
  alpha: JsonNumber;
  beta: JsonNumber;
  /** Compute-optimal exponents: N_opt ∝ C^a, D_opt ∝ C^b. */
  a: JsonNumber;
  b: JsonNumber;
}

export type ScalingParamName = keyof ScalingParamsView;
export type ScalingIntervals = Record<ScalingParamName, ApiInterval>;

export interface BootstrapView {
  requested: number;
  completed: number;
  failed: number;
  cancelled: boolean;
  seed: number;
}

export interface PowerLawView {
  k: JsonNumber;
  exponent: JsonNumber;
  exponentStdError: JsonNumber;
  r2: JsonNumber;
  points: number;
}

export interface FrontierPointView {
  C: number;
  N: JsonNumber;
  D: JsonNumber;
  loss: JsonNumber;
  /** Bootstrap bands of the frontier loss (null without a bootstrap). */
  p80: [JsonNumber, JsonNumber] | null;
  p95: [JsonNumber, JsonNumber] | null;
}

export interface IsoFlopBinView {
  compute: number;
  runIds: string[];
  parabola: { c0: JsonNumber; c1: JsonNumber; c2: JsonNumber } | null;
  nOpt: JsonNumber;
  dOpt: JsonNumber;
  lossAtOpt: JsonNumber;
  nRange: [number, number];
  status: 'ok' | 'too-few-sizes' | 'not-convex' | 'minimum-outside-range';
  used: boolean;
}

export interface HoldoutView {
  heldOutCompute: number;
  largestFittedCompute: number;
  extrapolationFactor: number;
  /** Runs the smaller-scale fit was made on. */
  n: number;
  params: ScalingParamsView;
  predictions: { runId: string; N: number; D: number; C: number; actual: number; predicted: JsonNumber; relativeError: JsonNumber }[];
  meanAbsRelativeError: JsonNumber;
  meanRelativeError: JsonNumber;
}

/** Whether the runs pin the Chinchilla parameters down (shared/scaling/identifiability.ts). */
export interface IdentifiabilityView {
  identifiable: boolean;
  /** Why not, in words; null when identifiable. */
  reason: string | null;
  tokensPerParameter: [number, number];
  /** Standard deviation of log D around its line in log N over the distinct designs (0: one ratio). */
  ratioSpread: number;
  conditionNumber: JsonNumber;
}

/** L(C) = E + K·C^(−γ): the power law of loss in compute that runs at one ratio do identify. */
export interface ComputeLawView {
  params: { E: JsonNumber; K: JsonNumber; gamma: JsonNumber };
  /** Bootstrap intervals (null before the bootstrap). */
  intervals: { E: ApiInterval; K: ApiInterval; gamma: ApiInterval } | null;
  minCompute: number;
  maxCompute: number;
}

export interface ScalingFitSummary {
  n: number;
  params: ScalingParamsView;
  objective: JsonNumber;
  delta: number;
  eMode: 'free' | 'fixed' | 'shared';
  converged: boolean;
  starts: number;
  startsAtOptimum: number;
  minCompute: number;
  maxCompute: number;
}

export interface ScalingFitView {
  scope: ScalingScopeRef;
  /** The key exclusions of this fit are recorded under. */
  exclusionScope: string;
  metric: string;
  metrics: string[];
  lastPercent: number | null;
  /** Every usable run, excluded ones included (marked). */
  points: ScalingPointView[];
  /** Runs of the scope that cannot enter the fit, and why. */
  skipped: SkippedRunView[];
  fit: ScalingFitSummary | null;
  /** Why there is no fit (too few runs, sizes …). */
  fitError: string | null;
  /** Null without a fit. When not identifiable, the parameters are no finding: `computeLaw` is. */
  identifiability: IdentifiabilityView | null;
  computeLaw: ComputeLawView | null;
  /** Intervals of the Chinchilla parameters: only when they are identifiable. */
  intervals: ScalingIntervals | null;
  bootstrap: BootstrapView | null;
  /** The compute-optimal frontier; when the parameters are not identifiable, the power law in compute (N and D NaN). */
  frontier: FrontierPointView[];
  isoflop: { bins: IsoFlopBinView[]; nOpt: PowerLawView | null; dOpt: PowerLawView | null };
  envelope: {
    points: { flops: number; loss: number; N: number; runId: string }[];
    nOpt: PowerLawView | null;
    dOpt: PowerLawView | null;
    curvesUsed: number;
  };
  holdout: HoldoutView | null;
  holdoutError: string | null;
  /** Id of this computation in task-progress events and for cancelTask. */
  task: string;
  dataVersion: string;
}

export interface ScalingPrediction {
  mode: 'compute' | 'size';
  /** 'compute-law': the runs do not identify the Chinchilla parameters; the loss comes from L(C) = E + K·C^−γ and N, D are NaN. */
  basis: 'chinchilla' | 'compute-law';
  C: number;
  N: ApiInterval;
  D: ApiInterval;
  tokensPerParameter: ApiInterval;
  loss: ApiInterval;
  /** Target compute ÷ the largest compute in the fit. */
  extrapolationFactor: number;
  maxCompute: number;
  /** Set when the prediction reaches more than 10× beyond the data, or has no frontier. */
  warning: string | null;
}

export interface MultiplierPointView {
  C: number;
  multiplier: ApiInterval;
  unreachableShare: number;
  withinData: boolean;
}

/** The verdict of shared/scaling/multiplier-verdict.ts with the numbers it was derived from. */
export interface ScalingVerdictView {
  kind: ScalingVerdictKind;
  text: string;
  /** The largest compute both arms were fitted on, where the verdict is read. */
  atCompute: number;
  multiplier: ApiInterval;
  unreachableShare: number;
}

export interface VariantScalingView {
  key: string;
  dataRange: [number, number];
  curve: MultiplierPointView[];
  atTarget: { C: number; multiplier: ApiInterval; unreachableShare: number; extrapolationFactor: number } | null;
  logSlope: ApiInterval;
  verdict: ScalingVerdictView;
  crossings: { C: number; withinData: boolean }[];
  crossingShare: number;
  warnings: string[];
}

export interface AblationArmView {
  key: string;
  n: number;
  sizes: number;
  excluded: number;
  /** Tokens per parameter when every run of the arm used about one ratio, else null. */
  ratio: number | null;
  /** The arm's Chinchilla fit (frontier method), and whether its runs identify it. */
  params: ScalingParamsView | null;
  intervals: ScalingIntervals | null;
  identifiability: IdentifiabilityView | null;
  /** The arm's power law of loss in compute (design-ratio method). */
  law: ComputeLawView | null;
  minCompute: number | null;
  maxCompute: number | null;
  /** Why this arm's fit says little about scaling (one tokens-per-parameter ratio, no frontier …). */
  warnings: string[];
}

export interface AblationScalingView {
  ablation: string;
  title: string | null;
  metric: string;
  baseline: string;
  E: 'shared' | 'free';
  /**
   * 'frontier': multipliers read off each arm's compute-optimal frontier (arms run at several
   * tokens-per-parameter ratios). 'design-ratio': every arm ran at one ratio, so multipliers compare
   * each arm's power law of loss in compute, along its ratio.
   */
  method: 'frontier' | 'design-ratio';
  methodNote: string | null;
  targetCompute: number;
  exclusionScope: string;
  arms: AblationArmView[];
  variants: VariantScalingView[];
  points: ScalingPointView[];
  skipped: SkippedRunView[];
  bootstrap: BootstrapView | null;
  error: string | null;
  task: string;
  dataVersion: string;
}

export interface FitExclusionView {
  runId: string;
  reason: string | null;
  at: string;
}

const text = z.string().min(1).max(256);

/** Which runs: one group, one ablation (optionally one variant of it), or every run when neither is given. */
export const scalingScopeFields = {
  group: text.optional(),
  ablation: text.optional(),
  variant: text.optional(),
  /** Metric key (default: the ablation's metric, else an eval loss, else train/loss). */
  metric: text.optional(),
  /** L = mean of the last this-many percent of the metric's points instead of the last point. */
  lastPercent: z.number().gt(0).max(100).optional(),
};

function checkScope(value: { group?: string; ablation?: string; variant?: string }, ctx: z.RefinementCtx): void {
  if (value.group !== undefined && value.ablation !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['ablation'], message: 'give a group or an ablation, not both' });
  }
  if (value.variant !== undefined && value.ablation === undefined) {
    ctx.addIssue({ code: 'custom', path: ['variant'], message: 'a variant needs its ablation' });
  }
}

/**
 * Resamples one call may ask for: twice what the app asks (1,000), so a client cannot queue minutes
 * of CPU per call on a shared server. `tessera fit --bootstrap` runs in its own process, unbounded.
 */
export const MAX_API_BOOTSTRAP = 2000;
const bootstrapField = z.number().int().min(0).max(MAX_API_BOOTSTRAP).default(0);
const computeField = z.number().positive().max(1e40);

export const scalingMethods = {
  listScalingScopes: defineMethod<{ scopes: ScalingScopeEntry[] }>()({ input: z.object({}).strict() }),
  getScalingFit: defineMethod<ScalingFitView>()({
    input: z.object({ ...scalingScopeFields, bootstrap: bootstrapField }).strict().superRefine(checkScope),
  }),
  predictAt: defineMethod<ScalingPrediction>()({
    input: z
      .object({
        ...scalingScopeFields,
        bootstrap: bootstrapField,
        targetCompute: computeField.optional(),
        targetN: computeField.optional(),
        targetD: computeField.optional(),
      })
      .strict()
      .superRefine((value, ctx) => {
        checkScope(value, ctx);
        const size = value.targetN !== undefined || value.targetD !== undefined;
        if (value.targetCompute !== undefined && size) {
          ctx.addIssue({ code: 'custom', path: ['targetCompute'], message: 'give targetCompute, or targetN with targetD, not both' });
        } else if (size && (value.targetN === undefined || value.targetD === undefined)) {
          ctx.addIssue({ code: 'custom', path: [value.targetN === undefined ? 'targetN' : 'targetD'], message: 'targetN and targetD go together' });
        } else if (!size && value.targetCompute === undefined) {
          ctx.addIssue({ code: 'custom', path: ['targetCompute'], message: 'give targetCompute, or targetN with targetD' });
        }
      }),
  }),
  getAblationScaling: defineMethod<AblationScalingView>()({
    input: z
      .object({
        ablation: text,
        metric: text.optional(),
        lastPercent: z.number().gt(0).max(100).optional(),
        E: z.enum(['shared', 'free']).default('shared'),
        targetCompute: computeField.optional(),
        bootstrap: bootstrapField,
      })
      .strict(),
  }),
  setFitExclusion: defineMethod<{ exclusionScope: string; exclusions: FitExclusionView[] }>()({
    input: z
      .object({
        ...scalingScopeFields,
        runId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/),
        excluded: z.boolean(),
        reason: z.string().max(500).optional(),
      })
      .strict()
      .superRefine(checkScope),
    writes: true,
  }),
  cancelTask: defineMethod<{ cancelled: boolean }>()({ input: z.object({ task: z.string().min(1).max(2000) }).strict() }),
};

export type ScalingScopeInput = { group?: string; ablation?: string; variant?: string; metric?: string; lastPercent?: number };

/**
 * The id of the computation a request starts, as the caller can work it out from its own input:
 * the UI cancels and follows progress by it.
 */
export function scalingTaskId(kind: 'fit' | 'ablation', input: ScalingScopeInput & { bootstrap?: number; E?: string; targetCompute?: number }): string {
  const parts = [
    kind,
    input.group !== undefined ? `group=${input.group}` : '',
    input.ablation !== undefined ? `ablation=${input.ablation}` : '',
    input.variant !== undefined ? `variant=${input.variant}` : '',
    input.metric !== undefined ? `metric=${input.metric}` : '',
    input.lastPercent !== undefined ? `last=${input.lastPercent}` : '',
    input.E !== undefined ? `E=${input.E}` : '',
    input.targetCompute !== undefined ? `target=${input.targetCompute}` : '',
    `bootstrap=${input.bootstrap ?? 0}`,
  ];
  return parts.filter((p) => p !== '').join('|');
}
