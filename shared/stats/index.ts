// Pure statistics for ablation verdicts, eval quality and bootstraps. No Node, DOM or Electron.
export { logGamma, logBeta, regularizedIncompleteBeta, regularizedGammaQ } from './special-functions';
export { normalCdf, normalPdf, normalQuantile } from './normal';
export { studentTCdf, studentTPdf, studentTQuantile, studentTTwoSidedP } from './student-t';
export { mean, sampleVariance, sampleStd } from './descriptive';
export {
  welchTTest,
  welchVerdict,
  type WelchResult,
  type WelchComparison,
  type NoNoiseEstimate,
  type ArmSummary,
  type BetterDirection,
  type Verdict,
} from './welch';
export {
  minimumDetectableEffect,
  seedsNeeded,
  type PowerOptions,
  type DetectableEffect,
  type SeedsNeeded,
} from './detectable-effect';
export { averageRanks, spearmanCorrelation, type SpearmanResult, type CorrelationInterval } from './rank-correlation';
export { signAgreement, wilsonInterval, type SignAgreement, type ProportionInterval } from './sign-agreement';
export { pooledStandardDeviation, type PooledStd } from './noise-floor';
export { quantile, quantileSorted } from './quantile';
