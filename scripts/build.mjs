// Builds everything `npm start`, `tessera` and the tests run: the Node/Electron bundles with
// esbuild, the renderer with Vite. Fast enough to run before every start and test run.
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);

// Native and Electron modules stay outside the bundles; each runtime loads its own build.
const external = ['electron', 'better-sqlite3', 'ssh2', 'cpu-features', 'playwright-core', 'chromium-bidi', 'vite', 'esbuild', 'fsevents'];
const esmBanner = "import { createRequire as __tesseraCreateRequire } from 'node:module'; const require = __tesseraCreateRequire(import.meta.url);";

const nodeEntries = [
  { entry: 'electron/cli/tessera.ts', out: 'dist/cli/tessera.mjs' },
  { entry: 'electron/core/host/core-worker.ts', out: 'dist/core/core-worker.mjs' },
  { entry: 'electron/core/host/sync-worker.ts', out: 'dist/core/sync-worker.mjs' },
  { entry: 'electron/core/host/compute-worker.ts', out: 'dist/core/compute-worker.mjs' },
  { entry: 'electron/core/host/search-worker.ts', out: 'dist/core/search-worker.mjs' },
  { entry: 'bench/bench.ts', out: 'dist/bench/bench.mjs' },
  { entry: 'test/e2e/support/sync-child.ts', out: 'dist/test/sync-child.mjs' },
  // The sync looks for its metrics parse worker beside the bundle running it.
  ...['core', 'cli', 'test'].map((dir) => ({ entry: 'electron/core/sync/metrics-parse-worker.ts', out: `dist/${dir}/metrics-parse-worker.mjs` })),
];
const electronEntries = [
  { entry: 'electron/main/main.ts', out: 'dist/electron/main.cjs' },
  { entry: 'electron/preload/preload.ts', out: 'dist/electron/preload.cjs' },
];

async function buildNode() {
  await Promise.all(
    nodeEntries
      .filter(({ entry }) => fs.existsSync(path.join(root, entry)))
      .map(({ entry, out }) =>
        esbuild({
          entryPoints: [path.join(root, entry)],
          outfile: path.join(root, out),
          bundle: true,
          platform: 'node',
          target: 'node20',
          format: 'esm',
          sourcemap: 'linked',
          external,
          banner: { js: esmBanner },
          logLevel: 'warning',
        }),
      ),
  );
  await Promise.all(
    electronEntries
      .filter(({ entry }) => fs.existsSync(path.join(root, entry)))
      .map(({ entry, out }) =>
        esbuild({
          entryPoints: [path.join(root, entry)],
          outfile: path.join(root, out),
          bundle: true,
          platform: 'node',
          target: 'node22',
          format: 'cjs',
          sourcemap: 'linked',
          external,
          logLevel: 'warning',
        }),
      ),
  );
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
}

const started = Date.now();
if (!only || only === 'node') await buildNode();
if (!only || only === 'renderer') await buildRenderer();
if (!quiet) process.stderr.write(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
