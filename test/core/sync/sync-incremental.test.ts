// What a sync does as the store changes between passes: appended lines, restarts within a file
// and across passes, rewritten files, removed runs, and a pass over an unchanged store.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { exportSeries } from '../../../electron/core/queries/export-series';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { onSeriesAppended } from '../../../electron/core/sync/series-hooks';
import { dumpCache } from './support/cache-dump';
import { appendFile, createStore, metricsLines, openTestCache, runJson, writeFiles } from './support/lab-store-fixture';
import { countPoints } from '../../helpers/cache-points';

let root: string;
let cache: CacheDatabase;
const metricsPath = 'runs/r1/metrics.jsonl';

function seriesStats(runId: string, key: string) {
  return cache.sqlite
    .prepare(
      `SELECT s.point_count AS pointCount, s.last_step AS lastStep, s.last_value AS lastValue, s.non_finite_count AS nonFinite
       FROM series s JOIN runs r ON r.pk = s.run_pk WHERE r.id = ? AND s.key = ?`,
    )
    .get(runId, key);
}

function runStats(runId: string) {
  return cache.sqlite.prepare('SELECT last_step AS lastStep, last_tokens AS lastTokens, point_count AS pointCount FROM runs WHERE id = ?').get(runId);
}

/** A fresh cache synced once from the store as it is now. */
async function cleanDump(): Promise<Record<string, unknown[]>> {
  const other = openTestCache(path.join(path.dirname(root), `clean-${Math.random()}.db`));
  await syncFolder(other, root);
  const dump = dumpCache(other.sqlite);
  other.close();
  return dump;
}

beforeEach(() => {
  root = createStore({ 'runs/r1/run.json': runJson('r1') });
  cache = openTestCache(path.join(path.dirname(root), 'cache.db'));
});
afterEach(() => cache.close());

describe('incremental sync', () => {
  it('reads only the appended lines and keeps series and run statistics current', async () => {
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, tokens: 0, loss: 3 }, { step: 1, tokens: 100, loss: 'NaN' }]) });
    await syncFolder(cache, root);
    const sizeBefore = fs.statSync(path.join(root, metricsPath)).size;
    appendFile(root, metricsPath, metricsLines([{ step: 2, tokens: 200, loss: 2.5, acc: 0.5 }]));
    const summary = await syncFolder(cache, root);
    expect(summary.bytesRead).toBe(fs.statSync(path.join(root, metricsPath)).size - sizeBefore);
    expect(summary.points).toBe(2);
    expect(summary.changed.runs).toEqual(['r1']);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3], [1, 'NaN'], [2, 2.5]]);
    expect(seriesStats('r1', 'loss')).toEqual({ pointCount: 3, lastStep: 2, lastValue: 2.5, nonFinite: 1 });
    expect(runStats('r1')).toEqual({ lastStep: 2, lastTokens: 200, pointCount: 4 });
    expect(dumpCache(cache.sqlite)).toEqual(await cleanDump());
  });

  it('a pass over an unchanged store reads no bytes and changes nothing', async () => {
    writeFiles(root, {
      [metricsPath]: metricsLines([{ step: 0, loss: 3 }]),
      'runs/r1/status.json': JSON.stringify({ state: 'running', updated_at: '2026-10-01T00:00:00Z' }),
      'ablations/a1.yaml': 'title: A\n',
      'proposals/p1.md': '---\ntitle: P\n---\n',
      'team.yaml': 'areas: [model]\n',
    });
    await syncFolder(cache, root);
    const before = dumpCache(cache.sqlite);
    const summary = await syncFolder(cache, root);
    expect(summary.bytesRead).toBe(0);
    expect(summary.changed).toEqual({ runs: [], removedRuns: [], proposals: [], ablations: [], events: [], team: false, issues: false });
    expect(dumpCache(cache.sqlite)).toEqual(before);
  });

  it('a restart within a file supersedes the earlier attempt from its step on, for every metric', async () => {
    writeFiles(root, {
      [metricsPath]: metricsLines([
        { step: 0, loss: 3, acc: 0.1 },
        { step: 10, loss: 2, acc: 0.2 },
        { step: 20, loss: 'NaN', acc: 0.3 },
        { step: 30, loss: 'Infinity' },
        { step: 15, loss: 1.9 },
        { step: 25, loss: 1.8, acc: 0.35 },
      ]),
    });
    await syncFolder(cache, root);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3], [10, 2], [15, 1.9], [25, 1.8]]);
    expect(exportSeries(cache.sqlite, 'r1', 'acc')).toEqual([[0, 0.1], [10, 0.2], [25, 0.35]]);
    expect(seriesStats('r1', 'loss')).toEqual({ pointCount: 4, lastStep: 25, lastValue: 1.8, nonFinite: 0 });
    expect(runStats('r1')).toMatchObject({ lastStep: 25, pointCount: 7 });
  });

  it('a restart across passes gives the same database as reading the whole file at once', async () => {
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 3 }, { step: 10, loss: 2 }, { step: 20, loss: 1 }]) });
    await syncFolder(cache, root);
    appendFile(root, metricsPath, metricsLines([{ step: 10, loss: 2.1 }, { step: 11, loss: 2.05 }]));
    await syncFolder(cache, root);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3], [10, 2.1], [11, 2.05]]);
    expect(dumpCache(cache.sqlite)).toEqual(await cleanDump());
  });

  it('a line at the same step replaces the value logged there', async () => {
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 3 }, { step: 5, loss: 'NaN', acc: 1 }, { step: 5, loss: 2 }]) });
    await syncFolder(cache, root);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3], [5, 2]]);
    expect(exportSeries(cache.sqlite, 'r1', 'acc')).toEqual([[5, 1]]);
    expect(seriesStats('r1', 'loss')).toEqual({ pointCount: 2, lastStep: 5, lastValue: 2, nonFinite: 0 });
  });

  it('a file that shrank or whose first bytes changed is read again from scratch', async () => {
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 3, old: 1 }, { step: 1, loss: 2, old: 1 }]) });
    await syncFolder(cache, root);
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 9 }]) });
    await syncFolder(cache, root);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 9]]);
    expect(() => exportSeries(cache.sqlite, 'r1', 'old')).toThrow(/no metric "old"/);

    // Same length or longer, different first bytes.
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 7 }, { step: 1, loss: 6 }]) });
    await syncFolder(cache, root);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 7], [1, 6]]);
    expect(dumpCache(cache.sqlite)).toEqual(await cleanDump());
  });

  it('issues of a rewritten file are replaced, those of appended lines are added', async () => {
    writeFiles(root, { [metricsPath]: 'bad line\n{"step": 0, "loss": 1}\n' });
    await syncFolder(cache, root);
    appendFile(root, metricsPath, 'worse line\n');
    let summary = await syncFolder(cache, root);
    expect(summary.issues.map((i) => [i.path, i.line, i.code])).toEqual([
      [metricsPath, 1, 'invalid-json'],
      [metricsPath, 3, 'invalid-json'],
    ]);
    writeFiles(root, { [metricsPath]: '{"step": 0, "loss": 1}\n[]\n' });
    summary = await syncFolder(cache, root);
    expect(summary.issues.map((i) => [i.path, i.line, i.code])).toEqual([[metricsPath, 2, 'not-object']]);
  });

  it('a run folder removed from the store leaves the cache with its points and issues', async () => {
    writeFiles(root, {
      [metricsPath]: metricsLines([{ step: 0, loss: 3 }]) + 'oops\n',
      'runs/r2/run.json': runJson('r2'),
      'runs/r2/metrics.jsonl': metricsLines([{ step: 0, loss: 1 }]),
    });
    await syncFolder(cache, root);
    fs.rmSync(path.join(root, 'runs/r1'), { recursive: true });
    const summary = await syncFolder(cache, root);
    expect(summary.runs.removed).toBe(1);
    expect(summary.changed.removedRuns).toEqual(['r1']);
    expect(cache.sqlite.prepare('SELECT id FROM runs').pluck().all()).toEqual(['r2']);
    expect(countPoints(cache.sqlite)).toBe(1);
    expect(summary.issues).toEqual([]);
    expect(dumpCache(cache.sqlite)).toEqual(await cleanDump());
  });

  it('a run whose run.json turns invalid is taken out, and comes back whole when fixed', async () => {
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 3 }, { step: 1, loss: 2 }]) });
    await syncFolder(cache, root);
    writeFiles(root, { 'runs/r1/run.json': runJson('r1-renamed') });
    let summary = await syncFolder(cache, root);
    expect(summary.totals.runs).toBe(0);
    expect(summary.issues.map((i) => i.code)).toEqual(['id-mismatch']);
    writeFiles(root, { 'runs/r1/run.json': runJson('r1', { name: 'fixed' }) });
    summary = await syncFolder(cache, root);
    expect(summary.issues).toEqual([]);
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3], [1, 2]]);
    expect(dumpCache(cache.sqlite)).toEqual(await cleanDump());
  });

  it('a changed run.json updates the run and keeps its points', async () => {
    writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 3 }]) });
    await syncFolder(cache, root);
    writeFiles(root, { 'runs/r1/run.json': runJson('r1', { name: 'renamed', model: { params: 1e9, layers: 24 }, data: { tokens: 2e10 }, lr: 3e-4, config: { lr: 1e-3 } }) });
    const summary = await syncFolder(cache, root);
    expect(summary.runs).toEqual({ new: 0, updated: 1, removed: 0 });
    const run = cache.sqlite.prepare('SELECT name, flops, flops_given AS flopsGiven, config_json AS config FROM runs').get() as Record<string, unknown>;
    expect(run).toEqual({ name: 'renamed', flops: 6 * 1e9 * 2e10, flopsGiven: 0, config: JSON.stringify({ lr: 1e-3, 'model.layers': 24 }) });
    expect(exportSeries(cache.sqlite, 'r1', 'loss')).toEqual([[0, 3]]);
  });

  it('calls the series hooks inside the transaction with the lowest step written or superseded', async () => {
    const calls: Array<[number, number]> = [];
    const hook = (_db: unknown, seriesPk: number, fromStep: number) => {
      calls.push([seriesPk, fromStep]);
    };
    onSeriesAppended.push(hook);
    try {
      writeFiles(root, { [metricsPath]: metricsLines([{ step: 0, loss: 3 }, { step: 10, loss: 2 }]) });
      await syncFolder(cache, root);
      appendFile(root, metricsPath, metricsLines([{ step: 5, loss: 2.5 }]));
      await syncFolder(cache, root);
    } finally {
      onSeriesAppended.splice(onSeriesAppended.indexOf(hook), 1);
    }
    const pk = cache.sqlite.prepare("SELECT pk FROM series WHERE key = 'loss'").pluck().get() as number;
    expect(calls).toEqual([[pk, 0], [pk, 5]]);
  });

  it('refuses a folder that is not a lab store, leaving the cache alone', async () => {
    await syncFolder(cache, root);
    const empty = path.join(path.dirname(root), 'not-a-store');
    fs.mkdirSync(empty);
    await expect(syncFolder(cache, empty)).rejects.toThrow(/not a Tessera lab store.*tessera-store\.json/);
    expect(cache.sqlite.prepare('SELECT id FROM runs').pluck().all()).toEqual(['r1']);
  });

  it('refuses a store of a newer format version, changing nothing', async () => {
    writeFiles(root, { 'tessera-store.json': JSON.stringify({ format: 'tessera-store', version: 2, name: 'future' }) });
    await expect(syncFolder(cache, root)).rejects.toThrow(/format version 2.*reads version 1/);
    expect(cache.sqlite.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
  });
});
