// The rules that judge an eval as a decision tool, as pure functions of numbers already read from
// the cache: which way is better, which suite it belongs to, its noise floor and detectable
// effects, and whether its small-scale ablation deltas predict the large-scale ones.
import type {
  DetectableEffectRow,
  EvalDirection,
  EvalKind,
  EvalQualityRules,
  NoiseFloor,
  Predictivity,
  PredictivityPair,
  ProxyVerdict,
} from '../api/evals-methods';
import { minimumDetectableEffect, pooledStandardDeviation, signAgreement, spearmanCorrelation } from '../stats';

export const EVAL_ALPHA = 0.05;
export const EVAL_POWER = 0.8;
export const SEEDS_PER_ARM = [1, 2, 3, 5] as const;

/** A good proxy: the rank correlation's 95 % lower bound is above this… */
export const GOOD_RANK_LOWER = 0.3;
/** …and at least this share of small-scale deltas have the large-scale delta's sign. */
export const GOOD_SIGN_AGREEMENT = 0.8;
/** A poor proxy: the rank correlation is below this, or the sign agreement below POOR_SIGN_AGREEMENT. */
export const POOR_RANK = 0.3;
export const POOR_SIGN_AGREEMENT = 0.7;
/** Fewer (ablation, variant) pairs than this give no verdict at all. */
export const MIN_PREDICTIVITY_PAIRS = 5;

const LOWER_WORDS = new Set(['loss', 'nll', 'ppl', 'perplexity', 'bpb', 'bpc', 'bits', 'error', 'err', 'wer', 'cer']);
const HIGHER_WORDS = new Set(['acc', 'accuracy', 'score', 'f1', 'em', 'exact', 'match', 'pass', 'bleu', 'rouge', 'auc', 'win']);

/**
 * Which way an eval improves, from the last segment of its key (after the final "/"), split into
 * words at anything that is not a letter or digit: a word like loss, nll, ppl, perplexity, bpb,
 * error or wer means lower is better; acc, accuracy, score, f1, em, exact, pass (pass@k), bleu,
 * rouge or auc means higher is better; otherwise it is unknown. Lower words win when both appear.
 */
export function evalDirection(metric: string): EvalDirection {
  const last = metric.slice(metric.lastIndexOf('/') + 1).toLowerCase();
  const words = last.split(/[^a-z0-9]+/).filter(Boolean);
  if (words.some((w) => LOWER_WORDS.has(w))) return 'lower';
  if (words.some((w) => HIGHER_WORDS.has(w))) return 'higher';
  return 'unknown';
}

export interface EvalSuiteSpec {
  prefix: string;
  name: string | null;
  kind: string | null;
}

export interface EvalClassification {
  kind: EvalKind;
  suite: string | null;
  suitePrefix: string | null;
}

/** The team.yaml suite whose prefix matches the metric (the longest one wins); other eval/ keys are unclassified. */
export function classifyEval(metric: string, suites: readonly EvalSuiteSpec[]): EvalClassification | null {
  let best: EvalSuiteSpec | null = null;
  for (const suite of suites) {
    if (metric.startsWith(suite.prefix) && (best === null || suite.prefix.length > best.prefix.length)) best = suite;
  }
  if (best) {
    const kind: EvalKind = best.kind === 'internal' || best.kind === 'public' ? best.kind : 'unclassified';
    return { kind, suite: best.name ?? best.prefix, suitePrefix: best.prefix };
  }
  if (metric.startsWith('eval/')) return { kind: 'unclassified', suite: null, suitePrefix: null };
  return null;
}

/** The noise floor from groups of seeds of otherwise identical runs (each group's values at its matched point). */
export function noiseFloorOf(groups: readonly (readonly number[])[]): NoiseFloor {
  const pooled = pooledStandardDeviation(groups);
  const used = groups.filter((g) => g.length >= 2);
  const runs = used.reduce((sum, g) => sum + g.length, 0);
  if (pooled.std === null) return { std: null, df: 0, groups: 0, runs: 0, reason: pooled.reason };
  return { std: pooled.std, df: pooled.df, groups: pooled.groupsUsed, runs, reason: null };
}

/** Minimum detectable effects for 1, 2, 3 and 5 seeds per arm at 95 % confidence and 80 % power. */
export function detectableEffectsOf(std: number | null): DetectableEffectRow[] {
  return SEEDS_PER_ARM.map((seedsPerArm) => {
    if (std === null) return { seedsPerArm, mde: null, df: null, reason: 'no noise floor: no group of runs has 2 or more seeds' };
    const effect = minimumDetectableEffect(std, seedsPerArm, { alpha: EVAL_ALPHA, power: EVAL_POWER });
    return effect.value === null
      ? { seedsPerArm, mde: null, df: null, reason: effect.reason }
      : { seedsPerArm, mde: effect.value, df: effect.df, reason: null };
  });
}

/** A pair before it is judged resolved: what scale-delta queries produce. */
export type ScaleDeltaPair = Omit<PredictivityPair, 'resolved'>;

/** A large-scale delta within this many standard errors of zero has no sign worth agreeing with. */
export const RESOLVED_Z = 1.96;

/**
 * Whether the large-scale delta is resolved: |delta| > 1.96 · σ · √(1/n_variant + 1/n_baseline), with σ the
 * eval's noise floor. Without a noise floor every non-zero delta counts.
 */
export function isResolved(pair: ScaleDeltaPair, std: number | null): boolean {
  if (std === null) return pair.large !== 0;
  const { variant, baseline } = pair.largeSeeds;
  if (variant < 1 || baseline < 1) return false;
  return Math.abs(pair.large) > RESOLVED_Z * std * Math.sqrt(1 / variant + 1 / baseline);
}

const pct = (v: number) => `${Math.round(v * 100)} %`;

function verdictOf(n: number, signN: number, rate: number | null, rho: number | null, rhoLower: number | null): { verdict: ProxyVerdict; reason: string } {
  if (n < MIN_PREDICTIVITY_PAIRS || rho === null) {
    return { verdict: 'insufficient', reason: `${n} ablation-variant pair${n === 1 ? '' : 's'} at two scales; a verdict needs ${MIN_PREDICTIVITY_PAIRS}` };
  }
  const signKnown = rate !== null && signN >= MIN_PREDICTIVITY_PAIRS;
  if (signKnown && rhoLower !== null && rhoLower > GOOD_RANK_LOWER && rate >= GOOD_SIGN_AGREEMENT) {
    return { verdict: 'good', reason: `rank correlation ≥ ${rhoLower.toFixed(2)} (95 % lower bound) and ${pct(rate)} sign agreement` };
  }
  const poorRank = rho < POOR_RANK;
  const poorSign = signKnown && rate < POOR_SIGN_AGREEMENT;
  if (poorRank || poorSign) {
    const parts = [poorRank ? `rank correlation ${rho.toFixed(2)} < ${POOR_RANK}` : null, poorSign ? `sign agreement ${pct(rate)} < ${pct(POOR_SIGN_AGREEMENT)}` : null];
    return { verdict: 'poor', reason: parts.filter(Boolean).join(' and ') };
  }
  const lower = rhoLower === null ? '' : ` (95 % lower bound ${rhoLower.toFixed(2)})`;
  const sign = signKnown ? `sign agreement ${pct(rate)}` : `only ${signN} resolved large-scale delta${signN === 1 ? '' : 's'} to agree with`;
  return { verdict: 'unclear', reason: `rank correlation ${rho.toFixed(2)}${lower}, ${sign}: neither clearly good nor poor` };
}

/**
 * Sign agreement (over pairs whose large-scale delta is resolved) and rank correlation (over all pairs)
 * of small-scale against large-scale deltas, and the proxy verdict.
 */
export function predictivityOf(scalePairs: readonly ScaleDeltaPair[], std: number | null): Predictivity {
  const pairs: PredictivityPair[] = scalePairs.map((p) => ({ ...p, resolved: isResolved(p, std) }));
  const resolved = pairs.filter((p) => p.resolved);
  const sign = signAgreement(resolved.map((p) => p.small), resolved.map((p) => p.large));
  const unresolved = pairs.length - resolved.length;
  const rank = spearmanCorrelation(pairs.map((p) => p.small), pairs.map((p) => p.large));
  const signOut =
    sign.rate === null
      ? { rate: null, agreements: 0, n: 0, unresolved, excluded: sign.excluded, interval: null, reason: resolved.length === 0 && pairs.length > 0 ? 'no large-scale delta is beyond the noise' : sign.reason }
      : { rate: sign.rate, agreements: sign.agreements, n: sign.n, unresolved, excluded: sign.excluded, interval: { lower: sign.interval.lower, upper: sign.interval.upper }, reason: null };
  const rankOut =
    rank.rho === null
      ? { rho: null, n: rank.n, interval: null, reason: rank.reason }
      : { rho: rank.rho, n: rank.n, interval: rank.interval ? { lower: rank.interval.lower, upper: rank.interval.upper } : null, reason: rank.intervalReason };
  const rhoLower = rankOut.interval?.lower ?? (rankOut.rho !== null && Math.abs(rankOut.rho) >= 1 ? rankOut.rho : null);
  const { verdict, reason } = verdictOf(pairs.length, signOut.n, signOut.rate, rankOut.rho, rhoLower);
  return {
    n: pairs.length,
    ablations: new Set(pairs.map((p) => p.ablationId)).size,
    signAgreement: signOut,
    rankCorrelation: rankOut,
    verdict,
    verdictReason: reason,
    pairs,
  };
}

export const EVAL_QUALITY_RULES: EvalQualityRules = {
  alpha: EVAL_ALPHA,
  power: EVAL_POWER,
  seedsPerArm: [...SEEDS_PER_ARM],
  direction:
    'From the last segment of the key: loss, nll, ppl, perplexity, bpb, error or wer → lower is better; acc, accuracy, score, f1, em, exact, pass, bleu, rouge or auc → higher is better; otherwise unknown.',
  noiseFloor:
    'Pooled standard deviation across seeds of otherwise identical runs (same ablation, variant, model size and planned tokens), each group read at the largest tokens all its seeds reached (interpolated; steps when a run logs no tokens).',
  detectableEffect:
    'MDE = (t(1−α/2, 2n−2) + t(power, 2n−2)) · σ · √(2/n) for n seeds per arm, α = 0.05, power = 0.8; one seed per arm has no noise estimate, so no MDE.',
  predictivity:
    'For every (ablation, variant) with runs at two or more model sizes: the delta against the baseline (variant mean − baseline mean at the ablation’s comparison point) at the smallest size against the delta at the largest size. Spearman’s rank correlation over all pairs, with Fisher’s 95 % interval; sign agreement with Wilson’s 95 % interval over the pairs whose large-scale delta is resolved (beyond 1.96 standard errors of zero, from the noise floor): a delta within the noise has no sign to agree with.',
  goodProxy: `Good proxy: at least ${MIN_PREDICTIVITY_PAIRS} pairs, the rank correlation’s 95 % lower bound above ${GOOD_RANK_LOWER}, and sign agreement of ${GOOD_SIGN_AGREEMENT * 100} % or more over at least ${MIN_PREDICTIVITY_PAIRS} resolved pairs.`,
  poorProxy: `Poor proxy: at least ${MIN_PREDICTIVITY_PAIRS} pairs and a rank correlation below ${POOR_RANK}, or sign agreement below ${POOR_SIGN_AGREEMENT * 100} % over at least ${MIN_PREDICTIVITY_PAIRS} resolved pairs. Anything between: unclear.`,
};
