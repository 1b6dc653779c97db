// A cache with long, spiky series for the chart benchmark, written straight through the sync's point
// writer (generating 20 million points through metrics.jsonl and the sync would measure the sync, not
// the chart).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../electron/core/db/open-cache-database';
import { RunMetricsWriter } from '../../electron/core/sync/run-metrics-writer';

export const BENCH_METRIC = 'train/loss';

export interface ChartLab {
  cache: CacheDatabase;
  dir: string;
  runIds: string[];
  seriesPks: number[];
}

/**
 * A decaying loss with noise, rare spikes and a few NaN/+Infinity: the point at `step` of run `seed`. Values
 * are float32s, as a loss logged from a float32 tensor (`loss.item()`) arrives.
 */
export function benchValue(step: number, seed: number): number {
  if ((step * 7919 + seed) % 250007 === 0) return NaN;
  if ((step * 7919 + seed) % 250009 === 0) return Infinity;
  if ((step * 104729 + seed) % 49999 === 0) return 20 + ((step + seed) % 13);
  return Math.fround(2 + 3 / Math.sqrt(step + 1) + 0.05 * (((step * 2654435761 + seed * 97) % 1000003) / 1000003 - 0.5));
}

/** `runs` runs of `points` points each: a decaying loss with noise, rare spikes and a few NaN/±Infinity. */
export function createChartLab(migrationsDir: string, runs: number, points: number): ChartLab {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-charts-'));
  const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
  const { sqlite } = cache;
  const insertRun = sqlite.prepare(
    `INSERT INTO runs (id, name, created_at, params, tokens, raw_json, synced_at) VALUES (?, ?, '2026-10-01T00:00:00Z', 1.1e9, ?, '{}', '2026-10-01T00:00:00Z')`,
  );
  const seriesOf = sqlite.prepare('SELECT pk FROM series WHERE run_pk = ? AND key = ?').pluck();
  const runIds: string[] = [];
  const seriesPks: number[] = [];
  for (let r = 0; r < runs; r++) {
    const id = `bench-${String(r).padStart(2, '0')}`;
    sqlite.transaction(() => {
      const runPk = Number(insertRun.run(id, id, points * 4096).lastInsertRowid);
      // Through the sync's own writer: the points go to chunks, tokens and time to the run's axis,
      // and flush() builds the summary.
      const writer = new RunMetricsWriter(sqlite, runPk);
      for (let step = 0; step < points; step++) writer.append(0, BENCH_METRIC, step, step * 4096, 1.7e9 + step * 0.5, benchValue(step, r + 1));
      writer.flush({ lastStep: points - 1, lastTokens: (points - 1) * 4096, lastTime: 1.7e9 + (points - 1) * 0.5 }, '2026-10-01T00:00:00Z');
      runIds.push(id);
      seriesPks.push(seriesOf.get(runPk, BENCH_METRIC) as number);
    })();
  }
  return { cache, dir, runIds, seriesPks };
}
