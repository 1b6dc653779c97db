// A child process that opens a cache the way every Tessera process does (migrating it to the
// migrations it is given), for the migration crash test that kills it. Args: dbFile migrationsDir
// [walBytesOver]. It reports how long the open took and how large the WAL had grown before closing
// checkpoints it.
//
// With walBytesOver, a watchdog thread of the child polls the WAL's size without pause and SIGKILLs the
// process as soon as it passes that size: a migration that commits within a few milliseconds is still
// caught with its transaction's pages in the WAL, which a parent polling on a timer misses under load.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { openCacheDatabase } from '../../../../electron/core/db/open-cache-database';

const [dbFile, migrationsDir, walBytesOver] = process.argv.slice(2) as [string, string, string | undefined];

function startWatchdog(walFile: string, over: number): Promise<void> {
  const source = `
    const fs = require('node:fs');
    const { parentPort, workerData } = require('node:worker_threads');
    parentPort.postMessage('watching');
    for (;;) {
      let size = 0;
      try { size = fs.statSync(workerData.walFile).size; } catch {}
      if (size > workerData.over) process.kill(workerData.pid, 'SIGKILL');
    }`;
  const worker = new Worker(source, { eval: true, workerData: { walFile, over, pid: process.pid } });
  worker.unref();
  return new Promise((resolve) => worker.once('message', () => resolve()));
}

async function main(): Promise<void> {
  if (walBytesOver !== undefined) await startWatchdog(`${dbFile}-wal`, Number(walBytesOver));
  process.stdout.write('migrating\n');
  const started = performance.now();
  const cache = openCacheDatabase({ file: dbFile, migrationsDir });
  const migrateMs = performance.now() - started;
  const walBytes = fs.statSync(`${dbFile}-wal`).size;
  cache.close();
  process.stdout.write(`done ${JSON.stringify({ migrateMs, walBytes })}\n`);
  process.exit(0);
}

void main();
