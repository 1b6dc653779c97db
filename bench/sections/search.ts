// Search benchmark: typical queries against the large demo lab and a text-heavy lab (target: results
// in under 50 ms), "Tried before?" for every proposal, and what the search index's triggers cost the
// sync (the same store synced with and without them: thousands of bare runs, a text-heavy lab, and
// the large demo lab with its metrics).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { quantileSorted } from '../../shared/stats/quantile';
import type { BenchRow } from '../bench-row';
import { openCacheDatabase, type CacheDatabase } from '../../electron/core/db/open-cache-database';
import { searchLab, type SearchOptions } from '../../electron/core/search/search';
import { findTriedBefore } from '../../electron/core/search/tried-before';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { largeDemoLabStore, writeTextHeavyLab } from './search-bench-lab';

const SECTION = 'search';
const LIMIT_MS = 50;
const REPEATS = 20;
const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'migrations');

/** Words a user types: whole words, a half-typed one, phrases, ids, FTS5 syntax taken as text, no match. */
const QUERIES = [
  'multi-token', 'ladder', 'lad', 'web', 'warmup decay', 'loss spike', 'mixture of experts', 'qk-norm', 'dedup minhash',
  'checkpoint restart', 'r-0412', 'tokenizer', 'z-loss', 'adamw', 'learning rate', '"moe" -dense', 'NEAR(attention', 'zzyzx',
];

/** A fresh cache in its own temporary folder, removed with it by `close`. */
function tempCache(name: string): CacheDatabase {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `tessera-search-bench-${name}-`));
  const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
  const close = () => {
    cache.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { ...cache, close };
}

function timeCalls(calls: (() => unknown)[]): { p50: number; p95: number; max: number; n: number } {
  for (const call of calls) call();
  const times: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    for (const call of calls) {
      const t0 = performance.now();
      call();
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  return { p50: quantileSorted(times, 0.5), p95: quantileSorted(times, 0.95), max: times[times.length - 1]!, n: times.length };
}

function queryRows(cache: CacheDatabase, lab: string): BenchRow[] {
  const sqlite = cache.sqlite;
  const docs = (sqlite.prepare('SELECT count(*) AS n FROM search_docs').get() as { n: number }).n;
  const styles: { name: string; options: Partial<SearchOptions> }[] = [
    { name: 'palette (30 hits, 5 a kind)', options: { limit: 30, perKind: 5 } },
    { name: 'search page (50 hits)', options: { limit: 50 } },
    { name: 'search page, filtered by status and date', options: { limit: 50, status: 'dropped', from: '2026-03-01', to: '2026-10-31' } },
  ];
  const rows: BenchRow[] = [];
  for (const style of styles) {
    const calls = QUERIES.map((query) => () => searchLab(sqlite, { query, limit: 50, ...style.options }));
    const t = timeCalls(calls);
    rows.push({
      section: SECTION,
      name: `${lab}: ${style.name}, p95`,
      value: t.p95,
      unit: 'ms',
      limit: `< ${LIMIT_MS} ms`,
      ok: t.p95 < LIMIT_MS,
      note: `p50 ${t.p50.toFixed(2)} ms, max ${t.max.toFixed(1)} ms; ${QUERIES.length} queries × ${REPEATS}; ${docs} indexed rows`,
    });
  }
  const proposals = sqlite.prepare('SELECT id FROM proposals').pluck().all() as string[];
  const tried = timeCalls(proposals.map((id) => () => findTriedBefore(sqlite, id, 6)));
  rows.push({
    section: SECTION,
    name: `${lab}: Tried before?, every proposal, p95`,
    value: tried.p95,
    unit: 'ms',
    limit: `< ${LIMIT_MS} ms`,
    ok: tried.p95 < LIMIT_MS,
    note: `p50 ${tried.p50.toFixed(2)} ms, max ${tried.max.toFixed(1)} ms; ${proposals.length} proposals × ${REPEATS}`,
  });
  return rows;
}

/** Wall and CPU milliseconds of one sync; CPU time is what the index costs when other processes share the machine. */
async function timedSync(store: string, withIndex: boolean): Promise<{ wall: number; cpu: number }> {
  const cache = tempCache(withIndex ? 'with' : 'without');
  try {
    if (!withIndex) {
      const triggers = cache.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search\\_%' ESCAPE '\\'").pluck().all() as string[];
      for (const name of triggers) cache.sqlite.exec(`DROP TRIGGER "${name}"`);
    }
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await syncFolder(cache, store);
    const cpu = process.cpuUsage(cpu0);
    return { wall: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000 };
  } finally {
    cache.close();
  }
}

/** Syncs `store` into fresh caches with and without the search triggers, alternating, three times each. */
async function indexCostRow(store: string, what: string): Promise<BenchRow> {
  const withIndex: { wall: number; cpu: number }[] = [];
  const without: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 3; i++) {
    without.push(await timedSync(store, false));
    withIndex.push(await timedSync(store, true));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[1]!;
  const s = (ms: number) => (ms / 1000).toFixed(2);
  const cpuWith = median(withIndex.map((t) => t.cpu));
  const cpuWithout = median(without.map((t) => t.cpu));
  return {
    section: SECTION,
    name: `sync CPU time added by the search index: ${what}`,
    value: (cpuWith / cpuWithout - 1) * 100,
    unit: '%',
    note: `median of 3: cpu ${s(cpuWith)} s with, ${s(cpuWithout)} s without; wall ${s(median(withIndex.map((t) => t.wall)))} s with, ${s(median(without.map((t) => t.wall)))} s without`,
  };
}

export async function runSearchBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-search-bench-stores-'));
  try {
    const runsOnly = path.join(scratch, 'runs-only');
    writeTextHeavyLab(runsOnly, { runs: 5000, proposals: 0, events: 0 });
    rows.push(await indexCostRow(runsOnly, '5,000 runs (run.json with config and tags, no metrics)'));
    const size = { runs: 5000, proposals: 400, events: 3000 };
    const textStore = path.join(scratch, 'text-heavy');
    writeTextHeavyLab(textStore, size);
    rows.push(await indexCostRow(textStore, `text-heavy lab: 5,000 runs, ${size.proposals} long proposals, 3,000 decisions and comments`));
    const text = tempCache('text');
    try {
      await syncFolder(text, textStore);
      rows.push(...queryRows(text, 'text-heavy lab'));
    } finally {
      text.close();
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }

  const demoStore = await largeDemoLabStore();
  const bare = await timedSync(demoStore, false);
  const demo = tempCache('demo');
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const summary = await syncFolder(demo, demoStore);
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1000;
    rows.push({
      section: SECTION,
      name: `sync CPU time added by the search index: large demo lab (${summary.totals.runs.toLocaleString('en-US')} runs, ${summary.totals.points.toLocaleString('en-US')} points)`,
      value: (cpu / bare.cpu - 1) * 100,
      unit: '%',
      note: `one sync each: cpu ${(cpu / 1000).toFixed(1)} s with, ${(bare.cpu / 1000).toFixed(1)} s without; wall ${(wall / 1000).toFixed(0)} s with, ${(bare.wall / 1000).toFixed(0)} s without`,
    });
    rows.push(...queryRows(demo, 'large demo lab'));
  } finally {
    demo.close();
  }
  return rows;
}
