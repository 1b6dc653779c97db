// Lab stores for the scaling tests, written file by file as the format asks (run.json,
// metrics.jsonl, status.json, ablations/*.yaml) and synced into a real cache by the sync engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { predictLoss, type ChinchillaParams } from '../../../shared/scaling';

export const migrationsDir = path.resolve(__dirname, '..', '..', '..', 'migrations');

export interface StoreRun {
  id: string;
  group?: string;
  ablation?: string;
  variant?: string;
  N?: number;
  D?: number;
  flops?: number;
  state?: 'running' | 'finished' | 'failed' | 'killed';
  /** metrics.jsonl lines; numbers, null or the format's "NaN"/"Infinity" strings. */
  lines?: Record<string, unknown>[];
}

export interface StoreAblation {
  id: string;
  metric: string;
  baseline: string;
  title?: string;
}

function write(root: string, file: string, text: string): void {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, text);
}

export function writeScalingStore(root: string, runs: readonly StoreRun[], ablations: readonly StoreAblation[] = []): void {
  write(root, 'tessera-store.json', JSON.stringify({ format: 'tessera-store', version: 1, name: 'Scaling lab' }));
  for (const run of runs) {
    const json: Record<string, unknown> = { id: run.id, created_at: '2026-10-01T00:00:00Z' };
    if (run.group) json.group = run.group;
    if (run.ablation) json.ablation = run.ablation;
    if (run.variant) json.variant = run.variant;
    if (run.N !== undefined) json.model = { params: run.N };
    if (run.D !== undefined) json.data = { tokens: run.D };
    if (run.flops !== undefined) json.compute = { flops: run.flops };
    write(root, `runs/${run.id}/run.json`, JSON.stringify(json));
    if (run.lines) write(root, `runs/${run.id}/metrics.jsonl`, run.lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    if (run.state) write(root, `runs/${run.id}/status.json`, JSON.stringify({ state: run.state, updated_at: '2026-10-02T00:00:00Z' }));
  }
  for (const a of ablations) {
    write(root, `ablations/${a.id}.yaml`, `id: ${a.id}\ntitle: ${JSON.stringify(a.title ?? a.id)}\nmetric: ${a.metric}\ncompare_at: tokens\nbaseline: ${a.baseline}\n`);
  }
}

/** A fresh folder with the store written and synced into `cache.sqlite`; the caller closes the cache. */
export async function syncedScalingStore(runs: readonly StoreRun[], ablations: readonly StoreAblation[] = []): Promise<{ dir: string; dbFile: string; cache: CacheDatabase }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-scaling-'));
  writeScalingStore(path.join(dir, 'lab'), runs, ablations);
  const dbFile = path.join(dir, 'cache.sqlite');
  const cache = openCacheDatabase({ file: dbFile, migrationsDir });
  const summary = await syncFolder(cache, path.join(dir, 'lab'));
  if (summary.issues.length > 0) throw new Error(`the scaling store has sync issues: ${JSON.stringify(summary.issues)}`);
  return { dir, dbFile, cache };
}

/**
 * Runs with only N, D and a final loss, as a published scaling study tabulates them: one metrics
 * line per run, no token counts, no intermediate points.
 */
export function publishedTableRuns(params: ChinchillaParams, N: readonly number[], tokensPerParam: readonly number[], extra: Partial<StoreRun> = {}, metric = 'loss'): StoreRun[] {
  const runs: StoreRun[] = [];
  for (const n of N) {
    for (const tpp of tokensPerParam) {
      const D = Math.round(n * tpp);
      runs.push({ id: `${extra.variant ?? 'p'}-${runs.length}`, N: n, D, lines: [{ step: 1, [metric]: predictLoss(params, n, D) }], ...extra });
    }
  }
  return runs;
}

/** A whole training run: `points` lines with cumulative tokens, loss falling towards L(N, D). */
export function trainingRunLines(params: ChinchillaParams, N: number, D: number, points = 20, metric = 'train/loss'): Record<string, unknown>[] {
  return Array.from({ length: points }, (_, i) => {
    const tokens = (D * (i + 1)) / points;
    return { step: (i + 1) * 100, tokens, [metric]: predictLoss(params, N, tokens) };
  });
}
