// The team server under its team: 200 simulated people (real HTTPS clients on 127.0.0.1, each with
// its own token and push channel) browse pages and charts at a human pace against `serve --users`
// while it syncs the large demo lab from an empty cache, and after. Then new points are appended to
// a running run's metrics.jsonl and the delay to the "data changed" push at every client is timed.
// Server RSS and open descriptors are sampled throughout. Bounded in clients, appends and time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { SyncProgressInfo } from '../../shared/api/app-methods';
import { issuePersonToken } from '../../electron/server/access/person-tokens';
import { writeUsersFile, type TokenEntry } from '../../electron/server/access/users-file';
import type { BenchRow } from '../bench-row';
import { createSeededRandom } from '../../shared/random/seeded-random';
import { percentile, sleep, type ServeClient } from './serve-load-client';
import { startBenchServe, waitForSync } from './serve-process';
import { largeDemoLab } from './sync-bench-stores';
import { sampleProcessUsage } from './process-usage';
import { SimulatedPerson, type LabFacts, type TimedRequest } from './team-clients';

const SECTION = 'team-server';
const CLIENTS = 200;
/** A person's pause between pages: reading a chart or a proposal takes a while. */
const THINK_MS: [number, number] = [5_000, 25_000];
const DURING_SYNC_MAX_MS = 120_000;
const SYNC_MAX_MS = 15 * 60_000;
const AFTER_SYNC_MS = 30_000;
const APPENDS = 8;
const APPEND_EVERY_MS = 4_000;
const REQUEST_P99_TARGET_MS = 100;
const PUSH_P99_TARGET_MS = 2_000;

/** The large lab as a store of its own: hard links (no copy of 870 MB), except the run this bench appends to. */
function labForAppends(lab: string, work: string): { store: string; runDir: string } {
  const store = path.join(work, 'store');
  execFileSync('cp', ['-al', lab, store]);
  const runs = fs.readdirSync(path.join(store, 'runs')).sort();
  const runId = runs.findLast((id) => fs.readFileSync(path.join(store, 'runs', id, 'status.json'), 'utf8').includes('running')) ?? runs.at(-1)!;
  const runDir = path.join(store, 'runs', runId);
  for (const file of ['metrics.jsonl', 'status.json']) {
    const target = path.join(runDir, file);
    const bytes = fs.readFileSync(target);
    fs.unlinkSync(target);
    fs.writeFileSync(target, bytes);
  }
  return { store, runDir };
}

/** Refreshes what the pages can show from the server's own lists (not timed: the people's calls are). */
async function refreshFacts(client: ServeClient, facts: LabFacts): Promise<void> {
  const [runs, proposals, ablations] = await Promise.all([
    client.value<{ runs: { id: string; metrics?: string[] }[] }>('listRuns', { limit: 3000 }),
    client.value<{ proposals: { id: string }[] }>('listProposals', {}),
    client.value<{ ablations: { id: string }[] }>('listAblations', {}),
  ]);
  facts.runIds = runs.runs.map((run) => run.id);
  facts.proposalIds = proposals.proposals.map((p) => p.id);
  facts.ablationIds = ablations.ablations.map((a) => a.id);
  if (facts.metricKeys.length === 0 && facts.runIds.length > 0) {
    const { metrics } = await client.value<{ metrics: { key: string; runCount: number }[] }>('listMetrics', {});
    facts.metricKeys = metrics.sort((a, b) => b.runCount - a.runCount).slice(0, 6).map((m) => m.key);
  }
}

function tokensFor(store: string, usersFile: string, count: number): string[] {
  const team = fs.readFileSync(path.join(store, 'team.yaml'), 'utf8');
  const people = [...team.matchAll(/\{id: ([A-Za-z0-9._-]+),/g)].map((m) => m[1]!);
  const issued = Array.from({ length: count }, (_, i) => issuePersonToken(people[i % people.length]!, 'viewer'));
  writeUsersFile(usersFile, { format: 'tessera-users', version: 1, tokens: issued.map((t) => t.entry as TokenEntry) });
  return issued.map((t) => t.token);
}

/** Appends one line past the run's last step; resolves with the time it was written. */
function appendPoint(runDir: string, n: number): number {
  const file = path.join(runDir, 'metrics.jsonl');
  const text = fs.readFileSync(file, 'utf8');
  const last = JSON.parse(text.trimEnd().split('\n').at(-1)!) as { step: number; tokens?: number };
  const line = JSON.stringify({ step: last.step + 10, tokens: (last.tokens ?? 0) + 10 * 2_097_152, 'train/loss': 2.5 - n * 0.001 });
  const written = performance.now();
  fs.appendFileSync(file, `${line}\n`);
  return written;
}

/** The kinds of error seen, most frequent first, with counts. */
function errorKinds(errors: string[]): string | undefined {
  if (errors.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const error of errors) counts.set(error.slice(0, 60), (counts.get(error.slice(0, 60)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([kind, n]) => `${n}× ${kind}`).join('; ');
}

/**
 * A control beside the people's calls: a request without a token, which the server's HTTP thread
 * answers (401) without the core. When it is as slow as they are, the time went to the machine.
 */
function startControl(client: ServeClient): { samples: { at: number; ms: number }[]; stop(): void } {
  const samples: { at: number; ms: number }[] = [];
  let running = true;
  void (async () => {
    while (running) {
      const at = performance.now();
      const { status } = await client.call('getAppInfo', {}, 'none').catch(() => ({ status: 0 }));
      if (status === 401) samples.push({ at, ms: performance.now() - at });
      await sleep(500);
    }
  })();
  return { samples, stop: () => (running = false) };
}

function controlNote(samples: { at: number; ms: number }[], from: number, to: number): string {
  const times = samples.filter((s) => s.at >= from && s.at < to).map((s) => s.ms);
  return `control (401 from the HTTP thread alone) p50 ${percentile(times, 50).toFixed(0)} ms, p99 ${percentile(times, 99).toFixed(0)} ms`;
}

function latencyRows(label: string, requests: TimedRequest[], control: string): BenchRow[] {
  const times = requests.map((r) => r.ms);
  const p99 = percentile(times, 99);
  const refetches = requests.filter((r) => r.refetch).length;
  const charts = requests.filter((r) => r.method === 'getSeries').map((r) => r.ms);
  return [
    { section: SECTION, name: `${label}: requests`, value: times.length, unit: 'requests', note: `${refetches} of them refetches after a push; ${charts.length} chart queries` },
    { section: SECTION, name: `${label}: p50`, value: percentile(times, 50), unit: 'ms' },
    {
      section: SECTION,
      name: `${label}: p99`,
      value: p99,
      unit: 'ms',
      limit: `< ${REQUEST_P99_TARGET_MS}`,
      ok: p99 < REQUEST_P99_TARGET_MS,
      note: `max ${Math.max(...times).toFixed(0)} ms; charts p99 ${percentile(charts, 99).toFixed(0)} ms; ${control}`,
    },
  ];
}

export async function runTeamServerBench(): Promise<BenchRow[]> {
  const lab = await largeDemoLab();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-bench-team-'));
  const rows: BenchRow[] = [];
  try {
    const { store, runDir } = labForAppends(lab, work);
    const facts: LabFacts = { runIds: [], metricKeys: [], proposalIds: [], ablationIds: [] };
    const usersFile = path.join(work, 'users.json');
    const tokens = tokensFor(store, usersFile, CLIENTS);
    const certFile = path.join(work, 'cert.pem');
    const keyFile = path.join(work, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const ca = fs.readFileSync(certFile);

    const serve = await startBenchServe({
      store,
      dbFile: path.join(work, 'team.sqlite'),
      home: path.join(work, 'home'),
      token: tokens[0]!,
      access: ['--users', usersFile, '--tls-cert', certFile, '--tls-key', keyFile, '--audit-log', path.join(work, 'audit.log')],
      watch: true,
      ca,
    });
    const usage = sampleProcessUsage(serve.child.pid!, 250);
    const refresher = setInterval(() => void refreshFacts(serve.client, facts).catch(() => undefined), 15_000);
    const random = createSeededRandom(20261207).next;
    const people = tokens.map((token) => new SimulatedPerson(serve.url, token, ca, facts, random, THINK_MS));
    try {
      const progress = () => serve.client.value<SyncProgressInfo>('getSyncProgress', {});
      for (const person of people) await person.openPushChannel();
      const channelsOpen = people.filter((p) => p.streamOpen).length;
      for (const person of people) person.start();
      const control = startControl(serve.client);

      // While the large lab syncs from an empty cache.
      const syncStarted = performance.now();
      const duringUntil = syncStarted + DURING_SYNC_MAX_MS;
      let synced = false;
      while (performance.now() < duringUntil) {
        const p = await progress();
        if (!p.running && p.finishedAt !== null) {
          synced = true;
          break;
        }
        await sleep(500);
      }
      const duringEnd = performance.now();
      const stateAtEnd = await progress();
      const syncNote = synced
        ? `the first sync finished after ${((duringEnd - syncStarted) / 1000).toFixed(0)} s`
        : `the first sync was at ${stateAtEnd.bytesTotal > 0 ? ((100 * stateAtEnd.bytesDone) / stateAtEnd.bytesTotal).toFixed(0) : '?'} % after ${DURING_SYNC_MAX_MS / 1000} s`;
      await waitForSync(progress, (p) => !p.running && p.finishedAt !== null, SYNC_MAX_MS);
      const syncSeconds = (performance.now() - syncStarted) / 1000;

      // After it: the watch keeps the cache current; appends are pushed to every page.
      await sleep(3_000);
      const afterStart = performance.now();
      const pushDelays: number[] = [];
      let missing = 0;
      for (let n = 0; n < APPENDS; n++) {
        const counts = people.map((p) => p.pushesAt.length);
        const writtenAt = appendPoint(runDir, n);
        await sleep(APPEND_EVERY_MS);
        people.forEach((person, i) => {
          const arrived = person.pushesAt.slice(counts[i]).find((t) => t >= writtenAt);
          if (arrived === undefined) missing++;
          else pushDelays.push(arrived - writtenAt);
        });
      }
      await sleep(Math.max(0, AFTER_SYNC_MS - (performance.now() - afterStart)));
      const afterEnd = performance.now();
      await Promise.all(people.map((p) => p.stop()));
      control.stop();
      const peak = usage.stop();

      const all = people.flatMap((p) => p.requests);
      const errors = people.flatMap((p) => p.errors);
      const pushP99 = percentile(pushDelays, 99);
      rows.push(
        { section: SECTION, name: `clients with their push channel open (each its own token)`, value: channelsOpen, unit: 'clients', limit: `${CLIENTS}`, ok: channelsOpen === CLIENTS },
        ...latencyRows('pages and charts during the first sync of the large lab', all.filter((r) => r.at >= syncStarted && r.at < duringEnd), controlNote(control.samples, syncStarted, duringEnd)).map((row, i) =>
          i === 0 ? { ...row, note: `${row.note}; ${syncNote}` } : row,
        ),
        ...latencyRows('pages and charts after it, with pushes', all.filter((r) => r.at >= afterStart && r.at < afterEnd), controlNote(control.samples, afterStart, afterEnd)),
        { section: SECTION, name: 'first sync of the large lab under this load', value: syncSeconds, unit: 's' },
        {
          section: SECTION,
          name: 'push delay, new point in the store → "data changed" at each client: p50',
          value: percentile(pushDelays, 50),
          unit: 'ms',
          note: `${APPENDS} appends × ${CLIENTS} clients; ${missing} not received within ${APPEND_EVERY_MS / 1000} s`,
        },
        { section: SECTION, name: 'push delay: p99', value: pushP99, unit: 'ms', limit: `< ${PUSH_P99_TARGET_MS}`, ok: pushP99 < PUSH_P99_TARGET_MS && missing === 0, note: `max ${Math.max(...pushDelays).toFixed(0)} ms` },
        { section: SECTION, name: 'errors (non-200 answers, failed or dropped connections)', value: errors.length, unit: 'errors', limit: '0', ok: errors.length === 0, note: errorKinds(errors) },
        { section: SECTION, name: 'server RSS, peak', value: peak.rssBytes / 1e6, unit: 'MB', note: `sampled every 250 ms over ${((afterEnd - syncStarted) / 1000).toFixed(0)} s` },
        { section: SECTION, name: 'server open file descriptors, peak', value: peak.fds, unit: 'fds', note: `${CLIENTS} push channels + keep-alive call connections + cache, store and workers` },
      );
    } finally {
      clearInterval(refresher);
      usage.stop();
      await Promise.all(people.map((p) => p.stop()));
      await serve.stop();
    }
    return rows;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
