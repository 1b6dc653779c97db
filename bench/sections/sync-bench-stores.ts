// The stores the sync benchmark reads: the large demo lab (2,000+ runs, 20M+ points) and a store
// of 10,000 small runs for the no-op re-sync. Both are deterministic and kept in the temp folder
// between benchmark runs (generating the large lab takes about a minute).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateDemoLab } from '../../electron/core/demo';

const CACHE_DIR = path.join(os.tmpdir(), 'tessera-bench-stores');
const AS_OF = new Date('2026-11-29T08:00:00Z');

/** A store made once by `make` into `name`; a marker beside it says it is complete. */
async function cachedStore(name: string, make: (dir: string) => Promise<void>): Promise<string> {
  const dir = path.join(CACHE_DIR, name);
  const done = `${dir}.complete`;
  if (fs.existsSync(done) && fs.existsSync(dir)) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  await make(dir);
  fs.writeFileSync(done, new Date().toISOString());
  return dir;
}

export function largeDemoLab(): Promise<string> {
  return cachedStore('demo-large-seed1', async (dir) => {
    await generateDemoLab({ outDir: dir, seed: 1, size: 'large', asOf: AS_OF });
  });
}

/** 10,000 runs of 20 lines each: the no-op re-sync is about the walk, not the points. */
export function manyRunsStore(runs = 10_000): Promise<string> {
  return cachedStore(`many-runs-${runs}`, async (dir) => {
    fs.mkdirSync(path.join(dir, 'runs'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Many runs' }));
    for (let r = 0; r < runs; r++) {
      const id = `run-${String(r).padStart(5, '0')}`;
      const runDir = path.join(dir, 'runs', id);
      fs.mkdirSync(runDir);
      fs.writeFileSync(path.join(runDir, 'run.json'), JSON.stringify({ id, created_at: '2026-10-01T00:00:00Z', model: { params: 1e8 }, data: { tokens: 2e9 } }));
      fs.writeFileSync(path.join(runDir, 'status.json'), JSON.stringify({ state: 'finished', updated_at: '2026-10-02T00:00:00Z' }));
      let lines = '';
      for (let step = 0; step < 20; step++) lines += `{"step":${step * 100},"tokens":${step * 409600},"train/loss":${(3 - step * 0.05).toFixed(4)}}\n`;
      fs.writeFileSync(path.join(runDir, 'metrics.jsonl'), lines);
    }
  });
}

/**
 * The year lab (300M+ points, about 8 GB of metrics): TESSERA_BENCH_YEAR_LAB names one already written by
 * `tessera demo --size year`, else it is generated once here (minutes).
 */
export function yearDemoLab(): Promise<string> {
  const given = process.env.TESSERA_BENCH_YEAR_LAB;
  if (given) return Promise.resolve(given);
  return cachedStore('demo-year-seed1', async (dir) => {
    await generateDemoLab({ outDir: dir, seed: 1, size: 'year', asOf: AS_OF });
  });
}
