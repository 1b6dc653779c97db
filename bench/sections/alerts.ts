// Alerts benchmark. What the detectors cost the large demo lab's first sync: sync CPU time with the
// alert hooks and without them (twice each, alternating; the lower figure of each, as other load on
// the machine only ever adds; TESSERA_BENCH_ALERTS_REPEAT=1 for one each), total and in the sync thread,
// where the detectors run. And the delay
// from a NaN appended to a running run's metrics.jsonl to the alert in a client of `tessera serve`
// that holds the push channel (SSE) open: its "alerts-fired" event, then listAlerts for those ids.
// Bounded: a fixed number of appends on 127.0.0.1, each waited for at most 30 s.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AlertList } from '../../shared/api/alerts-methods';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { onRunStatusSet, onSeriesAppended, onSeriesRemoved } from '../../electron/core/sync/series-hooks';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { detectSeriesAlerts, supersedeSeriesAlerts } from '../../electron/core/alerts/detect-series-alerts';
import { detectRunEnded } from '../../electron/core/alerts/run-alerts';
import type { BenchRow } from '../bench-row';
import { percentile, sleep } from './serve-load-client';
import { repoRoot, startBenchServe } from './serve-process';
import { largeDemoLab } from './sync-bench-stores';

const SECTION = 'alerts';
const TOKEN = 'bench-alerts-token-51c2';
const APPENDS = 40;
const COST_TARGET_PERCENT = 5;
const POLL_INTERVAL_S = 10;

function mainThreadCpuMs(): number {
  const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The alert hooks in or out of the sync's hook lists. */
function setDetectors(on: boolean): void {
  const lists: Array<[unknown[], unknown]> = [
    [onSeriesAppended, detectSeriesAlerts],
    [onSeriesRemoved, supersedeSeriesAlerts],
    [onRunStatusSet, detectRunEnded],
  ];
  for (const [list, hook] of lists) {
    const at = list.indexOf(hook);
    if (on && at < 0) list.push(hook);
    if (!on && at >= 0) list.splice(at, 1);
  }
}

async function timedFirstSync(store: string, dbFile: string, detectors: boolean) {
  setDetectors(detectors);
  const cache = openCacheDatabase({ file: dbFile, migrationsDir: path.join(repoRoot, 'migrations') });
  try {
    const cpu0 = process.cpuUsage();
    const main0 = mainThreadCpuMs();
    const t0 = performance.now();
    const summary = await syncFolder(cache, store);
    const used = process.cpuUsage(cpu0);
    return { wall: performance.now() - t0, cpu: (used.user + used.system) / 1000, main: mainThreadCpuMs() - main0, summary };
  } finally {
    cache.close();
    setDetectors(true);
  }
}

/** Hard-links a store (files are never copied) so a benchmark can append to one file of it without touching the original. */
function linkTree(from: string, to: string): void {
  if (!fs.statSync(from).isDirectory()) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.linkSync(from, to);
    return;
  }
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) linkTree(path.join(from, name), path.join(to, name));
}

/** Opens the push channel and calls `onAlerts` with the ids of every "alerts-fired" event. */
function openPushChannel(url: string, onAlerts: (ids: number[]) => void): () => void {
  const request = http.get(new URL('api/events', url), { headers: { Authorization: `Bearer ${TOKEN}` } }, (response) => {
    let buffer = '';
    response.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = frame.split('\n').find((line) => line.startsWith('data: '));
        if (!data) continue;
        const event = JSON.parse(data.slice(6)) as { type: string; ids?: number[] };
        if (event.type === 'alerts-fired') onAlerts(event.ids!);
      }
    });
  });
  request.on('error', () => undefined);
  return () => request.destroy();
}

async function alertDelays(store: string, dbFile: string, workDir: string): Promise<{ delays: number[]; runId: string; timeouts: number }> {
  const home = path.join(workDir, 'home');
  fs.mkdirSync(home, { recursive: true });
  fs.writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ pollIntervalMs: POLL_INTERVAL_S * 1000 }));
  const serve = await startBenchServe({ store, dbFile, home, token: TOKEN, watch: true });
  let waiting: ((ids: number[]) => void) | null = null;
  const close = openPushChannel(serve.url, (ids) => waiting?.(ids));
  try {
    // The lab's clock is fixed, so by now its running runs show as stale: still running, still appended to.
    const running = await serve.client.value<{ runs: Array<{ id: string }> }>('listRuns', { status: ['running', 'stale'] });
    if (running.runs.length === 0) throw new Error('the large demo lab has no running run to append to');
    const runId = running.runs[0]!.id;
    // Appended to a copy, never to the benchmark's shared store.
    const file = path.join(store, 'runs', runId, 'metrics.jsonl');
    const text = fs.readFileSync(file, 'utf8');
    fs.rmSync(file);
    fs.writeFileSync(file, text);
    let step = (JSON.parse(text.trimEnd().split('\n').pop()!) as { step: number }).step;
    await sleep(2000);
    const delays: number[] = [];
    let timeouts = 0;
    for (let i = 0; i < APPENDS; i++) {
      // Finite lines first, so each NaN opens a new alert (the rule re-arms after 16 finite values).
      let lines = '';
      for (let k = 0; k < 20; k++) lines += `{"step":${(step += 10)},"time":${(Date.now() / 1000).toFixed(1)},"train/loss":${(2.5 + 0.01 * Math.sin(k)).toFixed(4)}}\n`;
      fs.appendFileSync(file, lines);
      // Read by the watcher's next pass; the NaN then comes alone.
      await sleep(1500);
      const nanStep = (step += 10);
      const arrived = new Promise<number>((resolve) => {
        const timer = setTimeout(() => resolve(NaN), 30_000);
        waiting = (ids) => {
          void serve.client.value<AlertList>('listAlerts', { ids, scope: 'all' }).then((list) => {
            if (list.alerts.some((a) => a.runId === runId && a.step === nanStep && a.rule === 'non-finite')) {
              clearTimeout(timer);
              resolve(performance.now());
            }
          });
        };
      });
      const t0 = performance.now();
      fs.appendFileSync(file, `{"step":${nanStep},"time":${(Date.now() / 1000).toFixed(1)},"train/loss":"NaN"}\n`);
      const at = await arrived;
      waiting = null;
      if (Number.isNaN(at)) timeouts++;
      else delays.push(at - t0);
    }
    return { delays, runId, timeouts };
  } finally {
    close();
    await serve.stop();
  }
}

export async function runAlertsBench(): Promise<BenchRow[]> {
  const lab = await largeDemoLab();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-alerts-'));
  try {
    const order = process.env.TESSERA_BENCH_ALERTS_REPEAT === '1' ? [true, false] : [true, false, true, false];
    const runs: Array<Awaited<ReturnType<typeof timedFirstSync>> & { detectors: boolean }> = [];
    runs.push({ ...(await timedFirstSync(lab, path.join(workDir, 'cost-0.sqlite'), true)), detectors: true });
    // The delay, on a linked copy of the lab served with the cache that first sync made.
    const store = path.join(workDir, 'store');
    linkTree(lab, store);
    const delay = await alertDelays(store, path.join(workDir, 'cost-0.sqlite'), workDir).catch((error: Error) => error);
    for (const [i, detectors] of order.slice(1).entries()) {
      runs.push({ ...(await timedFirstSync(lab, path.join(workDir, `cost-${i + 1}.sqlite`), detectors)), detectors });
    }
    const best = (detectors: boolean, key: 'cpu' | 'main' | 'wall') => Math.min(...runs.filter((r) => r.detectors === detectors).map((r) => r[key]));
    const costCpu = (best(true, 'cpu') / best(false, 'cpu') - 1) * 100;
    const costMain = (best(true, 'main') / best(false, 'main') - 1) * 100;
    const withRun = runs[0]!;
    const s = (ms: number) => (ms / 1000).toFixed(1);
    const rows: BenchRow[] = [
      {
        section: SECTION,
        name: `detectors' cost: sync CPU time added, large demo lab first sync (${withRun.summary.totals.runs.toLocaleString('en-US')} runs, ${withRun.summary.totals.points.toLocaleString('en-US')} points)`,
        value: costCpu,
        unit: '%',
        limit: `< ${COST_TARGET_PERCENT} %`,
        ok: costCpu < COST_TARGET_PERCENT,
        note: `all threads, lower of ${runs.length / 2} each: ${s(best(true, 'cpu'))} s with, ${s(best(false, 'cpu'))} s without; wall ${s(best(true, 'wall'))} s with, ${s(best(false, 'wall'))} s without`,
      },
      {
        section: SECTION,
        name: "detectors' cost: CPU time added to the sync thread (where they run)",
        value: costMain,
        unit: '%',
        note: `${s(best(true, 'main'))} s with, ${s(best(false, 'main'))} s without; ${withRun.summary.alerts.length} alerts found`,
      },
    ];
    const name = `delay from a NaN appended to a metrics file to the alert at an SSE client (p99 of ${APPENDS})`;
    if (delay instanceof Error) {
      rows.push({ section: SECTION, name, value: NaN, unit: 'ms', ok: false, note: `failed: ${delay.message}` });
      return rows;
    }
    const { delays, timeouts } = delay;
    const p99 = delays.length > 0 ? percentile(delays, 99) : NaN;
    const limitMs = POLL_INTERVAL_S * 1000 + 1000;
    rows.push({
      section: SECTION,
      name,
      value: p99,
      unit: 'ms',
      limit: `< ${limitMs} ms (one ${POLL_INTERVAL_S} s sync interval + 1 s)`,
      ok: timeouts === 0 && p99 < limitMs,
      note: `p50 ${percentile(delays, 50).toFixed(0)} ms, max ${Math.max(...delays).toFixed(0)} ms, ${timeouts} not arrived within 30 s; serve watching the large lab (file-system events, polling every ${POLL_INTERVAL_S} s)`,
    });
    return rows;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}
