// Bundles a TypeScript entry into a runnable .mjs with esbuild, for tests that need a real child
// process. The bundle sits under node_modules/.cache so that better-sqlite3 resolves from there.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './lab-store-fixture';

export async function bundleEntry(entry: string, name: string): Promise<string> {
  const outDir = path.join(repoRoot, 'node_modules', '.cache', 'tessera-tests');
  fs.mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `${name}-${process.pid}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['better-sqlite3'],
    banner: { js: "import { createRequire as __tesseraCreateRequire } from 'node:module'; const require = __tesseraCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return outfile;
}
