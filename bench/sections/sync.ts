// Sync benchmark: the large demo lab synced beside its limit (a plain prepared-statement insert of
// the same rows into the same table), the no-op re-sync of 2,000+ and of 10,000 runs, and the peak
// memory of the process doing it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { BenchRow } from '../bench-row';
import { largeDemoLab, manyRunsStore } from './sync-bench-stores';

const SECTION = 'sync';
// bench/sections/sync.ts and its bundle dist/bench/bench.mjs both sit two folders below the root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface ChildFigures {
  runs: number;
  syncMs: number;
  syncCpuMs: number;
  syncMainThreadCpuMs: number;
  parsedInWorker: boolean;
  syncPoints: number;
  bytes: number;
  limitMs: number;
  limitCpuMs: number;
  limitRows: number;
  noopLarge: number;
  manyRuns: number;
  noopMany: number;
  peakRssBytes: number;
}

const banner = "import { createRequire as __tesseraCreateRequire } from 'node:module'; const require = __tesseraCreateRequire(import.meta.url);";

/** The child and, beside it as the app ships it, the metrics parse worker. */
async function bundleChild(outDir: string): Promise<string> {
  const bundle = (entry: string, name: string) =>
    build({
      entryPoints: [path.join(repoRoot, entry)],
      outfile: path.join(outDir, name),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      external: ['better-sqlite3'],
      banner: { js: banner },
      logLevel: 'warning',
    });
  await bundle('electron/core/sync/metrics-parse-worker.ts', 'metrics-parse-worker.mjs');
  await bundle('bench/sections/sync-bench-child.ts', 'sync-bench-child.mjs');
  return path.join(outDir, 'sync-bench-child.mjs');
}

function runChild(script: string, args: string[]): Promise<ChildFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as ChildFigures);
      else reject(new Error(`the sync benchmark child exited with ${code}`));
    });
  });
}

export async function runSyncBench(): Promise<BenchRow[]> {
  const [largeLab, manyRuns] = [await largeDemoLab(), await manyRunsStore()];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-sync-'));
  const bundleDir = path.join(repoRoot, 'node_modules', '.cache', 'tessera-bench', String(process.pid));
  fs.mkdirSync(bundleDir, { recursive: true });
  const script = await bundleChild(bundleDir);
  try {
    const f = await runChild(script, [largeLab, manyRuns, workDir, path.join(repoRoot, 'migrations')]);
    const syncRate = f.syncPoints / (f.syncMs / 1000);
    const limitRate = f.limitRows / (f.limitMs / 1000);
    const ratio = syncRate / limitRate;
    const cpuRatio = f.syncPoints / f.syncCpuMs / (f.limitRows / f.limitCpuMs);
    const mainRatio = f.syncPoints / f.syncMainThreadCpuMs / (f.limitRows / f.limitCpuMs);
    const peakMb = f.peakRssBytes / (1024 * 1024);
    return [
      { section: SECTION, name: `sync of the large demo lab (${f.runs} runs, ${(f.syncPoints / 1e6).toFixed(1)}M points, ${(f.bytes / 1e6).toFixed(0)} MB)`, value: syncRate, unit: 'points/s', note: `${(f.syncMs / 1000).toFixed(1)} s` },
      { section: SECTION, name: 'limit: plain prepared INSERT of the same rows, same table', value: limitRate, unit: 'points/s', note: `${(f.limitMs / 1000).toFixed(1)} s, measured interleaved with the sync` },
      { section: SECTION, name: 'sync / limit (wall time)', value: ratio, unit: 'ratio', limit: '≥ 0.6', ok: ratio >= 0.6 },
      {
        section: SECTION,
        name: 'sync / limit (CPU time of the sync thread)',
        value: mainRatio,
        unit: 'ratio',
        note: `${(f.syncMainThreadCpuMs / 1000).toFixed(1)} s vs ${(f.limitCpuMs / 1000).toFixed(1)} s: the wall-time ratio on an idle machine, hardly moved by other load`,
      },
      {
        section: SECTION,
        name: 'sync / limit (CPU time of all threads)',
        value: cpuRatio,
        unit: 'ratio',
        note: `${(f.syncCpuMs / 1000).toFixed(1)} s; metrics parsed ${f.parsedInWorker ? 'by the worker thread' : 'in the sync thread'}`,
      },
      { section: SECTION, name: `no-op re-sync of ${f.runs} runs`, value: f.noopLarge, unit: 'ms', limit: '< 1000 ms', ok: f.noopLarge < 1000, note: 'median of 3' },
      { section: SECTION, name: `no-op re-sync of ${f.manyRuns} runs`, value: f.noopMany, unit: 'ms', limit: '< 3000 ms', ok: f.noopMany < 3000, note: 'median of 3' },
      { section: SECTION, name: 'peak memory (RSS high-water) of the syncing process', value: peakMb, unit: 'MB', limit: '< 500 MB', ok: peakMb < 500 },
    ];
  } finally {
    fs.rmSync(bundleDir, { recursive: true, force: true });
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
