// A real SQLite cache in a fresh temporary folder, with helpers that insert runs, series and points
// the way the sync stores them (NaN as NULL).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';

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

/** Inserts (or replaces) points and keeps the series row's statistics as the sync would. */
export function writePoints(cache: CacheDatabase, seriesPk: number, points: readonly RawPoint[]): void {
  const insert = cache.sqlite.prepare('INSERT OR REPLACE INTO points (series_pk, step, tokens, time, value) VALUES (?, ?, ?, ?, ?)');
  cache.sqlite.transaction(() => {
    for (const p of points) insert.run(seriesPk, p.step, p.tokens ?? null, p.time ?? null, Number.isNaN(p.value) ? null : p.value);
    cache.sqlite
      .prepare(
        `UPDATE series SET point_count = (SELECT count(*) FROM points WHERE series_pk = @pk),
           last_step = (SELECT max(step) FROM points WHERE series_pk = @pk),
           non_finite_count = (SELECT count(*) FROM points WHERE series_pk = @pk AND (value IS NULL OR abs(value) = 9e999))
         WHERE pk = @pk`,
      )
      .run({ pk: seriesPk });
  })();
}

export function deletePointsFrom(cache: CacheDatabase, seriesPk: number, fromStep: number): void {
  cache.sqlite.prepare('DELETE FROM points WHERE series_pk = ? AND step >= ?').run(seriesPk, fromStep);
}

/** Every point of a series in step order, NaN restored. */
export function readRawPoints(cache: CacheDatabase, seriesPk: number): RawPoint[] {
  const rows = cache.sqlite.prepare('SELECT step, value, tokens, time FROM points WHERE series_pk = ? ORDER BY step').all(seriesPk) as {
    step: number;
    value: number | null;
    tokens: number | null;
    time: number | null;
  }[];
  return rows.map((r) => ({ step: r.step, value: r.value ?? NaN, tokens: r.tokens, time: r.time }));
}
