// Methods of the Evals page: how trustworthy each eval metric is as a decision tool (kind, noise
// floor, minimum detectable effects, small-to-large predictivity), the seeds an ablation needs, and
// the warnings the triage board shows when a decision rests on a weak eval.
import { z } from 'zod';
import { STORE_ID_RE } from '../domain/store-events';
import { defineMethod } from './define-method';

const storeId = z.string().regex(STORE_ID_RE, 'an id of letters, digits, ".", "_", "-"');

/** internal: a held-out set of our own; public: a benchmark that may have leaked into web data; unclassified: no team.yaml suite. */
export type EvalKind = 'internal' | 'public' | 'unclassified';
export type EvalDirection = 'lower' | 'higher' | 'unknown';
export type ProxyVerdict = 'good' | 'poor' | 'unclear' | 'insufficient';

export interface NoiseFloor {
  /** Pooled standard deviation across seeds of otherwise identical runs; null when no group has 2 seeds. */
  std: number | null;
  /** Σ (seeds − 1) over the groups used. */
  df: number;
  /** Groups of 2 or more seeds behind it, and the runs in them. */
  groups: number;
  runs: number;
  reason: string | null;
}

export interface DetectableEffectRow {
  seedsPerArm: number;
  /** Smallest |delta| resolved at 95 % confidence with 80 % power; null with the reason when none is. */
  mde: number | null;
  df: number | null;
  reason: string | null;
}

/** One (ablation, variant): its delta against the baseline at the smallest and at the largest model size. */
export interface PredictivityPair {
  ablationId: string;
  variant: string;
  baseline: string;
  compareAt: string;
  smallParams: number;
  largeParams: number;
  /** Variant mean − baseline mean at each size's comparison point, in metric units. */
  small: number;
  large: number;
  /** Seeds with a finite value at the largest size, per arm. */
  largeSeeds: { variant: number; baseline: number };
  /** The large-scale delta is beyond 1.96 standard errors of zero (σ = the noise floor), so its sign counts. */
  resolved: boolean;
}

export interface IntervalValue {
  lower: number;
  upper: number;
}

export interface Predictivity {
  /** Pairs behind the statistics, and the ablations they come from. */
  n: number;
  ablations: number;
  /** Over the pairs whose large-scale delta is resolved; `unresolved` were left out (within the noise), `excluded` had a delta of exactly 0. */
  signAgreement: { rate: number | null; agreements: number; n: number; unresolved: number; excluded: number; interval: IntervalValue | null; reason: string | null };
  rankCorrelation: { rho: number | null; n: number; interval: IntervalValue | null; reason: string | null };
  verdict: ProxyVerdict;
  verdictReason: string;
  pairs: PredictivityPair[];
}

export interface EvalQuality {
  metric: string;
  kind: EvalKind;
  /** The team.yaml suite it belongs to (longest matching prefix), or null. */
  suite: string | null;
  suitePrefix: string | null;
  better: EvalDirection;
  /** Runs that logged it. */
  runs: number;
  /** Ablations whose deciding metric (ablation.metric) it is. */
  ablationsUsing: string[];
  /** Ablations with at least one run that logged it. */
  ablationsMeasuring: number;
  noiseFloor: NoiseFloor;
  detectableEffects: DetectableEffectRow[];
  predictivity: Predictivity;
}

export interface EvalSuiteGroup {
  /** null for the unclassified group. */
  prefix: string | null;
  name: string;
  kind: EvalKind;
  evals: EvalQuality[];
}

export interface EvalQualityRules {
  alpha: number;
  power: number;
  seedsPerArm: number[];
  direction: string;
  noiseFloor: string;
  detectableEffect: string;
  predictivity: string;
  goodProxy: string;
  poorProxy: string;
}

export interface EvalQualityReport {
  suites: EvalSuiteGroup[];
  rules: EvalQualityRules;
}

export interface SeedsNeededAnswer {
  /** The metric and delta asked about (null when the proposal does not give them), and where they came from. */
  metric: string | null;
  delta: number | null;
  source: 'proposal' | 'input';
  proposalId: string | null;
  noiseFloor: number | null;
  /** Seeds per arm (at least 2), with the minimum detectable effect they give; null with the reason when none suffice. */
  seeds: number | null;
  mde: number | null;
  reason: string | null;
}

export type EvidenceWarningCode = 'poor-proxy' | 'public-only' | 'unproven-proxy';

export interface EvidenceWarning {
  code: EvidenceWarningCode;
  /** warning: the decision may be wrong for this reason; note: the eval's predictivity is not established. */
  severity: 'warning' | 'note';
  metrics: string[];
  message: string;
}

export interface ProposalEvidenceWarnings {
  proposalId: string;
  /** The deciding metrics of the proposal's linked ablations. */
  metrics: string[];
  warnings: EvidenceWarning[];
}

export const evalsMethods = {
  /** Every eval metric grouped by team.yaml suite, with its noise floor, detectable effects and predictivity. */
  getEvalQuality: defineMethod<EvalQualityReport>()({ input: z.object({}).strict() }),
  /** Seeds per arm to resolve a proposal's expected.delta on its metric, or a given delta on a given metric. */
  seedsNeededFor: defineMethod<SeedsNeededAnswer>()({
    input: z.union([
      z.object({ proposalId: storeId }).strict(),
      z.object({ metric: z.string().min(1).max(500), delta: z.number().finite() }).strict(),
    ]),
  }),
  /** Why a decision on this proposal may rest on weak evidence: a poor-proxy eval, or public benchmarks alone. */
  decisionEvidenceWarnings: defineMethod<ProposalEvidenceWarnings>()({ input: z.object({ proposalId: storeId }).strict() }),
  /** The same for every proposal, for the triage board (one call for all cards). */
  listDecisionEvidenceWarnings: defineMethod<{ proposals: ProposalEvidenceWarnings[] }>()({ input: z.object({}).strict() }),
};
