// A real SQLite cache in a fresh temporary folder, with helpers that insert runs, series and points
// into the chunked point storage (each series with its own tokens and time, as a source's are).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { openSeriesChunk } from '../../../electron/core/points/open-chunk';
import { STEPS, TIMES, TOKENS, VALUES } from '../../../electron/core/points/point-chunk';
import { seriesPointRows } from '../../helpers/cache-points';

export const migrationsDir = path.resolve(__dirname, '../../../migrations');

export function createCache(): CacheDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-series-'));
  return openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
}

export interface RunFixture {
  id: string;
  name?: string;
  owner?: string;
  group?: string;
  ablation?: string;
  variant?: string;
  seed?: number;
  proposal?: string;
  params?: number;
  tokens?: number;
  flops?: number;
  flopsGiven?: boolean;
  state?: string;
  stateUpdatedAt?: string;
  stateMessage?: string;
  createdAt?: string;
  config?: Record<string, unknown>;
  tags?: string[];
}

export function insertRun(cache: CacheDatabase, run: RunFixture): number {
  const info = cache.sqlite
    .prepare(
      `INSERT INTO runs (id, name, created_at, owner, group_name, ablation, variant, seed, proposal, params, tokens, flops, flops_given,
         config_json, tags_json, raw_json, state, state_updated_at, state_message, synced_at)
       VALUES (@id, @name, @createdAt, @owner, @group, @ablation, @variant, @seed, @proposal, @params, @tokens, @flops, @flopsGiven,
         @config, @tags, @raw, @state, @stateUpdatedAt, @stateMessage, '2026-11-01T00:00:00Z')`,
    )
    .run({
      id: run.id,
      name: run.name ?? null,
      createdAt: run.createdAt ?? '2026-10-01T00:00:00Z',
      owner: run.owner ?? null,
      group: run.group ?? null,
      ablation: run.ablation ?? null,
      variant: run.variant ?? null,
      seed: run.seed ?? null,
      proposal: run.proposal ?? null,
      params: run.params ?? null,
      tokens: run.tokens ?? null,
      flops: run.flops ?? null,
      flopsGiven: run.flopsGiven ? 1 : 0,
      config: JSON.stringify(run.config ?? {}),
      tags: JSON.stringify(run.tags ?? []),
      raw: JSON.stringify({ id: run.id, config: run.config ?? {} }),
      stateMessage: run.stateMessage ?? null,
      state: run.state ?? null,
      stateUpdatedAt: run.stateUpdatedAt ?? null,
    });
  return Number(info.lastInsertRowid);
}

export function insertSeries(cache: CacheDatabase, runPk: number, key: string): number {
  return Number(cache.sqlite.prepare('INSERT INTO series (run_pk, key) VALUES (?, ?)').run(runPk, key).lastInsertRowid);
}

export interface RawPoint {
  step: number;
  value: number;
  tokens?: number | null;
  time?: number | null;
}

/** Rewrites a series' chunks with exactly these points, each carrying its own tokens and time. */
function storePoints(cache: CacheDatabase, seriesPk: number, points: readonly RawPoint[]): void {
  const chunk = openSeriesChunk(cache.sqlite, seriesPk, STEPS | VALUES | TOKENS | TIMES);
  chunk.truncateFrom(-Infinity);
  for (const p of points) chunk.append(p.step, p.value, p.tokens ?? NaN, p.time ?? NaN);
  chunk.flush();
}

/** Inserts (or replaces, by step) points and keeps the series row's statistics as the sync would. */
export function writePoints(cache: CacheDatabase, seriesPk: number, points: readonly RawPoint[]): void {
  cache.sqlite.transaction(() => {
    const byStep = new Map(readRawPoints(cache, seriesPk).map((p) => [p.step, p]));
    for (const p of points) byStep.set(p.step, p);
    const all = [...byStep.values()].sort((a, b) => a.step - b.step);
    storePoints(cache, seriesPk, all);
    const last = all[all.length - 1];
    cache.sqlite
      .prepare('UPDATE series SET point_count = ?, last_step = ?, non_finite_count = ? WHERE pk = ?')
      .run(all.length, last?.step ?? null, all.filter((p) => !Number.isFinite(p.value)).length, seriesPk);
  })();
}

export function deletePointsFrom(cache: CacheDatabase, seriesPk: number, fromStep: number): void {
  storePoints(cache, seriesPk, readRawPoints(cache, seriesPk).filter((p) => p.step < fromStep));
}

/** Every point of a series in step order. */
export function readRawPoints(cache: CacheDatabase, seriesPk: number): RawPoint[] {
  return seriesPointRows(cache.sqlite, seriesPk).map(([step, tokens, time, value]) => ({ step, value: value ?? NaN, tokens, time }));
}
