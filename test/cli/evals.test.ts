// `tessera evals` as a user runs it: the built CLI over a cache synced from the store of
// eval-store-fixture.ts (noise and small-to-large relationships known by construction).
import { beforeAll, describe, expect, it } from 'vitest';
import type { EvalQuality, EvalQualityRules, SeedsNeededAnswer } from '../../shared/api/evals-methods';
import { runCli } from '../e2e/support/start-serve';
import { BAD, GOOD, MISC, SIGMA, syncedEvalLab, type SyncedEvalLab } from '../core/queries/eval-quality/eval-store-fixture';

let lab: SyncedEvalLab;
beforeAll(async () => {
  lab = await syncedEvalLab();
  lab.cache.close();
});

interface EvalsJson {
  rules: EvalQualityRules;
  evals: EvalQuality[];
  seedsNeeded?: SeedsNeededAnswer;
}

describe('tessera evals --json', () => {
  let out: EvalsJson;
  beforeAll(async () => {
    const result = await runCli(['evals', '--db', lab.dbFile, '--json']);
    expect(result.code).toBe(0);
    out = JSON.parse(result.stdout) as EvalsJson;
  });

  it('prints every eval with its kind, noise floor near the constructed σ, detectable effects and predictivity', () => {
    expect(out.evals.map((e) => [e.metric, e.kind])).toEqual([
      [GOOD, 'internal'], ['eval/heldout/sparse/loss', 'internal'], [BAD, 'public'], ['eval/public/proxy/acc', 'public'], [MISC, 'unclassified'],
    ]);
    const good = out.evals.find((e) => e.metric === GOOD)!;
    expect(Math.abs(good.noiseFloor.std! / SIGMA[GOOD]! - 1)).toBeLessThan(3 / Math.sqrt(2 * good.noiseFloor.df));
    expect(good.detectableEffects.map((d) => d.seedsPerArm)).toEqual([1, 2, 3, 5]);
    expect(good.detectableEffects[0]!.mde).toBeNull();
    expect(good.detectableEffects[1]!.mde! / good.noiseFloor.std!).toBeCloseTo(4.302653 + 1.06066, 4);
    expect(good.predictivity).toMatchObject({ n: 40, verdict: 'good' });
    expect(out.evals.find((e) => e.metric === BAD)!.predictivity.verdict).toBe('poor');
    expect(out.rules.goodProxy).toMatch(/lower bound above 0.3/);
  });
});

describe('tessera evals --metric --delta', () => {
  it('prints one eval and the seeds per arm for the delta', async () => {
    const result = await runCli(['evals', '--db', lab.dbFile, '--metric', GOOD, '--delta=-0.004', '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as EvalsJson;
    expect(out.evals.map((e) => e.metric)).toEqual([GOOD]);
    const s = out.seedsNeeded!.noiseFloor!;
    // (t.975 + t.80) at df = 2n − 2 from a t table: the smallest n whose MDE ≤ 0.004.
    const multipliers: Record<number, number> = { 2: 5.364, 3: 3.717, 4: 3.353, 5: 3.195, 6: 3.107, 7: 3.052 };
    const hand = Object.keys(multipliers).map(Number).find((n) => multipliers[n]! * s * Math.sqrt(2 / n) <= 0.004);
    expect(out.seedsNeeded).toMatchObject({ metric: GOOD, delta: -0.004, seeds: hand });
  });
});

describe('tessera evals as a table', () => {
  it('prints one row per eval with kind, σ, MDEs, predictivity and the proxy verdict, then the rules', async () => {
    const result = await runCli(['evals', '--db', lab.dbFile, '--metric', GOOD, '--delta=-0.004']);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]!.split(/\s{2,}/)).toEqual(['eval', 'kind', 'better', 'noise σ', 'df', 'MDE 2 seeds', 'MDE 3', 'MDE 5', 'ablations using/measuring', 'sign agreement', 'rank corr', 'proxy']);
    const row = lines[1]!.split(/\s{2,}/);
    expect(row.slice(0, 3)).toEqual([GOOD, 'held-out', 'lower']);
    expect(row[4]).toBe('360');
    expect(row[8]).toBe('29/40');
    expect(row[10]).toMatch(/^0\.\d\d \[0\.\d\d, 0\.\d\d\] n=40$/);
    expect(row[11]).toBe('good proxy');
    expect(result.stdout).toMatch(/Seeds to resolve Δ -0.004 on eval\/heldout\/good\/loss: \d per arm/);
  });

  it('marks the independent eval a poor proxy and the public ones public', async () => {
    const result = await runCli(['evals', '--db', lab.dbFile]);
    const bad = result.stdout.split('\n').find((l) => l.startsWith(BAD))!.split(/\s{2,}/);
    expect([bad[1], bad[11]]).toEqual(['public', 'poor proxy']);
  });
});

describe('tessera evals usage errors', () => {
  const cases: [string, () => string[], RegExp][] = [
    ['--delta without --metric', () => ['--db', lab.dbFile, '--delta', '0.01'], /--delta needs --metric/],
    ['a --delta that is not a number', () => ['--db', lab.dbFile, '--metric', GOOD, '--delta', 'big'], /--delta must be a number, got "big"/],
    ['a --metric the cache does not have', () => ['--db', lab.dbFile, '--metric', 'eval/nope'], /--metric eval\/nope: no such eval in this cache/],
    ['a cache file that does not exist', () => ['--db', `${lab.dbFile}.missing`], /no such cache file/],
  ];
  it.each(cases)('exits 2 with one line for %s', async (_what, args, message) => {
    const result = await runCli(['evals', ...args()]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
