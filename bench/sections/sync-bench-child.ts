// The sync benchmark's measurements, in a child process of their own so that its peak memory is
// the sync's. Prints one JSON line. Args: largeLab manyRunsStore workDir migrationsDir.
//
// Throughput is measured side by side with its limit: the large lab's runs are added to a store in
// 16 stages; each stage is synced (incrementally, into one cache), then the same metrics files are read
// and every line JSON.parse'd, nothing else (the parse alone: what reading the files costs at the least).
// Interleaving keeps other load on the machine from favouring either side; CPU time (user + system) is
// recorded beside wall time, as it barely depends on that load.
import fs from 'node:fs';
import path from 'node:path';
import { openCacheDatabase, type CacheDatabase } from '../../electron/core/db/open-cache-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';

const [largeLab, manyRuns, workDir, migrationsDir] = process.argv.slice(2) as [string, string, string, string];
const STAGES = 16;

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

/** Reads a run's metrics.jsonl and parses every line; returns the metric values it holds. */
function parseRunMetrics(file: string): number {
  if (!fs.existsSync(file)) return 0;
  let values = 0;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (line.length === 0) continue;
    const row = JSON.parse(line) as Record<string, unknown>;
    for (const key in row) if (key !== 'step' && key !== 'tokens' && key !== 'time' && row[key] !== null) values++;
  }
  return values;
}

/** CPU time of this process in ms, all threads (the metrics parse worker included). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU time of the main thread alone (Linux /proc, 10 ms ticks): the sync's critical path. */
function mainThreadCpuMs(): number {
  const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

let syncMs = 0;
let syncCpuMs = 0;
let syncMainThreadCpuMs = 0;
let parsedInWorker = false;
let syncPoints = 0;
let limitMs = 0;
let limitCpuMs = 0;
let limitRows = 0;
let bytes = 0;
for (let stage = 0; stage < STAGES; stage++) {
  const ids = runIds.slice(Math.floor((stage * runIds.length) / STAGES), Math.floor(((stage + 1) * runIds.length) / STAGES));
  for (const id of ids) linkTree(path.join(largeLab, 'runs', id), path.join(staged, 'runs', id));
  const started = performance.now();
  const startedCpu = cpuMs();
  const startedMain = mainThreadCpuMs();
  const summary = await syncFolder(synced, staged);
  syncMs += performance.now() - started;
  syncCpuMs += cpuMs() - startedCpu;
  syncMainThreadCpuMs += mainThreadCpuMs() - startedMain;
  parsedInWorker ||= summary.parsedInWorker === true;
  syncPoints += summary.points;
  bytes += summary.bytesRead;
  const t = performance.now();
  const tCpu = cpuMs();
  for (const id of ids) limitRows += parseRunMetrics(path.join(staged, 'runs', id, 'metrics.jsonl'));
  limitMs += performance.now() - t;
  limitCpuMs += cpuMs() - tCpu;
}

const noopLarge = await timedNoop(synced, staged);
const many = open('many.db');
const manyFirst = await syncFolder(many, manyRuns);
const noopMany = await timedNoop(many, manyRuns);

process.stdout.write(
  `${JSON.stringify({
    runs: runIds.length,
    syncMs,
    syncCpuMs,
    syncMainThreadCpuMs,
    parsedInWorker,
    syncPoints,
    bytes,
    limitMs,
    limitCpuMs,
    limitRows,
    noopLarge,
    manyRuns: manyFirst.totals.runs,
    noopMany,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
synced.close();
many.close();
