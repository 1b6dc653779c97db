// `tessera fit` as a reviewer runs it: the built CLI over a cache synced from a lab store whose runs
// carry only N, D and one final loss, as a published scaling study tabulates them. Noiseless data
// from known parameters must come back; the JSON has the promised shape; mistakes exit 2 in one line.
import { beforeAll, describe, expect, it } from 'vitest';
import { fitChinchillaLoss, logSpaced, predictLoss } from '../../shared/scaling';
import { runCli } from '../e2e/support/start-serve';
import { publishedTableRuns, syncedScalingStore, type StoreRun } from '../core/queries/scaling-store-fixture';

/** Parameters of the Chinchilla replication by Besiroglu et al. (2024), used as a known truth. */
const PUBLISHED = { E: 1.8172, A: 482.01, B: 2085.43, alpha: 0.3478, beta: 0.3658 };
const TWICE = { ...PUBLISHED, A: PUBLISHED.A * 2 ** -PUBLISHED.alpha };
const N = logSpaced(4.4e7, 1.6e10, 9);
const TOKENS_PER_PARAM = [5, 10, 20, 40, 80];

const table = publishedTableRuns(PUBLISHED, N, TOKENS_PER_PARAM).map((r, i) => ({ ...r, id: `chin-${i}` }));
const ablationRuns: StoreRun[] = [
  ...publishedTableRuns(PUBLISHED, N.slice(0, 4), [10, 40], { ablation: 'abl-2x', variant: 'base' }),
  ...publishedTableRuns(TWICE, N.slice(0, 4), [10, 40], { ablation: 'abl-2x', variant: 'twice' }),
  ...N.slice(0, 3).map((n, i) => ({ id: `tiny-${i}`, group: 'tiny', N: n, D: 20 * n, lines: [{ step: 1, loss: predictLoss(PUBLISHED, n, 20 * n) }] })),
  // A ladder at one tokens-per-parameter ratio: its Chinchilla parameters are not identifiable.
  ...publishedTableRuns(PUBLISHED, N.slice(0, 6), [20], { group: 'one-ratio' }),
].map((r, i) => ({ ...r, id: r.id.startsWith('tiny') ? r.id : `abl-${i}` }));

/** Leaves only the published table (and the tiny group, which follows the same law). */
const NOT_THE_TABLE = ablationRuns.map((r) => r.id).filter((id) => !id.startsWith('tiny')).join(',');

let db: string;
beforeAll(async () => {
  const synced = await syncedScalingStore([...table, ...ablationRuns], [{ id: 'abl-2x', metric: 'loss', baseline: 'base' }]);
  synced.cache.close();
  db = synced.dbFile;
});

type FitJson = Record<string, unknown> & {
  n: number;
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
  a: number;
  b: number;
  intervals: Record<string, { estimate: number; median: number; p80: [number, number]; p95: [number, number] }> | null;
  holdout: { meanAbsRelativeError: number; predictions: unknown[]; extrapolationFactor: number };
  identifiable: boolean;
  reason: string | null;
  computeLaw: { E: number; K: number; gamma: number; intervals: Record<string, { p95: [number, number] }> | null } | null;
  multiplier?: {
    variants: Record<string, { multiplier: { estimate: number; p95: [number, number] }; verdict: { kind: string; text: string; atCompute: number; multiplier: { estimate: number; p95: [number, number]; samples: number } } }>;
  };
};

async function fitJson(args: string[]): Promise<{ json: FitJson; stderr: string }> {
  const result = await runCli(['fit', '--db', db, '--json', ...args]);
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.code).toBe(0);
  return { json: JSON.parse(result.stdout) as FitJson, stderr: result.stderr };
}

describe('tessera fit on runs with only N, D and a final loss', () => {
  it('recovers the parameters the table was made from, exactly as fitting the observations directly does', async () => {
    const { json } = await fitJson(['--bootstrap', '0', '--exclude', 'abl-0']);
    // Every run in the cache: the table's, the ablation's and the tiny group's, minus the one excluded.
    expect(json.n).toBe(table.length + ablationRuns.length - 1);
    const { json: tableOnly } = await fitJson(['--bootstrap', '0', '--exclude', NOT_THE_TABLE]);
    expect(tableOnly.n).toBe(table.length + 3);
    for (const key of ['E', 'A', 'B', 'alpha', 'beta'] as const) {
      expect(Math.abs(tableOnly[key] / PUBLISHED[key] - 1)).toBeLessThan(1e-3);
    }
    // The cache hands runs to the fit in id order.
    const observations = [...table, ...ablationRuns.filter((r) => r.id.startsWith('tiny'))]
      .map((r) => ({ id: r.id, N: r.N!, D: r.D!, L: r.lines![0]!.loss as number }))
      .sort((x, y) => (x.id < y.id ? -1 : 1));
    const direct = fitChinchillaLoss(observations);
    for (const key of ['E', 'A', 'B', 'alpha', 'beta'] as const) expect(tableOnly[key]).toBeCloseTo(direct.params[key], 9);
    expect(tableOnly.a).toBeCloseTo(PUBLISHED.beta / (PUBLISHED.alpha + PUBLISHED.beta), 3);
    expect(tableOnly.b).toBeCloseTo(PUBLISHED.alpha / (PUBLISHED.alpha + PUBLISHED.beta), 3);
    expect(tableOnly.intervals).toBeNull();
  });

  it('prints {n, E, A, B, alpha, beta, a, b, intervals, holdout} with bootstrap intervals, progress on stderr only', async () => {
    const { json, stderr } = await fitJson(['--bootstrap', '40', '--exclude', NOT_THE_TABLE]);
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['n', 'E', 'A', 'B', 'alpha', 'beta', 'a', 'b', 'intervals', 'holdout']));
    expect(Object.keys(json.intervals!).sort()).toEqual(['A', 'B', 'E', 'a', 'alpha', 'b', 'beta']);
    const alpha = json.intervals!.alpha!;
    expect(alpha.p95[0]).toBeLessThanOrEqual(alpha.p80[0]);
    expect(alpha.p80[0]).toBeLessThanOrEqual(alpha.p80[1]);
    expect(json.holdout.meanAbsRelativeError).toBeLessThan(1e-3);
    expect(json.holdout.extrapolationFactor).toBeGreaterThan(1);
    expect(stderr).toContain('fit: bootstrap 40/40');
  });

  it('gives each variant of an ablation its effective-compute multiplier at the target compute', async () => {
    const { json } = await fitJson(['--ablation', 'abl-2x', '--bootstrap', '100', '--target-compute', '1e22']);
    expect(json.n).toBe(8);
    expect(json.identifiable).toBe(true);
    const twice = json.multiplier!.variants.twice!;
    expect(twice.multiplier.estimate).toBeCloseTo(2, 1);
    // The verdict is read where both arms ran, from its own numbers: a gain (interval above 1×) that holds.
    expect(twice.verdict.kind).toBe('holds');
    expect(twice.verdict.text).toBe('The gain holds with scale');
    expect(twice.verdict.multiplier.samples).toBe(100);
    expect(twice.verdict.multiplier.p95[0]).toBeGreaterThan(1);
    expect(twice.verdict.atCompute).toBeLessThan(1e22);
  });

  it('says at the top level whether the runs identify the parameters, and why not, with the power law they support', async () => {
    const { json: table } = await fitJson(['--bootstrap', '0', '--exclude', NOT_THE_TABLE]);
    expect(table).toMatchObject({ identifiable: true, reason: null, computeLaw: null });
    const { json } = await fitJson(['--group', 'one-ratio', '--bootstrap', '100']);
    expect(json.identifiable).toBe(false);
    expect(json.reason).toMatch(/^Every run trains on about 20 tokens per parameter, so N and D grow together/);
    // No intervals for parameters the data cannot pin down; the power law in compute gets them.
    expect(json.intervals).toBeNull();
    expect(json.computeLaw!.intervals!.gamma!.p95[0]).toBeLessThanOrEqual(json.computeLaw!.gamma);
    expect(json.computeLaw!.intervals!.gamma!.p95[1]).toBeGreaterThanOrEqual(json.computeLaw!.gamma);
    expect(json.computeLaw!.gamma).toBeGreaterThan(0);
    const summary = await runCli(['fit', '--db', db, '--group', 'one-ratio', '--bootstrap', '0']);
    expect(summary.stdout).toContain('NOT IDENTIFIABLE: Every run trains on about 20 tokens per parameter');
    expect(summary.stdout).toContain('What the runs support: L(C) = E + K / C^gamma');
  });

  it('prints a readable summary without --json', async () => {
    const result = await runCli(['fit', '--db', db, '--bootstrap', '0', '--target-compute', '1e25']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Chinchilla fit of every run, loss:');
    expect(result.stdout).toMatch(/Holdout: fitted on \d+ runs/);
    expect(result.stdout).toMatch(/Prediction at 1\.00e\+25 FLOPs \(8\d\.?\d?× the largest compute fitted — far beyond the data\)/);
  });
});

describe('tessera fit mistakes', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown flag', ['--bogus'], /Unknown option '--bogus'/],
    ['a negative bootstrap', ['--bootstrap=-1'], /--bootstrap must be between 0 and 100000, got -1/],
    ['a group and an ablation', ['--group', 'tiny', '--ablation', 'abl-2x'], /give --group or --ablation, not both/],
    ['a variant without its ablation', ['--variant', 'twice'], /--variant needs --ablation/],
    ['a last percent of 0', ['--last-percent', '0'], /--last-percent must be in \(0, 100\], got 0/],
    ['a group not in the cache', ['--group', 'nope'], /No runs in group "nope"/],
    ['an excluded run that is not in the scope', ['--group', 'tiny', '--exclude', 'chin-1'], /--exclude: chin-1 is not among the runs of group tiny/],
    ['a cache file that does not exist', ['--db', '/nonexistent/cache.sqlite'], /no such cache file/],
  ];
  it.each(cases)('exits 2 with one line for %s', async (_what, args, message) => {
    const result = await runCli(['fit', '--db', db, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('exits 1 with the reason when the runs cannot be fitted', async () => {
    const result = await runCli(['fit', '--db', db, '--group', 'tiny', '--bootstrap', '0']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n').at(-1)).toMatch(/no fit: Chinchilla fit: needs at least 5 usable observations, got 3/);
  });
});
