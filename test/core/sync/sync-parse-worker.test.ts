// The metrics parse worker: a pass with much to read parses in a worker thread, reading a few
// files ahead, and ends with exactly the database a pass parsing in the sync thread gives.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { dumpCache } from './support/cache-dump';
import { bundleFolder, bundleParseWorker } from './support/bundle-entry';
import { writeEveryCaseStore } from './support/every-case-store';
import { writeGeneratedRuns } from './support/generated-store';
import { appendFile, makeTempDir, openTestCache } from './support/lab-store-fixture';

let dir: string;
let root: string;
let bundleDir: string;
let workerFile: string;

beforeAll(async () => {
  dir = makeTempDir('tessera-parse-worker-');
  root = path.join(dir, 'store');
  writeEveryCaseStore(root, path.join(dir, 'outside'));
  writeGeneratedRuns(root, { runs: 30, linesPerRun: 2500, metricsPerLine: 5, seed: 11 });
  bundleDir = bundleFolder();
  workerFile = await bundleParseWorker(bundleDir);
});

afterAll(() => {
  fs.rmSync(bundleDir, { recursive: true, force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

async function syncBoth(chunkBytes: number) {
  const inWorker = openTestCache(path.join(dir, `worker-${chunkBytes}.db`));
  const inThread = openTestCache(path.join(dir, `thread-${chunkBytes}.db`));
  const a = await syncFolder(inWorker, root, { parseWorkerFile: workerFile, chunkBytes });
  const b = await syncFolder(inThread, root, { parseWorkerFile: null, chunkBytes });
  return { inWorker, inThread, a, b };
}

describe('metrics parse worker', () => {
  it('gives the same database as parsing in the sync thread, whatever the chunk size', async () => {
    for (const chunkBytes of [16 * 1024, 1024 * 1024]) {
      const { inWorker, inThread, a, b } = await syncBoth(chunkBytes);
      expect(a.parsedInWorker).toBe(true);
      expect(b.parsedInWorker).toBe(false);
      expect(a.points).toBe(b.points);
      expect(dumpCache(inWorker.sqlite)).toEqual(dumpCache(inThread.sqlite));
      inWorker.close();
      inThread.close();
    }
  });

  it('parses a small pass in the sync thread: a worker is not worth starting for it', async () => {
    const cache = openTestCache(path.join(dir, 'small.db'));
    await syncFolder(cache, root, { parseWorkerFile: workerFile });
    appendFile(root, 'runs/gen-0000/metrics.jsonl', '{"step": 999999, "train/loss": 1}\n');
    const again = await syncFolder(cache, root, { parseWorkerFile: workerFile });
    expect(again).toMatchObject({ points: 1, parsedInWorker: false });
    cache.close();
  });
});
