// Labels that tell the runs of a comparison apart: names alone when they differ, and when names collide
// the fewest fields that differ between the colliding runs.
import { describe, expect, it } from 'vitest';
import type { ConfigDiff, RunRow } from '../../../../shared/domain/run-views';
import { distinctRunLabels } from '../../../../renderer/src/pages/compare/run-labels';

function run(id: string, fields: Partial<RunRow>): RunRow {
  return {
    id,
    name: null,
    owner: 'mei',
    group: null,
    ablation: null,
    variant: null,
    seed: null,
    proposal: null,
    createdAt: '2026-11-01T10:00:00Z',
    params: 302e6,
    tokens: 6.04e9,
    flops: null,
    flopsGiven: false,
    arch: 'dense',
    mixture: null,
    accelerator: 'tpu-v5p',
    chips: 32,
    chipHours: null,
    status: 'finished',
    statusMessage: null,
    statusUpdatedAt: null,
    lastStep: null,
    lastTokens: null,
    pointCount: 0,
    tags: [],
    source: 'labstore',
    values: {},
    ...fields,
  };
}

const byId = (runs: RunRow[]) => new Map(runs.map((r) => [r.id, r]));

describe('run labels in a comparison', () => {
  it('keeps names that already differ as they are', () => {
    const runs = [run('r-1', { name: 'ladder 124M' }), run('r-2', { name: 'ladder 302M' })];
    expect([...distinctRunLabels(['r-1', 'r-2'], byId(runs)).values()]).toEqual(['ladder 124M', 'ladder 302M']);
  });

  it('adds the one field that tells colliding runs apart (the batch sweep over five data mixtures)', () => {
    const name = 'sweep-batch 302M batch×0.5 s1';
    const mixtures = ['web-v3', 'web-v5', 'web-v5-code', 'web-v5-dedup', 'web-v4'];
    const runs = mixtures.map((m, i) => run(`r-${i}`, { name, seed: 1, mixture: m, group: `sweep-batch-${m}`, createdAt: `2026-1${i % 3}-0${i + 1}T08:00:00Z` }));
    const labels = distinctRunLabels(runs.map((r) => r.id), byId([...runs, run('r-other', { name: 'ladder 124M' })]));
    expect([...labels.values()]).toEqual(mixtures.map((m) => `${name} · mixture ${m}`));
  });

  it('adds two fields when one is not enough, and a differing config key when no run field differs', () => {
    const runs = [
      run('a', { name: 'x', seed: 1, mixture: 'web' }),
      run('b', { name: 'x', seed: 2, mixture: 'web' }),
      run('c', { name: 'x', seed: 1, mixture: 'code' }),
      run('d', { name: 'x', seed: 2, mixture: 'code' }),
    ];
    expect([...distinctRunLabels(['a', 'b', 'c', 'd'], byId(runs)).values()]).toEqual([
      'x · seed 1 · mixture web',
      'x · seed 2 · mixture web',
      'x · seed 1 · mixture code',
      'x · seed 2 · mixture code',
    ]);
    const twins = [run('p', { name: 'lr sweep' }), run('q', { name: 'lr sweep' })];
    const diff: ConfigDiff = { runIds: ['p', 'q'], rows: [{ key: 'optimizer.lr', values: [0.0003, 0.0006] }], sameCount: 12 };
    expect([...distinctRunLabels(['p', 'q'], byId(twins), diff).values()]).toEqual(['lr sweep · optimizer.lr=0.0003', 'lr sweep · optimizer.lr=0.0006']);
    // Without the config differences (not loaded yet) the start time tells them apart when it can, else the id.
    expect([...distinctRunLabels(['p', 'q'], byId(twins)).values()]).toEqual(['lr sweep · p', 'lr sweep · q']);
  });
});
