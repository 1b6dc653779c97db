// Sync benchmark: the large demo lab synced beside its limit (reading the same metrics files and
// JSON-parsing every line, nothing else), the no-op re-sync of 2,000+ and of 10,000 runs, and the peak
// memory of the process doing it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from '../bench-row';
import { bundleBenchChild, repoRoot, runBenchChild } from './bench-child';
import { largeDemoLab, manyRunsStore } from './sync-bench-stores';

const SECTION = 'sync';

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

export async function runSyncBench(): Promise<BenchRow[]> {
  const [largeLab, manyRuns] = [await largeDemoLab(), await manyRunsStore()];
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-sync-'));
  const bundleDir = path.join(repoRoot, 'node_modules', '.cache', 'tessera-bench', String(process.pid));
  const script = await bundleBenchChild('bench/sections/sync-bench-child.ts', bundleDir);
  try {
    const f = await runBenchChild<ChildFigures>(script, [largeLab, manyRuns, workDir, path.join(repoRoot, 'migrations')]);
    const syncRate = f.syncPoints / (f.syncMs / 1000);
    const limitRate = f.limitRows / (f.limitMs / 1000);
    const ratio = syncRate / limitRate;
    const cpuRatio = f.syncPoints / f.syncCpuMs / (f.limitRows / f.limitCpuMs);
    const mainRatio = f.syncPoints / f.syncMainThreadCpuMs / (f.limitRows / f.limitCpuMs);
    const peakMb = f.peakRssBytes / (1024 * 1024);
    return [
      { section: SECTION, name: `sync of the large demo lab (${f.runs} runs, ${(f.syncPoints / 1e6).toFixed(1)}M points, ${(f.bytes / 1e6).toFixed(0)} MB)`, value: syncRate, unit: 'points/s', note: `${(f.syncMs / 1000).toFixed(1)} s` },
      { section: SECTION, name: 'limit: reading the same files and JSON.parse of every line, alone', value: limitRate, unit: 'points/s', note: `${(f.limitMs / 1000).toFixed(1)} s, measured interleaved with the sync` },
      { section: SECTION, name: 'sync / limit (wall time)', value: ratio, unit: 'ratio', limit: '≥ 0.5', ok: ratio >= 0.5 },
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
