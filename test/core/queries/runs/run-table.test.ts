import { afterAll, describe, expect, it } from 'vitest';
import { configDiff } from '../../../../electron/core/queries/runs/config-diff';
import { loadEvalTrust, PUBLIC_LABEL, INTERNAL_LABEL } from '../../../../electron/core/queries/runs/eval-trust';
import { listMetricNames } from '../../../../electron/core/queries/runs/metric-names';
import { getRunDetail, RunNotFoundError } from '../../../../electron/core/queries/runs/run-detail';
import { listRunTable } from '../../../../electron/core/queries/runs/run-table';
import { createCache, insertRun, insertSeries, writePoints } from '../../series-summary/cache-fixture';

const NOW = Date.parse('2026-11-01T12:00:00Z');
const cache = createCache();
afterAll(() => cache.close());

const base = { owner: 'ana', group: 'ladder-v3', state: 'finished', tags: ['ladder'] };
insertRun(cache, { ...base, id: 'r-1', name: 'small lr', params: 1e8, config: { lr: 3e-4, optimizer: { name: 'adamw', beta2: 0.95 } }, createdAt: '2026-10-01T00:00:00Z' });
insertRun(cache, { ...base, id: 'r-2', name: 'big lr', params: 4e8, config: { lr: 1e-3, optimizer: { name: 'adamw', beta2: 0.99 } }, createdAt: '2026-10-02T00:00:00Z' });
insertRun(cache, { id: 'r-3', owner: 'raj', group: 'mtp', ablation: 'abl-7', variant: 'mtp-2', proposal: 'p-17', state: 'running', stateUpdatedAt: '2026-11-01T11:30:00Z', tags: ['mtp', 'ladder'], config: { lr: 3e-4 }, createdAt: '2026-10-03T00:00:00Z' });
insertRun(cache, { id: 'r-4', owner: 'raj', group: 'mtp', ablation: 'abl-7', variant: 'baseline', state: 'running', stateUpdatedAt: '2026-11-01T09:00:00Z', stateMessage: 'loss became NaN at step 4350', createdAt: '2026-10-04T00:00:00Z' });
const lossPk = insertSeries(cache, 1, 'train/loss');
writePoints(cache, lossPk, [{ step: 0, value: 3 }, { step: 10, value: NaN }]);
const evalPk = insertSeries(cache, 3, 'eval/public/mmlu');
writePoints(cache, evalPk, [{ step: 0, value: 0.3 }]);
cache.sqlite.prepare("INSERT INTO eval_suites (prefix, name, kind) VALUES ('eval/public/', 'Public benchmarks', 'public'), ('eval/heldout/', 'Held-out', 'internal')").run();

describe('listRunTable', () => {
  const list = (query: Partial<Parameters<typeof listRunTable>[1]> = {}) => listRunTable(cache.sqlite, { columns: [], offset: 0, ...query }, NOW);

  it('filters by text, tag, group, owner, status, ablation and proposal', () => {
    expect(list({ text: 'big' }).runs.map((r) => r.id)).toEqual(['r-2']);
    expect(list({ text: 'raj mtp-2' }).runs.map((r) => r.id)).toEqual(['r-3']);
    // The status message is text of the run too.
    expect(list({ text: 'nan at step' }).runs.map((r) => r.id)).toEqual(['r-4']);
    expect(list({ tags: ['ladder'] }).runs.map((r) => r.id).sort()).toEqual(['r-1', 'r-2', 'r-3']);
    expect(list({ group: 'mtp', owner: 'raj' }).matched).toBe(2);
    expect(list({ ablation: 'abl-7', proposal: 'p-17' }).runs.map((r) => r.id)).toEqual(['r-3']);
    // r-4 has not reported for three hours: it is stale, not running.
    expect(list({ status: ['stale'] }).runs.map((r) => r.id)).toEqual(['r-4']);
    expect(list({ status: ['running'] }).runs.map((r) => r.id)).toEqual(['r-3']);
    expect(list().total).toBe(4);
  });

  it('sorts by a field or a config key, missing values last either way, and pages', () => {
    expect(list({ sort: { key: 'createdAt', dir: 'asc' } }).runs.map((r) => r.id)).toEqual(['r-1', 'r-2', 'r-3', 'r-4']);
    expect(list({ sort: { key: 'params', dir: 'desc' } }).runs.map((r) => r.id)).toEqual(['r-2', 'r-1', 'r-3', 'r-4']);
    expect(list({ sort: { key: 'lr', dir: 'desc' } }).runs.map((r) => [r.id, r.values.lr])).toEqual([['r-2', 1e-3], ['r-1', 3e-4], ['r-3', 3e-4], ['r-4', null]]);
    expect(list({ sort: { key: 'createdAt', dir: 'asc' }, offset: 1, limit: 2 }).runs.map((r) => r.id)).toEqual(['r-2', 'r-3']);
  });

  it('shows config keys as columns, lists every key with its count, and counts each filter choice', () => {
    const result = list({ columns: ['optimizer.beta2', 'lr'], sort: { key: 'createdAt', dir: 'asc' } });
    expect(result.runs[1].values).toEqual({ 'optimizer.beta2': 0.99, lr: 1e-3 });
    expect(result.configKeys.find((k) => k.value === 'lr')).toEqual({ value: 'lr', count: 3 });
    expect(result.facets.owners).toEqual([{ value: 'ana', count: 2 }, { value: 'raj', count: 2 }]);
    expect(result.facets.tags[0]).toEqual({ value: 'ladder', count: 3 });
  });

  it('stays whole for 10,000 runs', () => {
    const big = createCache();
    const insert = big.sqlite.prepare(
      "INSERT INTO runs (id, created_at, owner, config_json, raw_json, synced_at) VALUES (?, '2026-10-01T00:00:00Z', ?, ?, '{}', '2026-10-01T00:00:00Z')",
    );
    big.sqlite.transaction(() => {
      for (let i = 0; i < 10_000; i++) insert.run(`run-${i}`, i % 2 ? 'ana' : 'raj', JSON.stringify({ lr: i * 1e-6 }));
    })();
    const result = listRunTable(big.sqlite, { columns: ['lr'], offset: 0, owner: 'ana', sort: { key: 'lr', dir: 'asc' } }, NOW);
    expect(result.matched).toBe(5000);
    expect(result.runs[0].id).toBe('run-1');
    expect(result.runs[4999].values.lr).toBeCloseTo(9999e-6);
    big.close();
  });
});

describe('run detail, metric names and config diff', () => {
  const trust = loadEvalTrust(cache.sqlite);

  it('gives the run with its flattened config and metrics, NaN last values named as such', () => {
    const detail = getRunDetail(cache.sqlite, 'r-1', trust, NOW);
    expect(detail.config).toContainEqual({ key: 'optimizer.beta2', value: 0.95 });
    expect(detail.metrics).toEqual([{ key: 'train/loss', pointCount: 2, lastStep: 10, lastValue: 'NaN', nonFiniteCount: 1, trust: null }]);
    expect(() => getRunDetail(cache.sqlite, 'nope', trust)).toThrow(RunNotFoundError);
  });

  it('badges metrics of public and internal eval suites', () => {
    expect(trust('eval/public/mmlu')).toMatchObject({ kind: 'public', label: PUBLIC_LABEL });
    expect(trust('eval/heldout/c4/loss')).toMatchObject({ kind: 'internal', label: INTERNAL_LABEL });
    expect(trust('train/loss')).toBeNull();
    expect(listMetricNames(cache.sqlite, ['r-3'], trust)).toEqual([{ key: 'eval/public/mmlu', runCount: 1, trust: trust('eval/public/mmlu') }]);
  });

  it('lists only the keys that differ, side by side, a missing key counting as different', () => {
    const diff = configDiff(cache.sqlite, ['r-1', 'r-2', 'r-3']);
    expect(diff.rows).toEqual([
      { key: 'config.lr', values: [3e-4, 1e-3, 3e-4] },
      { key: 'config.optimizer.beta2', values: [0.95, 0.99, null] },
      { key: 'config.optimizer.name', values: ['adamw', 'adamw', null] },
    ]);
  });
});
