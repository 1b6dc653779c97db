// The eval-quality report over a synced store whose noise and small-to-large relationships are known
// by construction (eval-store-fixture.ts): suites and kinds, noise floors at matched tokens, detectable
// effects against a hand calculation with t-table values, and predictivity against the construction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalQuality, EvalQualityReport } from '../../../../shared/api/evals-methods';
import { createSeededRandom } from '../../../../shared/random/seeded-random';
import { findEvalQuality, readEvalQuality } from '../../../../electron/core/queries/eval-quality';
import { ABLATIONS, BAD, EFFECT_SD, GOOD, K, MISC, PROXY, SEEDS, SIGMA, SMALL_NOISE, SPARSE, syncedEvalLab, type SyncedEvalLab } from './eval-store-fixture';

let lab: SyncedEvalLab;
let report: EvalQualityReport;
const evalOf = (metric: string): EvalQuality => findEvalQuality(report, metric)!;

beforeAll(async () => {
  lab = await syncedEvalLab();
  report = readEvalQuality(lab.cache.sqlite);
});
afterAll(() => lab?.cache.close());

/** Two-sided 97.5 % and one-sided 80 % Student t quantiles from a printed table, by degrees of freedom. */
const T_TABLE: Record<number, [number, number]> = {
  2: [4.303, 1.061],
  4: [2.776, 0.941],
  6: [2.447, 0.906],
  8: [2.306, 0.889],
  10: [2.228, 0.879],
  12: [2.179, 0.873],
  14: [2.145, 0.868],
};
const handMde = (sigma: number, n: number) => {
  const [t975, t80] = T_TABLE[2 * n - 2]!;
  return (t975 + t80) * sigma * Math.sqrt(2 / n);
};

describe('which evals there are', () => {
  it('groups every eval key by its team.yaml suite, internal first, then public, then the unclassified eval/ keys; train/loss is no eval', () => {
    expect(report.suites.map((s) => [s.name, s.kind, s.prefix, s.evals.map((e) => e.metric)])).toEqual([
      ['Internal held-out', 'internal', 'eval/heldout/', [GOOD, SPARSE]],
      ['Public benchmarks', 'public', 'eval/public/', [BAD, PROXY]],
      ['Unclassified evals', 'unclassified', null, [MISC]],
    ]);
  });

  it('says loss is better lower, accuracy higher, and a throughput unknown', () => {
    expect([GOOD, BAD, MISC].map((m) => evalOf(m).better)).toEqual(['lower', 'higher', 'unknown']);
  });

  it('counts the ablations deciding on each eval and the ablations that measured it', () => {
    expect(evalOf(GOOD).ablationsUsing).toHaveLength(29);
    expect(evalOf(BAD).ablationsUsing).toEqual(['abl-030', 'abl-031', 'abl-032', 'abl-033', 'abl-034']);
    expect(evalOf(SPARSE).ablationsUsing).toEqual(['abl-002']);
    expect(evalOf(MISC).ablationsUsing).toEqual([]);
    expect([GOOD, SPARSE, MISC].map((m) => evalOf(m).ablationsMeasuring)).toEqual([ABLATIONS, 3, ABLATIONS]);
    expect(evalOf(GOOD).runs).toBe(540);
  });
});

describe('noise floor', () => {
  it.each([GOOD, BAD, PROXY, SPARSE, MISC])('%s: the pooled seed σ matches the construction within 3 standard errors, with df = groups × (seeds − 1)', (metric) => {
    const floor = evalOf(metric).noiseFloor;
    expect(floor.groups).toBe(lab.groups[metric]);
    expect(floor.df).toBe(lab.groups[metric]! * (SEEDS - 1));
    expect(floor.runs).toBe(lab.groups[metric]! * SEEDS);
    // s/σ has a standard error of about 1/√(2·df).
    expect(Math.abs(floor.std! / SIGMA[metric]! - 1)).toBeLessThan(3 / Math.sqrt(2 * floor.df));
  });

  it('reads a group with a seed that stopped at 60 % at the tokens that seed reached (unmatched, the trend of 0.2 would swamp σ = 0.002)', () => {
    expect(evalOf(GOOD).noiseFloor.std!).toBeLessThan(0.0025);
  });
});

describe('minimum detectable effect (95 % confidence, 80 % power)', () => {
  it('is null for one seed per arm, with the reason', () => {
    const one = evalOf(GOOD).detectableEffects[0]!;
    expect(one).toMatchObject({ seedsPerArm: 1, mde: null, df: null });
    expect(one.reason).toMatch(/one seed per arm gives no noise estimate/);
  });

  it.each([GOOD, BAD, MISC])('%s: equals (t.975 + t.80) · s · √(2/n) from a t table for 2, 3 and 5 seeds', (metric) => {
    const quality = evalOf(metric);
    const s = quality.noiseFloor.std!;
    expect(quality.detectableEffects.map((d) => d.seedsPerArm)).toEqual([1, 2, 3, 5]);
    for (const row of quality.detectableEffects.slice(1)) {
      expect(row.df).toBe(2 * row.seedsPerArm - 2);
      expect(row.mde! / handMde(s, row.seedsPerArm)).toBeCloseTo(1, 3);
    }
    // Against the true σ: 5.36σ for two seeds, within the noise floor's sampling error.
    expect(quality.detectableEffects[1]!.mde! / (5.364 * SIGMA[metric]!)).toBeGreaterThan(1 - 3 / Math.sqrt(2 * quality.noiseFloor.df));
  });
});

/** P(the small- and large-scale deltas agree in sign | the large one is resolved), by simulating the construction. */
function expectedSignAgreement(sigma: number): number {
  const normal = createSeededRandom(99).normal;
  const seDelta = sigma * Math.sqrt(2 / SEEDS);
  let agree = 0;
  let resolved = 0;
  for (let i = 0; i < 200_000; i++) {
    const large = EFFECT_SD * normal();
    const small = K * large + SMALL_NOISE * normal() + seDelta * normal();
    const measuredLarge = large + seDelta * normal();
    if (Math.abs(measuredLarge) <= 1.96 * seDelta) continue;
    resolved++;
    if (Math.sign(small) === Math.sign(measuredLarge)) agree++;
  }
  return agree / resolved;
}

/** Spearman's ρ of a bivariate normal with Pearson correlation r: (6/π)·asin(r/2). */
function expectedSpearman(sigma: number): number {
  const seDelta2 = (sigma * sigma * 2) / SEEDS;
  const varLarge = EFFECT_SD ** 2;
  const r = (K * varLarge) / Math.sqrt((K * K * varLarge + SMALL_NOISE ** 2 + seDelta2) * (varLarge + seDelta2));
  return (6 / Math.PI) * Math.asin(r / 2);
}

describe('predictivity', () => {
  it('pairs each ablation variant at its smallest (1e8) and largest (1e9) size, never the 3e8 one, with deltas near the true effects', () => {
    const { pairs } = evalOf(GOOD).predictivity;
    expect(pairs).toHaveLength(ABLATIONS);
    expect(new Set(pairs.map((p) => `${p.smallParams}→${p.largeParams}`))).toEqual(new Set(['100000000→1000000000']));
    const se = SIGMA[GOOD]! * Math.sqrt(1 / 2 + 1 / 3);
    for (const pair of pairs) {
      const truth = lab.truths.find((t) => t.ablation === pair.ablationId)!;
      expect(Math.abs(pair.small - truth.small[GOOD]!)).toBeLessThan(4 * se);
      expect(Math.abs(pair.large - truth.large[GOOD]!)).toBeLessThan(4 * se);
    }
  });

  it.each([GOOD, PROXY])('%s (small = %s·large + noise): the rank correlation and sign agreement intervals hold the construction, and it is a good proxy', (metric) => {
    const p = evalOf(metric).predictivity;
    expect(p.n).toBe(ABLATIONS);
    expect(p.ablations).toBe(ABLATIONS);
    const rho = expectedSpearman(SIGMA[metric]!);
    expect(p.rankCorrelation.interval!.lower).toBeLessThan(rho);
    expect(p.rankCorrelation.interval!.upper).toBeGreaterThan(rho);
    const agreement = expectedSignAgreement(SIGMA[metric]!);
    expect(p.signAgreement.interval!.lower).toBeLessThan(agreement);
    expect(p.signAgreement.interval!.upper).toBeGreaterThanOrEqual(agreement);
    expect(p.signAgreement.n + p.signAgreement.unresolved + p.signAgreement.excluded).toBe(ABLATIONS);
    expect(p.verdict).toBe('good');
  });

  it('independent small and large deltas: intervals hold ρ = 0 and agreement 1/2, and the eval is a poor proxy', () => {
    const p = evalOf(BAD).predictivity;
    expect(p.n).toBe(ABLATIONS);
    expect(p.rankCorrelation.interval!.lower).toBeLessThan(0);
    expect(p.rankCorrelation.interval!.upper).toBeGreaterThan(0);
    expect(p.signAgreement.interval!.lower).toBeLessThan(0.5);
    expect(p.signAgreement.interval!.upper).toBeGreaterThan(0.5);
    expect(p.verdict).toBe('poor');
    expect(p.verdictReason).toMatch(/rank correlation|sign agreement/);
  });

  it('gives no verdict with three pairs, and says why', () => {
    const p = evalOf(SPARSE).predictivity;
    expect(p).toMatchObject({ n: 3, verdict: 'insufficient' });
    expect(p.verdictReason).toBe('3 ablation-variant pairs at two scales; a verdict needs 5');
  });

  it('states the rules it applied', () => {
    expect(report.rules).toMatchObject({ alpha: 0.05, power: 0.8, seedsPerArm: [1, 2, 3, 5] });
    expect(report.rules.goodProxy).toContain('lower bound above 0.3');
  });
});
