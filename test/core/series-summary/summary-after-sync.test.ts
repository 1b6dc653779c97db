import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { removeSeriesSummary, updateSeriesSummary } from '../../../electron/core/series-summary/update-series-summary';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { migrationsDir } from './cache-fixture';

const caches: CacheDatabase[] = [];
afterEach(() => caches.splice(0).forEach((c) => c.close()));

function lines(from: number, to: number, attempt = 0): string {
  let text = '';
  for (let step = from; step < to; step++) {
    const loss = step === 3000 + attempt ? '"NaN"' : String(2 + 3 / Math.sqrt(step + 1) + ((step * 7919) % 97) / 1000 + attempt * 0.01);
    text += `{"step":${step},"tokens":${step * 2048},"time":${1.7e9 + step},"train/loss":${loss}}\n`;
  }
  return text;
}

function summaryRows(cache: CacheDatabase) {
  return cache.sqlite
    .prepare(
      `SELECT s.key, c.level, c.chunk, c.end_step, hex(c.data) AS data FROM series_summary_chunks c JOIN series s ON s.pk = c.series_pk
       ORDER BY s.key, c.level, c.chunk`,
    )
    .all();
}

describe('the summary after a sync', () => {
  it('follows appends and a restart from a checkpoint, and equals a rebuild from the synced points', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-summary-sync-'));
    const store = path.join(dir, 'store');
    fs.mkdirSync(path.join(store, 'runs', 'r-1'), { recursive: true });
    fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'lab' }));
    fs.writeFileSync(path.join(store, 'runs', 'r-1', 'run.json'), JSON.stringify({ id: 'r-1', created_at: '2026-10-01T00:00:00Z' }));
    const metrics = path.join(store, 'runs', 'r-1', 'metrics.jsonl');
    fs.writeFileSync(metrics, lines(0, 80_000));
    const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
    caches.push(cache);
    await syncFolder(cache, store);
    const state = () => cache.sqlite.prepare('SELECT point_count AS n, level_count AS levels FROM series_summaries').get() as { n: number; levels: number };
    expect(state()).toEqual({ n: 80_000, levels: 2 });
    fs.appendFileSync(metrics, lines(80_000, 320_000));
    await syncFolder(cache, store);
    expect(state()).toEqual({ n: 320_000, levels: 3 });
    // The job crashed at 320000 and resumed from the checkpoint at step 65600.
    fs.appendFileSync(metrics, lines(65_600, 96_000, 1));
    await syncFolder(cache, store);
    expect(state()).toEqual({ n: 96_000, levels: 2 });
    const synced = summaryRows(cache);
    const seriesPk = cache.sqlite.prepare('SELECT pk FROM series').pluck().get() as number;
    removeSeriesSummary(cache.sqlite, seriesPk);
    updateSeriesSummary(cache.sqlite, seriesPk, 0);
    expect(synced).toEqual(summaryRows(cache));
  });
});
