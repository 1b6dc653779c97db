// The scaling verdict re-derived from the numbers beside it, over many generated intervals: every
// verdict word must follow from the multiplier's 95 % interval at the largest compute and from the
// slope's interval, never from the point estimates alone; no verdict without enough resamples; the
// words never say "∞". And end to end: a variant summarized before its bootstrap has no verdict, so
// finishing the bootstrap cannot change what it said.
import { describe, expect, it } from 'vitest';
import {
  FLAT_SLOPE,
  formatMultiplierRange,
  formatMultiplierWithInterval,
  MIN_VERDICT_RESAMPLES,
  scalingVerdict,
  summarizeInterval,
  summarizeMultiplier,
  verdictDirection,
  verdictSentence,
  type Interval,
  type ScalingVerdictKind,
} from '../../../shared/scaling';
import { createSeededRandom } from '../../../shared/random/seeded-random';

const rng = createSeededRandom(42);

/** An interval around an estimate, from `samples` draws of a log-normal (or normal) spread; sometimes unbounded above. */
function randomInterval(estimate: number, spread: number, samples: number, log: boolean, unbounded = 0): Interval {
  const values = Array.from({ length: samples }, () => {
    if (rng.next() < unbounded) return Infinity;
    return log ? estimate * Math.exp(spread * rng.normal()) : estimate + spread * rng.normal();
  });
  return summarizeInterval(estimate, values);
}

const GAIN_WORDS: Record<'better' | 'worse' | 'neither', RegExp> = {
  better: /^The gain (grows|holds|shrinks)/,
  worse: /^A cost at the largest compute/,
  neither: /^No clear gain/,
};

describe('the scaling verdict', () => {
  it('follows from the intervals beside it, for 5,000 generated cases', () => {
    const seen = new Set<ScalingVerdictKind>();
    for (let k = 0; k < 5000; k++) {
      const samples = rng.next() < 0.1 ? rng.index(MIN_VERDICT_RESAMPLES) : MIN_VERDICT_RESAMPLES + rng.index(400);
      const multiplier = randomInterval(Math.exp(0.3 * rng.normal()), 0.02 + 0.3 * rng.next(), samples, true, rng.next() < 0.1 ? 0.05 : 0);
      const logSlope = randomInterval(0.04 * rng.normal(), 0.002 + 0.04 * rng.next(), samples, false);
      const verdict = scalingVerdict({ atCompute: 1e20, multiplier, unreachableShare: 0, logSlope });
      seen.add(verdict.kind);
      expect(verdict.text).toBe(verdictSentence(verdict.kind));
      expect(verdict.text).not.toMatch(/∞/);
      if (samples < MIN_VERDICT_RESAMPLES) {
        expect(verdict.kind).toBe('pending');
        continue;
      }
      const [mLo, mHi] = multiplier.p95;
      const direction = verdictDirection(verdict.kind);
      // At the largest compute: the words say what the multiplier's interval shows.
      if (direction === 'better') expect(mLo).toBeGreaterThan(1);
      if (direction === 'worse') expect(mHi).toBeLessThan(1);
      if (direction === 'neither') expect(mLo <= 1 && mHi >= 1).toBe(true);
      expect(verdict.text).toMatch(GAIN_WORDS[direction]);
      // With scale: grows/shrinks only when the slope's interval excludes 0 and the slope is beyond the flat band.
      const [sLo, sHi] = logSlope.p95;
      const rises = sLo > 0 && logSlope.estimate > FLAT_SLOPE;
      const falls = sHi < 0 && logSlope.estimate < -FLAT_SLOPE;
      const trend = { grows: 'rises', shrinks: 'falls', holds: 'flat', 'cost-grows': 'falls', 'cost-shrinks': 'rises', 'cost-holds': 'flat', emerges: 'rises', fades: 'falls', unclear: 'flat' }[
        verdict.kind as Exclude<ScalingVerdictKind, 'pending' | 'undefined'>
      ];
      expect(trend).toBe(rises ? 'rises' : falls ? 'falls' : 'flat');
    }
    // Every verdict was reached by some case: the generator exercised the whole rule.
    expect([...seen].sort()).toEqual(['cost-grows', 'cost-holds', 'cost-shrinks', 'emerges', 'fades', 'grows', 'holds', 'pending', 'shrinks', 'unclear']);
  });

  it('gives no verdict for an undefined multiplier', () => {
    const nan = summarizeInterval(NaN, []);
    expect(scalingVerdict({ atCompute: 1, multiplier: nan, unreachableShare: 0, logSlope: nan }).kind).toBe('undefined');
  });

  it('says an unbounded side of an interval in words', () => {
    expect(formatMultiplierRange([0.933, Infinity])).toBe('0.933× or more, no upper bound');
    expect(formatMultiplierRange([0.946, 0.971])).toBe('0.946× to 0.971×');
    expect(formatMultiplierRange([Infinity, Infinity])).toMatch(/^unbounded/);
    expect(formatMultiplierWithInterval(summarizeInterval(1.5, [1.2, 1.4, Infinity]))).toBe('1.5× (95 %: 1.21× or more, no upper bound)');
    expect(formatMultiplierWithInterval(summarizeInterval(2, []))).toBe('2×');
  });
});

describe('a variant before and after its bootstrap', () => {
  it('has no verdict before the bootstrap, so the finished bootstrap never reverses one', () => {
    for (let k = 0; k < 200; k++) {
      // M(C) = m·(C/1e20)^s for the fit; resamples scatter m and s.
      const m = Math.exp(0.2 * rng.normal());
      const s = 0.03 * rng.normal();
      const draws = Array.from({ length: 150 }, () => ({ m: m * Math.exp(0.05 * rng.normal()), s: s + 0.01 * rng.normal() }));
      const source = (n: number) => ({
        key: 'v',
        baselineRange: [1e18, 1e21] as [number, number],
        variantRange: [1e18, 1e21] as [number, number],
        estimateAt: (C: number) => m * (C / 1e20) ** s,
        samples: n,
        sampleAt: (i: number, C: number) => draws[i]!.m * (C / 1e20) ** draws[i]!.s,
      });
      const before = summarizeMultiplier(source(0), {});
      const after = summarizeMultiplier(source(draws.length), {});
      expect(before.verdict.kind).toBe('pending');
      expect(before.verdict.text).toBe('No verdict until the bootstrap intervals are in');
      expect(after.verdict.kind).not.toBe('pending');
      // Read at the largest compute both arms share, with the same multiplier as the curve there.
      expect(after.verdict.atCompute).toBe(1e21);
      expect(after.verdict.multiplier.estimate).toBeCloseTo(after.curve.at(-1)!.multiplier.estimate, 12);
    }
  });
});
