// The documented rules of eval quality on hand-made inputs: direction from the key, suite by the
// longest prefix, resolved large-scale deltas, and where the good / poor / unclear verdicts fall.
import { describe, expect, it } from 'vitest';
import { classifyEval, evalDirection, isResolved, predictivityOf, type ScaleDeltaPair } from '../../../shared/domain/eval-quality';

describe('evalDirection', () => {
  it.each([
    ['eval/heldout/c4/loss', 'lower'],
    ['eval/heldout/wiki/ppl', 'lower'],
    ['eval/code/bits_per_byte', 'lower'],
    ['eval/asr/wer', 'lower'],
    ['eval/public/mmlu/acc', 'higher'],
    ['eval/public/arc/acc_norm', 'higher'],
    ['eval/humaneval/pass@1', 'higher'],
    ['eval/squad/f1', 'higher'],
    ['eval/misc/tokens_per_sec', 'unknown'],
    ['eval/classes', 'unknown'],
  ])('%s is better %s', (metric, direction) => {
    expect(evalDirection(metric)).toBe(direction);
  });
});

describe('classifyEval', () => {
  const suites = [
    { prefix: 'eval/', name: 'All', kind: 'internal' },
    { prefix: 'eval/public/', name: 'Public', kind: 'public' },
    { prefix: 'bench/', name: null, kind: 'something-else' },
  ];

  it('takes the longest matching prefix', () => {
    expect(classifyEval('eval/public/mmlu/acc', suites)).toEqual({ kind: 'public', suite: 'Public', suitePrefix: 'eval/public/' });
    expect(classifyEval('eval/heldout/c4/loss', suites)).toEqual({ kind: 'internal', suite: 'All', suitePrefix: 'eval/' });
  });

  it('calls a suite of unknown kind unclassified, and an eval/ key under no suite unclassified; other keys are no evals', () => {
    expect(classifyEval('bench/x', suites)).toEqual({ kind: 'unclassified', suite: 'bench/', suitePrefix: 'bench/' });
    expect(classifyEval('eval/x/loss', [])).toEqual({ kind: 'unclassified', suite: null, suitePrefix: null });
    expect(classifyEval('train/loss', suites)).toBeNull();
  });
});

const pair = (i: number, small: number, large: number, seeds = 2): ScaleDeltaPair => ({
  ablationId: `a${i}`,
  variant: 'v',
  baseline: 'b',
  compareAt: 'tokens',
  smallParams: 1e8,
  largeParams: 1e9,
  small,
  large,
  largeSeeds: { variant: seeds, baseline: seeds },
});

describe('isResolved', () => {
  it('needs |large| beyond 1.96 · σ · √(1/n_v + 1/n_b)', () => {
    // σ = 0.01, two seeds per arm: the threshold is 0.0196.
    expect(isResolved(pair(0, 0, 0.0197), 0.01)).toBe(true);
    expect(isResolved(pair(0, 0, -0.0195), 0.01)).toBe(false);
    expect(isResolved(pair(0, 0, 0.0001), null)).toBe(true);
  });
});

describe('predictivityOf', () => {
  it('marks a monotone relation with matching signs a good proxy', () => {
    const pairs = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => pair(i, i * (i % 2 ? 1 : -1) * 0.001, i * (i % 2 ? 1 : -1) * 0.01));
    const p = predictivityOf(pairs, 0.001);
    expect(p.signAgreement).toMatchObject({ agreements: 8, n: 8, unresolved: 0, rate: 1 });
    expect(p.rankCorrelation.rho).toBeCloseTo(1, 12);
    expect(p.verdict).toBe('good');
  });

  it('leaves large-scale deltas within the noise out of the sign agreement but not the rank correlation', () => {
    const pairs = [pair(1, 0.01, 0.05), pair(2, 0.02, 0.06), pair(3, -0.01, -0.05), pair(4, -0.02, -0.06), pair(5, 0.03, 0.07), pair(6, -0.005, 0.001)];
    const p = predictivityOf(pairs, 0.01);
    expect(p.signAgreement).toMatchObject({ agreements: 5, n: 5, unresolved: 1 });
    expect(p.rankCorrelation.n).toBe(6);
    expect(p.pairs.map((x) => x.resolved)).toEqual([true, true, true, true, true, false]);
  });

  it('marks reversed rankings a poor proxy, and says why', () => {
    const pairs = [1, 2, 3, 4, 5, 6].map((i) => pair(i, i * 0.01, (7 - i) * 0.01));
    const p = predictivityOf(pairs, 0.001);
    expect(p.verdict).toBe('poor');
    expect(p.verdictReason).toMatch(/^rank correlation -1\.00 < 0\.3/);
  });

  it('calls a moderate correlation with a wide interval unclear, and fewer than 5 pairs insufficient', () => {
    const pairs = [pair(1, 0.01, 0.02), pair(2, 0.02, 0.05), pair(3, 0.03, 0.03), pair(4, 0.04, 0.06), pair(5, 0.05, 0.04), pair(6, 0.06, 0.07)];
    const p = predictivityOf(pairs, 0.001);
    expect(p.rankCorrelation.rho).toBeCloseTo(1 - (6 * 10) / (6 * 35), 12);
    expect(p.verdict).toBe('unclear');
    expect(predictivityOf(pairs.slice(0, 4), 0.001)).toMatchObject({ verdict: 'insufficient', verdictReason: '4 ablation-variant pairs at two scales; a verdict needs 5' });
  });
});
