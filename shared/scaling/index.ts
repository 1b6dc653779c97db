// Public API of the scaling-law mathematics (Chinchilla approaches 1–3, bootstrap intervals,
// holdout, effective-compute multipliers). Pure functions on plain arrays: callers filter
// excluded runs before calling. No Node, DOM or Electron.

export type {
  CancellationFlag,
  ChinchillaParams,
  Interval,
  PowerLawFit,
  ProgressCallback,
  RejectedObservation,
  ScalingObservation,
} from './types';
export { observationCompute, validateObservations, ScalingInputError } from './observations';
export { finalMetricValue } from './final-loss';

export { minimizeLbfgs, LbfgsMinimizer, type LbfgsOptions, type LbfgsResult, type LbfgsStatus } from './lbfgs';
export { wolfeLineSearch, type ObjectiveWithGradient, type LineSearchResult, type WolfeOptions } from './wolfe-line-search';

export { CHINCHILLA_START_GRID, BOOTSTRAP_START_GRID, type StartGrid } from './start-grid';
export { DEFAULT_HUBER_DELTA } from './chinchilla-problem';
export { chinchillaStartCount, fitChinchillaLoss, fitChinchillaLossAsync, type ChinchillaFit, type ChinchillaFitOptions, type FitResidual } from './fit-chinchilla';
export { FitCancelledError, type MultiStartControl } from './multi-start';
export {
  fitChinchillaVariants,
  type ChinchillaVariantsFit,
  type ChinchillaVariantsOptions,
  type ScalingArm,
} from './fit-chinchilla-variants';

export {
  computeForFrontierLoss,
  computeOptimalAllocation,
  computeOptimalExponents,
  extrapolationFactor,
  frontierLoss,
  hasComputeOptimalFrontier,
  maxObservedCompute,
  predictLoss,
  type ComputeOptimalPoint,
} from './compute-optimal';

export { DEFAULT_RESAMPLES, type BootstrapControl, type BootstrapSummary } from './bootstrap';
export {
  bootstrapChinchillaFit,
  bootstrapInterval,
  parameterIntervals,
  predictAtCompute,
  predictAtSize,
  type ChinchillaBootstrap,
  type ChinchillaBootstrapOptions,
  type ComputePrediction,
  type FitWithSamples,
  type ParameterIntervals,
  type SizePrediction,
} from './bootstrap-chinchilla';
export { summarizeInterval } from './summarize-interval';

export { fitPowerLaw } from './power-law';
export {
  fitIsoFlopProfiles,
  type IsoFlopBin,
  type IsoFlopBinStatus,
  type IsoFlopOptions,
  type IsoFlopProfiles,
} from './isoflop';
export {
  computeLossEnvelope,
  type EnvelopePoint,
  type LossEnvelope,
  type LossEnvelopeOptions,
  type RejectedCurvePoint,
  type TrainingCurve,
  type TrainingCurvePoint,
} from './loss-envelope';

export {
  holdoutFromFit,
  holdoutLargestCompute,
  splitLargestCompute,
  type HoldoutOptions,
  type HoldoutPrediction,
  type HoldoutResult,
  type HoldoutSplit,
} from './holdout';

export {
  effectiveComputeMultiplier,
  multiplierCrossings,
  multiplierCurve,
  multiplierLogSlope,
  type MultiplierPoint,
} from './effective-compute';
export {
  summarizeMultiplier,
  type MultiplierCurveOptions,
  type MultiplierCurvePoint,
  type MultiplierSource,
  type VariantEffectiveCompute,
} from './variant-multiplier';
export {
  FLAT_SLOPE,
  formatLogSlope,
  formatMultiplier,
  formatMultiplierRange,
  formatMultiplierWithInterval,
  MIN_VERDICT_RESAMPLES,
  SCALING_VERDICT_RULE,
  scalingVerdict,
  verdictDirection,
  verdictEvidence,
  verdictSentence,
  verdictSymbol,
  type ScalingVerdict,
  type ScalingVerdictKind,
} from './multiplier-verdict';
export {
  bootstrapComputeLaws,
  computeForLawLoss,
  computeLawIntervals,
  computeLawLoss,
  fitComputeLaw,
  fitComputeLaws,
  type ComputeLawArm,
  type ComputeLawFit,
  type ComputeLawIntervals,
  type ComputeLawParams,
  type ComputeLawsBootstrap,
  type ComputeLawsFit,
} from './compute-power-law';
export { chinchillaIdentifiability, MAX_CONDITION_NUMBER, MIN_RATIO_SPREAD, type FitIdentifiability } from './identifiability';
export { analyzeAblationScaling, type AblationScaling, type AblationScalingOptions } from './ablation-scaling';

export { logSpaced } from './log-spaced';
export {
  syntheticGridObservations,
  syntheticIsoFlopObservations,
  syntheticTrainingCurves,
  type SyntheticCurveOptions,
  type SyntheticGridOptions,
  type SyntheticIsoFlopOptions,
} from './synthetic';
