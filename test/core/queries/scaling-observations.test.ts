// Scaling observations read from a cache the sync engine filled from a lab store: which runs
// become points (N, D, C, L), which are skipped and why, the last-k % loss, training curves at
// FLOPs, exclusions, the default metric and the list of fittable scopes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { readFitExclusions, setFitExclusion } from '../../../electron/core/queries/fit-exclusions';
import { fitObservations, readScalingData, readTrainingCurves } from '../../../electron/core/queries/scaling-observations';
import { resolveScalingRequest } from '../../../electron/core/scaling/scaling-request';
import { defaultScalingMetric, ScalingScopeError } from '../../../electron/core/queries/scaling-scope';
import { listScalingScopes } from '../../../electron/core/queries/scaling-scopes-list';
import { predictLoss } from '../../../shared/scaling';
import { syncedScalingStore, trainingRunLines, type StoreRun } from './scaling-store-fixture';

const LAW = { E: 1.69, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const SIZES = [5e7, 1e8, 2e8, 4e8];

function ladderRuns(): StoreRun[] {
  const runs: StoreRun[] = SIZES.map((N, i) => ({
    id: `lad-${i}`,
    group: 'ladder',
    N,
    D: 20 * N,
    state: 'finished',
    lines: trainingRunLines(LAW, N, 20 * N, 10).map((l) => ({ ...l, 'eval/c4/loss': (l['train/loss'] as number) + 0.03 })),
  }));
  return [
    ...runs,
    // Reports its own FLOPs: C and the curve's FLOPs use them.
    { id: 'lad-flops', group: 'ladder', N: 8e8, D: 1.6e10, flops: 1e20, state: 'finished', lines: trainingRunLines(LAW, 8e8, 1.6e10, 4) },
    // Diverged: its last value is NaN.
    { id: 'lad-nan', group: 'ladder', N: 1e8, D: 4e9, lines: [{ step: 1, tokens: 2e9, 'train/loss': 3.1 }, { step: 2, tokens: 4e9, 'train/loss': 'NaN' }] },
    // Still running.
    { id: 'lad-running', group: 'ladder', N: 2e8, D: 8e9, state: 'running', lines: trainingRunLines(LAW, 2e8, 8e9, 5) },
    // Stopped at 40 % of its planned tokens.
    { id: 'lad-short', group: 'ladder', N: 4e8, D: 1e10, state: 'killed', lines: trainingRunLines(LAW, 4e8, 1e10, 10).slice(0, 4) },
    // No model size.
    { id: 'lad-no-n', group: 'ladder', D: 1e9, lines: [{ step: 1, 'train/loss': 3 }] },
    // Never logged the metric.
    { id: 'lad-quiet', group: 'ladder', N: 1e8, D: 2e9 },
    // An ablation's runs, in a group of their own.
    ...['base', 'var'].flatMap((variant) =>
      SIZES.slice(0, 3).map((N, i) => ({ id: `abl-${variant}-${i}`, group: 'abl-group', ablation: 'abl-x', variant, N, D: 20 * N, lines: [{ step: 1, 'eval/c4/loss': predictLoss(LAW, N, 20 * N) }] })),
    ),
  ];
}

let cache: CacheDatabase;
beforeAll(async () => {
  ({ cache } = await syncedScalingStore(ladderRuns(), [{ id: 'abl-x', metric: 'eval/c4/loss', baseline: 'base' }]));
});
afterAll(() => cache?.close());

describe('readScalingData', () => {
  it('turns every finished run with N, D and a final value into a point, and says why the others are not', () => {
    const data = readScalingData(cache.sqlite, { scope: { group: 'ladder' }, metric: 'train/loss', exclusions: [] });
    expect(data.runs.map((r) => r.id)).toEqual(['lad-0', 'lad-1', 'lad-2', 'lad-3', 'lad-flops']);
    const run = data.runs[1]!;
    expect(run).toMatchObject({ N: 1e8, D: 2e9, C: 6 * 1e8 * 2e9, excluded: false });
    expect(run.L).toBeCloseTo(predictLoss(LAW, 1e8, 2e9), 12);
    expect(data.runs.find((r) => r.id === 'lad-flops')!.C).toBe(1e20);
    expect(Object.fromEntries(data.skipped.map((s) => [s.runId, s.reason]))).toEqual({
      'lad-nan': 'diverged: the last value of train/loss is NaN',
      'lad-running': 'still running: its last value is not a final loss',
      'lad-short': 'stopped at 40 % of its data.tokens',
      'lad-no-n': 'run.json gives no model.params (N)',
      'lad-quiet': 'logged no train/loss',
    });
  });

  it('takes L as the mean of the last k % of the points when asked', () => {
    const data = readScalingData(cache.sqlite, { scope: { group: 'ladder' }, metric: 'train/loss', lastPercent: 20, exclusions: [] });
    const N = 5e7;
    const D = 20 * N;
    // 10 points: the last 20 % are the 9th and 10th, at 0.9·D and D tokens.
    expect(data.runs[0]!.L).toBeCloseTo((predictLoss(LAW, N, 0.9 * D) + predictLoss(LAW, N, D)) / 2, 12);
  });

  it('places every point of a training curve at its FLOPs, using the run\'s own FLOPs per token when it gives them', () => {
    const data = readScalingData(cache.sqlite, { scope: { group: 'ladder' }, metric: 'train/loss', exclusions: [] });
    const curves = readTrainingCurves(cache.sqlite, data.runs);
    const small = curves.find((c) => c.id === 'lad-0')!;
    expect(small.points).toHaveLength(10);
    expect(small.points[4]!.flops).toBeCloseTo(6 * 5e7 * (20 * 5e7 * 0.5), -3);
    expect(small.points[4]!.loss).toBeCloseTo(predictLoss(LAW, 5e7, 20 * 5e7 * 0.5), 12);
    const reported = curves.find((c) => c.id === 'lad-flops')!;
    expect(reported.points.at(-1)!.flops).toBeCloseTo(1e20, 0);
  });

  it('keeps excluded runs in the list, marked with the reason, and leaves them out of the fit', () => {
    const request = resolveScalingRequest(cache.sqlite, { group: 'ladder', metric: 'train/loss' });
    expect(request.exclusionScope).toBe('group:ladder|metric:train/loss');
    setFitExclusion(cache.sqlite, request.exclusionScope, 'lad-2', true, 'loss spike at the end');
    try {
      const again = resolveScalingRequest(cache.sqlite, { group: 'ladder', metric: 'train/loss' });
      expect(again.baseKey).not.toBe(request.baseKey);
      const data = readScalingData(cache.sqlite, again.query);
      expect(data.runs.find((r) => r.id === 'lad-2')).toMatchObject({ excluded: true, exclusionReason: 'loss spike at the end' });
      expect(fitObservations(data.runs).map((o) => o.id)).toEqual(['lad-0', 'lad-1', 'lad-3', 'lad-flops']);
      expect(readTrainingCurves(cache.sqlite, data.runs).map((c) => c.id)).not.toContain('lad-2');
      // Another metric is another fit: its exclusions are its own.
      expect(readFitExclusions(cache.sqlite, 'group:ladder|metric:eval/c4/loss')).toEqual([]);
    } finally {
      expect(setFitExclusion(cache.sqlite, request.exclusionScope, 'lad-2', false)).toEqual([]);
    }
  });

  it('refuses a scope that names nothing in the cache, saying what exists', () => {
    expect(() => readScalingData(cache.sqlite, { scope: { group: 'nope' }, metric: 'train/loss', exclusions: [] })).toThrow(ScalingScopeError);
    expect(() => readScalingData(cache.sqlite, { scope: { ablation: 'abl-x', variant: 'other' }, metric: 'x', exclusions: [] })).toThrow(
      'Ablation "abl-x" has no variant "other" (its variants: base, var).',
    );
  });
});

describe('the metric a fit uses by default', () => {
  it('prefers an eval loss, then train/loss, then any loss, among metrics most runs logged', () => {
    expect(defaultScalingMetric([{ key: 'train/loss', runs: 10 }, { key: 'eval/c4/loss', runs: 9 }], null)).toBe('eval/c4/loss');
    expect(defaultScalingMetric([{ key: 'train/loss', runs: 10 }, { key: 'eval/c4/loss', runs: 2 }], null)).toBe('train/loss');
    expect(defaultScalingMetric([{ key: 'acc', runs: 10 }, { key: 'loss', runs: 10 }], null)).toBe('loss');
    expect(defaultScalingMetric([{ key: 'ppl', runs: 3 }], null)).toBe('ppl');
    expect(defaultScalingMetric([{ key: 'train/loss', runs: 3 }], 'eval/c4/loss')).toBe('eval/c4/loss');
    expect(defaultScalingMetric([], null)).toBeNull();
  });

  it("uses the ablation's metric for its runs and records exclusions under the ablation, whatever the variant", () => {
    const request = resolveScalingRequest(cache.sqlite, { ablation: 'abl-x', variant: 'var' });
    expect(request.metric).toBe('eval/c4/loss');
    expect(request.exclusionScope).toBe('ablation:abl-x|metric:eval/c4/loss');
    expect(resolveScalingRequest(cache.sqlite, { group: 'ladder' }).metric).toBe('train/loss');
  });
});

describe('listScalingScopes', () => {
  it('lists groups at 3 or more sizes, scaling ablations with their variants, and every run; not a group that is one ablation', () => {
    const scopes = listScalingScopes(cache.sqlite);
    expect(scopes.map((s) => [s.kind, s.id])).toEqual([
      ['group', 'ladder'],
      ['ablation', 'abl-x'],
      ['all', null],
    ]);
    expect(scopes[0]).toMatchObject({ metric: 'train/loss', sizes: 5, metrics: ['train/loss', 'eval/c4/loss'] });
    expect(scopes[1]).toMatchObject({ baseline: 'base', metric: 'eval/c4/loss', variants: [{ key: 'base', runs: 3, sizes: 3 }, { key: 'var', runs: 3, sizes: 3 }] });
  });
});
