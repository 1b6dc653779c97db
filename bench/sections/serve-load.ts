// `serve` under load and the API's responsiveness while the large demo lab is synced for the first
// time (the heaviest sync there is): a getAppInfo round trip paced like a user, over HTTP and through
// the core worker client directly, beside the same call on an idle server; then 2,000 chart queries
// (getSeries) 16 at a time with requests lacking the token mixed in. Bounded: each phase stops at its
// count or its time, whichever comes first, on 127.0.0.1 only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo, SyncProgressInfo } from '../../shared/api/app-methods';
import type { MetricInfo, RunList } from '../../shared/domain/run-views';
import { createSeededRandom } from '../../shared/random/seeded-random';
import { startCoreWorker } from '../../electron/core/host/core-client';
import type { BenchRow } from '../bench-row';
import { percentile, pacedRoundTrips, type ServeClient } from './serve-load-client';
import { repoRoot, startBenchServe, waitForSync } from './serve-process';
import { largeDemoLab } from './sync-bench-stores';

const SECTION = 'serve-load';
const TOKEN = 'bench-token-7f3a9c';
const ROUND_TRIPS = { count: 500, intervalMs: 15, maxMs: 25_000 };
const CHART_REQUESTS = 2_000;
const UNAUTHORIZED_REQUESTS = 200;
const CONCURRENCY = 16;
const LOAD_MAX_MS = 60_000;
const P99_TARGET_MS = 50;

interface ChartLoad {
  latencies: number[];
  errors: string[];
  rejected: number;
  unauthorizedSent: number;
  seconds: number;
}

/** A random chart a user might open: 1–4 runs, 1–2 metrics, the whole run or a zoomed range. */
function chartInput(runIds: string[], metrics: string[], random: () => number) {
  const pick = <T>(items: T[], n: number) => Array.from({ length: n }, () => items[Math.floor(random() * items.length)]!);
  const input: Record<string, unknown> = {
    runIds: [...new Set(pick(runIds, 1 + Math.floor(random() * 4)))],
    metrics: [...new Set(pick(metrics, 1 + Math.floor(random() * 2)))],
    width: 800 + Math.floor(random() * 800),
    smoothing: random() < 0.3 ? 0.6 : 0,
  };
  if (random() < 0.5) {
    const from = Math.floor(random() * 50_000);
    Object.assign(input, { from, to: from + 1_000 + Math.floor(random() * 100_000) });
  }
  return input;
}

async function runChartLoad(client: ServeClient, runIds: string[], metrics: string[]): Promise<ChartLoad> {
  const random = createSeededRandom(20261129).next;
  // Which request slots go without the token (or with a wrong one), spread through the load.
  const total = CHART_REQUESTS + UNAUTHORIZED_REQUESTS;
  const unauthorizedAt = new Set<number>();
  while (unauthorizedAt.size < UNAUTHORIZED_REQUESTS) unauthorizedAt.add(Math.floor(random() * total));
  const load: ChartLoad = { latencies: [], errors: [], rejected: 0, unauthorizedSent: 0, seconds: 0 };
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < total && performance.now() - started < LOAD_MAX_MS) {
      const slot = next++;
      const input = chartInput(runIds, metrics, random);
      if (unauthorizedAt.has(slot)) {
        load.unauthorizedSent++;
        const { status, body } = await client.call('getSeries', input, slot % 2 === 0 ? 'none' : 'wrong');
        if (status === 401 && !(JSON.parse(body) as { ok: boolean }).ok) load.rejected++;
        continue;
      }
      try {
        const { status, ms, body } = await client.call('getSeries', input);
        const parsed = JSON.parse(body) as { ok: boolean; error?: { message: string } };
        if (status === 200 && parsed.ok) load.latencies.push(ms);
        else load.errors.push(`${status}: ${parsed.error?.message ?? body.slice(0, 120)}`);
      } catch (error) {
        load.errors.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  load.seconds = (performance.now() - started) / 1000;
  return load;
}

function share(p: SyncProgressInfo): string {
  return p.bytesTotal > 0 ? `${((100 * p.bytesDone) / p.bytesTotal).toFixed(0)} %` : `${p.filesDone}/${p.filesTotal} files`;
}

function controlNote(control: number[]): string {
  return `control (401 from the HTTP thread alone) p99 ${percentile(control, 99).toFixed(1)} ms`;
}

function latencyRows(name: string, times: number[], note: string): BenchRow[] {
  const p99 = percentile(times, 99);
  return [
    { section: SECTION, name: `${name}: p50`, value: percentile(times, 50), unit: 'ms', note },
    { section: SECTION, name: `${name}: p99`, value: p99, unit: 'ms', limit: `< ${P99_TARGET_MS}`, ok: p99 < P99_TARGET_MS, note: `${times.length} calls, max ${Math.max(...times).toFixed(0)} ms` },
  ];
}

/**
 * getAppInfo over HTTP, and beside it a control: a call without the token, which the HTTP thread
 * answers (401) without the core worker or SQLite. When the control is as slow as the call, the
 * time went to the machine (CPU taken by other processes), not to the core.
 */
async function httpRoundTrips(client: ServeClient, options: typeof ROUND_TRIPS) {
  return pacedRoundTrips(
    {
      getAppInfo: () => client.value<AppInfo>('getAppInfo', {}).then(() => undefined),
      control: async () => {
        const { status } = await client.call('getAppInfo', {}, 'none');
        if (status !== 401) throw new Error(`a call without the token got ${status}`);
      },
    },
    options,
  );
}

async function idleRoundTrips(work: string) {
  const store = path.join(work, 'empty-store');
  fs.mkdirSync(store, { recursive: true });
  fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Empty' }));
  const serve = await startBenchServe({ store, dbFile: path.join(work, 'idle.sqlite'), home: path.join(work, 'home-idle'), token: TOKEN });
  try {
    return await httpRoundTrips(serve.client, { ...ROUND_TRIPS, count: 300 });
  } finally {
    await serve.stop();
  }
}

/** The core worker as Electron's main process runs it: its sync worker syncs the large lab meanwhile. */
async function coreClientRoundTrips(lab: string, work: string): Promise<{ times: number[]; progress: string }> {
  const ctx = { transport: 'ipc' as const, canWrite: true };
  const workerDir = path.join(repoRoot, 'dist', 'core');
  const core = await startCoreWorker(
    path.join(workerDir, 'core-worker.mjs'),
    {
      dbFile: path.join(work, 'core-client.sqlite'),
      storeUrl: lab,
      isDemo: false,
      migrationsDir: path.join(repoRoot, 'migrations'),
      settingsFile: path.join(work, 'core-settings.json'),
      outboxDir: path.join(work, 'core-outbox'),
      watch: false,
      version: 'bench',
      workerDir,
    },
    () => {},
  );
  const progress = async () => {
    const result = await core.call('getSyncProgress', {}, ctx);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as SyncProgressInfo;
  };
  try {
    await waitForSync(progress, (p) => p.bytesDone > 0, 120_000);
    const { getAppInfo } = await pacedRoundTrips(
      {
        getAppInfo: async () => {
          const result = await core.call('getAppInfo', {}, ctx);
          if (!result.ok) throw new Error(result.error.message);
        },
      },
      ROUND_TRIPS,
    );
    const end = await progress();
    return { times: getAppInfo, progress: `sync ${end.running ? `still running at ${share(end)}` : 'had finished'} at the end` };
  } finally {
    await core.close();
  }
}

export async function runServeLoadBench(): Promise<BenchRow[]> {
  const lab = await largeDemoLab();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-serve-'));
  const rows: BenchRow[] = [];
  try {
    const idle = await idleRoundTrips(work);
    rows.push({
      section: SECTION,
      name: 'getAppInfo over HTTP, idle server: p99',
      value: percentile(idle.getAppInfo, 99),
      unit: 'ms',
      note: `p50 ${percentile(idle.getAppInfo, 50).toFixed(1)} ms, ${idle.getAppInfo.length} calls; ${controlNote(idle.control)}`,
    });

    const dbFile = path.join(work, 'served.sqlite');
    const serve = await startBenchServe({ store: lab, dbFile, home: path.join(work, 'home'), token: TOKEN });
    // The WAL's size through the sync: it stays small when no long transaction holds checkpoints back.
    let walPeak = 0;
    const walSampler = setInterval(() => {
      if (fs.existsSync(`${dbFile}-wal`)) walPeak = Math.max(walPeak, fs.statSync(`${dbFile}-wal`).size);
    }, 50);
    try {
      const progress = () => serve.client.value<SyncProgressInfo>('getSyncProgress', {});
      await waitForSync(progress, (p) => p.bytesDone > 0, 120_000);
      const http = await httpRoundTrips(serve.client, ROUND_TRIPS);
      const afterRoundTrips = await progress();
      const syncState = `sync ${afterRoundTrips.running ? `running, ${share(afterRoundTrips)} at the end` : 'had finished'}`;
      rows.push(...latencyRows('getAppInfo over HTTP during the first sync of the large lab', http.getAppInfo, `${syncState}; ${controlNote(http.control)}`));

      const runs = await serve.client.value<RunList>('listRuns', { limit: 200 });
      const runIds = runs.runs.map((run) => run.id);
      const { metrics } = await serve.client.value<{ metrics: MetricInfo[] }>('listMetrics', { runIds });
      const metricKeys = metrics.sort((a, b) => b.runCount - a.runCount).slice(0, 8).map((m) => m.key);
      const load = await runChartLoad(serve.client, runIds, metricKeys);
      const afterLoad = await progress();
      const syncNote = afterLoad.running ? `the sync was still running (${share(afterLoad)}) at the end` : 'the sync had FINISHED before the load ended';
      rows.push(
        {
          section: SECTION,
          name: `getSeries over HTTP during the sync, ${CONCURRENCY} at a time (${runIds.length} runs, ${metricKeys.length} metrics)`,
          value: load.latencies.length + load.errors.length,
          unit: 'requests',
          note: `${load.seconds.toFixed(1)} s, ${((load.latencies.length + load.errors.length) / load.seconds).toFixed(0)}/s; ${syncNote}`,
        },
        { section: SECTION, name: 'getSeries under load: errors', value: load.errors.length, unit: 'requests', limit: '0', ok: load.errors.length === 0, note: load.errors[0] },
        { section: SECTION, name: 'getSeries under load: p50', value: percentile(load.latencies, 50), unit: 'ms' },
        { section: SECTION, name: 'getSeries under load: p99', value: percentile(load.latencies, 99), unit: 'ms', note: `max ${Math.max(...load.latencies).toFixed(0)} ms` },
        {
          section: SECTION,
          name: 'requests without the token or with a wrong one, rejected with 401',
          value: load.rejected,
          unit: 'requests',
          limit: `all ${load.unauthorizedSent}`,
          ok: load.rejected === load.unauthorizedSent,
        },
        { section: SECTION, name: 'largest WAL file seen while the sync wrote and the API read', value: walPeak / 1e6, unit: 'MB', note: 'sampled every 50 ms' },
      );
    } finally {
      clearInterval(walSampler);
      await serve.stop();
    }

    const direct = await coreClientRoundTrips(lab, work);
    rows.push(...latencyRows('getAppInfo through the core worker client during the first sync', direct.times, direct.progress));
    return rows;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
