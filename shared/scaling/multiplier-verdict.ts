// The one rule behind every "the gain grows / holds / shrinks with scale": derived from the
// effective-compute multiplier M at the largest compute both arms were fitted on, with its 95 %
// bootstrap interval, and from the slope of log M against log C over the compute both arms share,
// with its 95 % interval.
//
//   at the largest compute:  a gain when the interval of M lies above 1×, a cost when below, no
//                            clear difference when it contains 1×;
//   with scale:              M rises when the slope's interval lies above 0 and the slope is
//                            beyond ±0.01 (≈ 2.3 % per decade of compute, too little to act on),
//                            falls in mirror image, holds otherwise.
//
// Without an interval (before the bootstrap, or from fewer than 100 resamples) there is no verdict,
// never a provisional one: a word shown while the bootstrap runs would change meaning when it ends.
// The sentences say what the numbers beside them show, and an unbounded side of an interval is
// said in words, never "∞×".
import type { Interval } from './types';

export type ScalingVerdictKind =
  | 'grows'
  | 'holds'
  | 'shrinks'
  | 'fades'
  | 'unclear'
  | 'emerges'
  | 'cost-shrinks'
  | 'cost-holds'
  | 'cost-grows'
  | 'pending'
  | 'undefined';

export interface ScalingVerdict {
  kind: ScalingVerdictKind;
  /** The compute the verdict is read at: the largest compute both arms were fitted on. */
  atCompute: number;
  /** The multiplier there, with its interval. */
  multiplier: Interval;
  /** Share of resamples in which the baseline never reaches the variant's loss there (M unbounded). */
  unreachableShare: number;
  /** The slope of log M against log C over the compute both arms share. */
  logSlope: Interval;
  /** The verdict as a sentence. */
  text: string;
}

export const VERDICT_LEVEL = 0.95;
/** Fewer resamples than this give no verdict: the 2.5th and 97.5th percentiles would be the 2nd or 3rd value from either end. */
export const MIN_VERDICT_RESAMPLES = 100;
/** |d ln M / d ln C| up to this counts as holding: M changes by under 2.3 % per decade of compute. */
export const FLAT_SLOPE = 0.01;

/** The rule in one paragraph, for the page and the CLI to state beside their verdicts. */
export const SCALING_VERDICT_RULE =
  'Verdicts are read at the largest compute both arms were fitted on: a gain when the 95 % interval of the multiplier lies above 1×, ' +
  'a cost when it lies below, no clear difference when it contains 1×. The gain (or cost) grows or shrinks when the 95 % interval ' +
  `of the slope of log multiplier against log compute lies wholly above or below 0 and the slope is beyond ±${FLAT_SLOPE}; it holds otherwise. ` +
  `No verdict is given before the bootstrap has ${MIN_VERDICT_RESAMPLES} resamples.`;

const SENTENCES: Record<ScalingVerdictKind, string> = {
  grows: 'The gain grows with scale',
  holds: 'The gain holds with scale',
  shrinks: 'The gain shrinks with scale, but is still clear at the largest compute',
  fades: 'No clear gain at the largest compute: the multiplier falls with scale',
  unclear: 'No clear gain or cost at the largest compute',
  emerges: 'No clear gain at the largest compute yet: the multiplier rises with scale',
  'cost-shrinks': 'A cost at the largest compute, shrinking with scale',
  'cost-holds': 'A cost at the largest compute, holding with scale',
  'cost-grows': 'A cost at the largest compute, growing with scale',
  pending: 'No verdict until the bootstrap intervals are in',
  undefined: 'No verdict: the multiplier is undefined at the largest compute',
};

export function verdictSentence(kind: ScalingVerdictKind): string {
  return SENTENCES[kind];
}

export function scalingVerdict(input: { atCompute: number; multiplier: Interval; unreachableShare: number; logSlope: Interval }): ScalingVerdict {
  const kind = verdictKind(input.multiplier, input.logSlope);
  return { ...input, kind, text: SENTENCES[kind] };
}

function verdictKind(multiplier: Interval, logSlope: Interval): ScalingVerdictKind {
  if (Number.isNaN(multiplier.estimate)) return 'undefined';
  if (multiplier.samples < MIN_VERDICT_RESAMPLES || logSlope.samples < MIN_VERDICT_RESAMPLES) return 'pending';
  const [mLo, mHi] = multiplier.p95;
  const at = mLo > 1 ? 'gain' : mHi < 1 ? 'cost' : 'unclear';
  const [sLo, sHi] = logSlope.p95;
  const slope = logSlope.estimate;
  const trend = sLo > 0 && slope > FLAT_SLOPE ? 'rises' : sHi < 0 && slope < -FLAT_SLOPE ? 'falls' : 'flat';
  if (at === 'gain') return trend === 'rises' ? 'grows' : trend === 'falls' ? 'shrinks' : 'holds';
  if (at === 'cost') return trend === 'rises' ? 'cost-shrinks' : trend === 'falls' ? 'cost-grows' : 'cost-holds';
  return trend === 'rises' ? 'emerges' : trend === 'falls' ? 'fades' : 'unclear';
}

/** Whether the verdict says the variant is better (a gain), worse (a cost) or neither at the largest compute. */
export function verdictDirection(kind: ScalingVerdictKind): 'better' | 'worse' | 'neither' {
  if (kind === 'grows' || kind === 'holds' || kind === 'shrinks') return 'better';
  if (kind === 'cost-grows' || kind === 'cost-holds' || kind === 'cost-shrinks') return 'worse';
  return 'neither';
}

/** The symbol written beside a verdict's colour: ▲ a gain, ▼ a cost, ≈ neither, nothing without a verdict. */
export function verdictSymbol(kind: ScalingVerdictKind): string {
  if (kind === 'pending' || kind === 'undefined') return '';
  return { better: '▲', worse: '▼', neither: '≈' }[verdictDirection(kind)];
}

/** A multiplier as people write it: 0.969×, 1.15×, 12.3×, 1,250×; an unbounded one in words. */
export function formatMultiplier(value: number): string {
  if (Number.isNaN(value)) return 'undefined';
  if (value === Infinity) return 'unbounded';
  if (value >= 1000) return `${Math.round(value).toLocaleString('en-US')}×`;
  return `${Number(value.toPrecision(3))}×`;
}

/**
 * An interval of the multiplier in words: "0.933× to 0.971×"; with no upper bound (some resamples
 * never reach the variant's loss) "0.933× or more, no upper bound"; with neither bound, "unbounded".
 */
export function formatMultiplierRange(range: readonly [number, number]): string {
  const [lo, hi] = range;
  if (Number.isNaN(lo) || Number.isNaN(hi)) return 'undefined';
  if (hi === Infinity && lo === Infinity) return 'unbounded: the baseline never reaches the variant\'s loss';
  if (hi === Infinity) return `${formatMultiplier(lo)} or more, no upper bound`;
  return `${formatMultiplier(lo)} to ${formatMultiplier(hi)}`;
}

/** The multiplier with its 95 % interval: "0.959× (95 %: 0.946× to 0.971×)", or the estimate alone without resamples. */
export function formatMultiplierWithInterval(interval: Interval): string {
  const value = formatMultiplier(interval.estimate);
  return interval.samples > 0 ? `${value} (95 %: ${formatMultiplierRange(interval.p95)})` : value;
}

/** A slope of log M against log C with a sign: "−0.011", "+0.032", "0.000". */
export function formatLogSlope(value: number): string {
  if (Number.isNaN(value)) return 'undefined';
  if (!Number.isFinite(value)) return value > 0 ? 'unbounded' : '−unbounded';
  const text = Math.abs(value).toFixed(3);
  return Number(text) === 0 ? '0.000' : `${value < 0 ? '−' : '+'}${text}`;
}

/** "the multiplier at 2.6e20 FLOPs 0.959× (95 %: …); slope per log compute −0.011 (95 %: −0.018 to −0.009)". */
export function verdictEvidence(verdict: ScalingVerdict, formatCompute: (C: number) => string): string {
  const slope = verdict.logSlope;
  const slopeText = slope.samples > 0 ? `${formatLogSlope(slope.estimate)} (95 %: ${formatLogSlope(slope.p95[0])} to ${formatLogSlope(slope.p95[1])})` : formatLogSlope(slope.estimate);
  const unreachable =
    verdict.unreachableShare > 0 ? `; in ${Math.round(100 * verdict.unreachableShare)} % of resamples the baseline never reaches the variant's loss there` : '';
  return `multiplier at ${formatCompute(verdict.atCompute)} FLOPs ${formatMultiplierWithInterval(verdict.multiplier)}${unreachable}; slope of log multiplier per log compute ${slopeText}`;
}
