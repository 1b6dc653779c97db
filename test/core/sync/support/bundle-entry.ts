// Bundles TypeScript entries into runnable .mjs files with esbuild, for tests that need a real
// child process or worker thread. Bundles go to a folder of their own under node_modules/.cache
// (so that better-sqlite3 resolves), with the metrics parse worker beside them as the app ships it.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lab-store-fixture';

const banner = "import { createRequire as __tesseraCreateRequire } from 'node:module'; const require = __tesseraCreateRequire(import.meta.url);";

export function bundleFolder(): string {
  const dir = path.join(repoRoot, 'node_modules', '.cache', 'tessera-tests', `${process.pid}-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export async function bundleEntry(entry: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3'],
    banner: { js: banner },
    logLevel: 'warning',
  });
  return outfile;
}

/** The metrics parse worker, bundled into `dir` under the name the sync looks for. */
export function bundleParseWorker(dir: string): Promise<string> {
  return bundleEntry(path.join(repoRoot, 'electron', 'core', 'sync', 'metrics-parse-worker.ts'), path.join(dir, 'metrics-parse-worker.mjs'));
}
