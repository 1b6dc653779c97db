// A cache with long, spiky series for the chart benchmark, written straight into SQLite (generating
// 20 million points through metrics.jsonl and the sync would measure the sync, not the chart).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../electron/core/db/open-cache-database';
import { updateSeriesSummary } from '../../electron/core/series-summary/update-series-summary';

export const BENCH_METRIC = 'train/loss';

export interface ChartLab {
  cache: CacheDatabase;
  dir: string;
  runIds: string[];
  seriesPks: number[];
}

/** `runs` runs of `points` points each: a decaying loss with noise, rare spikes and a few NaN/±Infinity. */
export function createChartLab(migrationsDir: string, runs: number, points: number): ChartLab {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-charts-'));
  const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
  const { sqlite } = cache;
  const insertRun = sqlite.prepare(
    `INSERT INTO runs (id, name, created_at, params, tokens, raw_json, synced_at) VALUES (?, ?, '2026-10-01T00:00:00Z', 1.1e9, ?, '{}', '2026-10-01T00:00:00Z')`,
  );
  const insertSeries = sqlite.prepare('INSERT INTO series (run_pk, key, point_count) VALUES (?, ?, ?)');
  const fill = sqlite.prepare(
    `INSERT INTO points (series_pk, step, tokens, time, value)
     SELECT @pk, step, step * 4096.0, 1.7e9 + step * 0.5,
       CASE
         WHEN (step * 7919 + @seed) % 250007 = 0 THEN NULL
         WHEN (step * 7919 + @seed) % 250009 = 0 THEN 9e999
         WHEN (step * 104729 + @seed) % 49999 = 0 THEN 20.0 + ((step + @seed) % 13)
         ELSE 2.0 + 3.0 / sqrt(step + 1.0) + 0.05 * (((step * 2654435761 + @seed * 97) % 1000003) / 1000003.0 - 0.5)
       END
     FROM (WITH RECURSIVE s(step) AS (SELECT 0 UNION ALL SELECT step + 1 FROM s WHERE step < @last) SELECT step FROM s)`,
  );
  const runIds: string[] = [];
  const seriesPks: number[] = [];
  for (let r = 0; r < runs; r++) {
    const id = `bench-${String(r).padStart(2, '0')}`;
    sqlite.transaction(() => {
      const runPk = Number(insertRun.run(id, id, points * 4096).lastInsertRowid);
      const seriesPk = Number(insertSeries.run(runPk, BENCH_METRIC, points).lastInsertRowid);
      fill.run({ pk: seriesPk, seed: r + 1, last: points - 1 });
      updateSeriesSummary(sqlite, seriesPk, 0);
      runIds.push(id);
      seriesPks.push(seriesPk);
    })();
  }
  return { cache, dir, runIds, seriesPks };
}
