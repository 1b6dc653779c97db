// A sync killed with SIGKILL at random moments, then started again, ends with exactly the
// database one clean sync gives: every file's read position commits with the rows it produced.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { digestCache } from './support/cache-dump';
import { bundleEntry, bundleFolder, bundleParseWorker } from './support/bundle-entry';
import { writeEveryCaseStore } from './support/every-case-store';
import { writeGeneratedRuns } from './support/generated-store';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { makeTempDir, migrationsDir, openTestCache } from './support/lab-store-fixture';
import { countPoints } from '../../helpers/cache-points';

const CHUNK_BYTES = 64 * 1024;
const KILLS = 6;

let dir: string;
let root: string;
let childScript: string;
let bundleDir: string;

interface ChildRun {
  finished: boolean;
  durationMs?: number;
  parsedInWorker?: boolean;
}

/** Runs the sync child; kills it `killAfterMs` after it started syncing, unless it finished first. */
function runSyncChild(dbFile: string, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dbFile, root, migrationsDir, String(CHUNK_BYTES)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      if (killAfterMs !== undefined && timer === undefined && out.includes('started\n')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (data: Buffer) => {
      err += data.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const done = /done (\{.*\})/.exec(out);
      if (done) {
        const figures = JSON.parse(done[1]!) as { durationMs: number; parsedInWorker: boolean };
        resolve({ finished: true, durationMs: figures.durationMs, parsedInWorker: figures.parsedInWorker });
      } else if (signal === 'SIGKILL') resolve({ finished: false });
      else reject(new Error(`sync child exited with ${code}: ${err}`));
    });
  });
}

function pointCount(dbFile: string): number {
  const cache = openTestCache(dbFile);
  const n = countPoints(cache.sqlite);
  cache.close();
  return n;
}

beforeAll(async () => {
  dir = makeTempDir('tessera-crash-');
  root = path.join(dir, 'store');
  writeEveryCaseStore(root, path.join(dir, 'outside'));
  writeGeneratedRuns(root, { runs: 40, linesPerRun: 3000, metricsPerLine: 6, seed: 7 });
  // The child finds the parse worker beside it, as the app's bundles do.
  bundleDir = bundleFolder();
  await bundleParseWorker(bundleDir);
  childScript = await bundleEntry(path.join(__dirname, 'support', 'sync-child-entry.ts'), path.join(bundleDir, 'sync-child.mjs'));
});

afterAll(() => {
  fs.rmSync(bundleDir, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('crash safety', () => {
  it('ends with the clean database after SIGKILLs at random moments', async () => {
    const referenceFile = path.join(dir, 'reference.db');
    const reference = await runSyncChild(referenceFile);
    expect(reference).toMatchObject({ finished: true, parsedInWorker: true });
    const syncMs = Math.max(200, reference.durationMs!);

    const crashFile = path.join(dir, 'crashed.db');
    const seed = Date.now() % 100_000;
    const random = createSeededRandom(seed).next;
    const delays = [0, ...Array.from({ length: KILLS - 1 }, () => Math.round(syncMs * (0.02 + 0.18 * random())))];
    const interrupted: number[] = [];
    for (const delay of delays) {
      const run = await runSyncChild(crashFile, delay);
      if (!run.finished) interrupted.push(pointCount(crashFile));
    }
    // The kills landed mid-sync, and each restart went on from where the last one stopped.
    expect(interrupted.length, `kill delays ${delays.join(', ')} ms (seed ${seed})`).toBeGreaterThanOrEqual(3);
    expect(Math.min(...interrupted)).toBeLessThan(pointCount(referenceFile));

    const final = await runSyncChild(crashFile);
    expect(final.finished).toBe(true);
    const crashed = openTestCache(crashFile);
    const clean = openTestCache(referenceFile);
    expect(digestCache(crashed.sqlite), `kill delays ${delays.join(', ')} ms (seed ${seed})`).toEqual(digestCache(clean.sqlite));
    crashed.close();
    clean.close();
  });
});
