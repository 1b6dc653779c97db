// Benchmark children: a measurement in a process of its own, so that its peak memory is its own. The
// child is bundled with esbuild (and, beside it as the app ships it, the metrics parse worker), run with
// arguments, and prints one JSON line last.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// bench/sections/*.ts and their bundle dist/bench/bench.mjs both sit two folders below the root.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const banner = "import { createRequire as __tesseraCreateRequire } from 'node:module'; const require = __tesseraCreateRequire(import.meta.url);";

/** Bundles `entry` (a path from the repository root) into `outDir`; returns the script to run. */
export async function bundleBenchChild(entry: string, outDir: string): Promise<string> {
  fs.mkdirSync(outDir, { recursive: true });
  const bundle = (from: string, name: string) =>
    build({
      entryPoints: [path.join(repoRoot, from)],
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
  const name = `${path.basename(entry, '.ts')}.mjs`;
  await bundle(entry, name);
  return path.join(outDir, name);
}

/** Runs a bundled child and parses the JSON of its last line. */
export function runBenchChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as T);
      else reject(new Error(`the benchmark child ${path.basename(script)} exited with ${code}`));
    });
  });
}
