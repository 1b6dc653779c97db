// The sync benchmark's measurements, in a child process of their own so that its peak memory is
// the sync's. Prints one JSON line. Args: largeLab manyRunsStore workDir migrationsDir.
//
// Throughput is measured side by side with its limit: the large lab's runs are added to a store in
// four stages; each stage is synced (incrementally, into one cache), then the rows it produced are
// inserted with a plain prepared statement into a fresh points table in the same order and
// grouping (one transaction per run). Interleaving keeps other load on the machine from favouring
// either side.
import fs from 'node:fs';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../electron/core/db/open-cache-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';

const [largeLab, manyRuns, workDir, migrationsDir] = process.argv.slice(2) as [string, string, string, string];
const STAGES = 4;

function open(name: string): CacheDatabase {
  return openCacheDatabase({ file: path.join(workDir, name), migrationsDir });
}

/** Hard-links a file or a folder tree (files are never copied). */
function linkTree(from: string, to: string): void {
  if (!fs.statSync(from).isDirectory()) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.linkSync(from, to);
    return;
  }
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) linkTree(path.join(from, name), path.join(to, name));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timedNoop(db: CacheDatabase, store: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const summary = await syncFolder(db, store);
    times.push(performance.now() - started);
    if (summary.bytesRead !== 0) throw new Error(`a no-op re-sync read ${summary.bytesRead} bytes`);
  }
  return median(times);
}

const staged = path.join(workDir, 'staged-store');
for (const name of fs.readdirSync(largeLab)) if (name !== 'runs') linkTree(path.join(largeLab, name), path.join(staged, name));
const runIds = fs.readdirSync(path.join(largeLab, 'runs')).sort();
const synced = open('synced.db');
const limit = open('limit.db');
const insertLimit = limit.sqlite.prepare('INSERT INTO points (series_pk, step, tokens, time, value) VALUES (?, ?, ?, ?, ?)');
const rowsOfRun = synced.sqlite
  .prepare(
    `SELECT p.series_pk, p.step, p.tokens, p.time, p.value FROM points p JOIN series s ON s.pk = p.series_pk
     JOIN runs r ON r.pk = s.run_pk WHERE r.id = ? ORDER BY p.step, p.series_pk`,
  )
  .raw();

let syncMs = 0;
let syncPoints = 0;
let limitMs = 0;
let limitRows = 0;
let bytes = 0;
for (let stage = 0; stage < STAGES; stage++) {
  const ids = runIds.slice(Math.floor((stage * runIds.length) / STAGES), Math.floor(((stage + 1) * runIds.length) / STAGES));
  for (const id of ids) linkTree(path.join(largeLab, 'runs', id), path.join(staged, 'runs', id));
  const started = performance.now();
  const summary = await syncFolder(synced, staged);
  syncMs += performance.now() - started;
  syncPoints += summary.points;
  bytes += summary.bytesRead;
  for (const id of ids) {
    const rows = rowsOfRun.all(id) as Array<[number, number, number | null, number | null, number | null]>;
    const t = performance.now();
    limit.sqlite.transaction(() => {
      for (const row of rows) insertLimit.run(row[0], row[1], row[2], row[3], row[4]);
    })();
    limitMs += performance.now() - t;
    limitRows += rows.length;
  }
}

const noopLarge = await timedNoop(synced, staged);
const many = open('many.db');
const manyFirst = await syncFolder(many, manyRuns);
const noopMany = await timedNoop(many, manyRuns);

process.stdout.write(
  `${JSON.stringify({
    runs: runIds.length,
    syncMs,
    syncPoints,
    bytes,
    limitMs,
    limitRows,
    noopLarge,
    manyRuns: manyFirst.totals.runs,
    noopMany,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
synced.close();
limit.close();
many.close();
