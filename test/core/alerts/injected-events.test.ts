// The sync's detectors on a lab with known injected events: every event found at its step, nothing on
// a healthy run, the same alerts whether the store is read in one pass or line by line as it grows,
// and restarts and rewritten files superseding instead of duplicating.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { listAlerts } from '../../../electron/core/queries/alerts/list-alerts';
import { expectedAlerts, INJECTED_RUNS, writeInjectedEventsLab } from '../../helpers/injected-events-lab';

const made: string[] = [];
afterAll(() => made.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-alerts-'));
  made.push(dir);
  return dir;
}

function openCache(dir: string, name = 'cache.sqlite'): CacheDatabase {
  return openCacheDatabase({ file: path.join(dir, name), migrationsDir: path.resolve(__dirname, '../../../migrations') });
}

interface Row {
  pk: number;
  runId: string;
  metric: string;
  rule: string;
  step: number;
  live: number;
  superseded: number;
}

function alertRows(cache: CacheDatabase, superseded = 0): Row[] {
  return cache.sqlite
    .prepare('SELECT pk, run_id AS runId, metric, rule, step, live, superseded FROM alerts WHERE superseded = ? ORDER BY run_id, metric, rule, step')
    .all(superseded) as Row[];
}

const keyOf = (r: { runId: string; metric: string; rule: string; step: number }) => `${r.runId} ${r.metric} ${r.rule}@${r.step}`;
const trainOnly = (rows: Row[]) => rows.filter((r) => r.metric !== 'eval/c4/loss');

describe('alerts on a lab with injected events', () => {
  it('finds every event at its step and nothing on a healthy run', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'lab');
    writeInjectedEventsLab(store);
    const cache = openCache(dir);
    try {
      const summary = await syncFolder(cache, store);
      const rows = alertRows(cache);
      expect(summary.alerts.sort((a, b) => a - b)).toEqual(rows.map((r) => r.pk).sort((a, b) => a - b));
      const healthy = INJECTED_RUNS.filter((r) => r.expected.length === 0).map((r) => r.id);
      expect(rows.filter((r) => healthy.includes(r.runId)).map(keyOf)).toEqual([]);

      const expected = expectedAlerts();
      const exact = expected.filter((e) => e.step >= 0).map(keyOf).sort();
      const divergences = expected.filter((e) => e.step < 0);
      const found = trainOnly(rows);
      expect(found.filter((r) => r.rule !== 'divergence').map(keyOf).sort()).toEqual(exact);
      // A divergence is found on the climb, before the NaN it ends in: within 60 points of its start.
      for (const d of divergences) {
        const run = INJECTED_RUNS.find((r) => r.id === d.runId)!;
        const climb = run.curve.climb!;
        const hits = found.filter((r) => r.runId === d.runId && r.rule === 'divergence');
        expect(hits, d.runId).toHaveLength(1);
        expect(hits[0]!.step, d.runId).toBeGreaterThan(climb.fromStep);
        expect(hits[0]!.step, d.runId).toBeLessThan(Math.min(climb.fromStep + 60 * run.curve.every, run.curve.nanFrom ?? Infinity));
      }
      // The eval metric follows the train loss: alerts there only on runs with an event, never before it.
      for (const r of rows.filter((row) => row.metric === 'eval/c4/loss')) {
        const first = Math.min(...expected.filter((e) => e.runId === r.runId).map((e) => (e.step < 0 ? INJECTED_RUNS.find((x) => x.id === r.runId)!.curve.climb!.fromStep : e.step)));
        expect(r.step, keyOf(r)).toBeGreaterThanOrEqual(first);
      }
      // First sync: the lab's history is listed but not notified; the job stalled now is.
      expect(rows.filter((r) => r.live === 1).map(keyOf)).toEqual(['stalled-job  stalled@5990']);
    } finally {
      cache.close();
    }
  });

  it('finds the same alerts, each once, when the store grows line by line over many syncs', async () => {
    const dir = tempDir();
    const once = path.join(dir, 'once');
    const grown = path.join(dir, 'grown');
    const nowSec = Date.now() / 1000;
    writeInjectedEventsLab(once, nowSec);
    const lines = writeInjectedEventsLab(grown, nowSec, { metrics: false });
    const reference = openCache(dir, 'once.sqlite');
    const cache = openCache(dir, 'grown.sqlite');
    try {
      await syncFolder(reference, once);
      const pieces = 9;
      const announced: number[] = [];
      for (let piece = 1; piece <= pieces; piece++) {
        for (const [runId, runLines] of lines) {
          const from = Math.floor(((piece - 1) * runLines.length) / pieces);
          const to = Math.floor((piece * runLines.length) / pieces);
          fs.appendFileSync(path.join(grown, 'runs', runId, 'metrics.jsonl'), runLines.slice(from, to).join(''));
        }
        announced.push(...(await syncFolder(cache, grown)).alerts);
      }
      // Stalls are about the clock, and the lines' times were written for the whole history: every piece
      // but the last is a run silent for hours. Everything the points decide must come out the same.
      const strip = (rows: Row[]) => rows.filter((r) => r.rule !== 'stalled').map(keyOf);
      expect(strip(alertRows(cache))).toEqual(strip(alertRows(reference)));
      // Each alert was announced by exactly one pass; later passes found it again silently.
      expect([...announced].sort((a, b) => a - b)).toEqual(alertRows(cache).map((r) => r.pk).sort((a, b) => a - b));
      // Growing after the first sync, every alert was live: it would have been notified as it fired.
      expect(alertRows(cache).filter((r) => r.live === 0).map(keyOf)).toEqual([]);
    } finally {
      cache.close();
      reference.close();
    }
  });

  it('supersedes what a restart took away, and keeps (never re-announces) what the rewritten file still has', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'lab');
    writeInjectedEventsLab(store);
    const cache = openCache(dir);
    try {
      await syncFolder(cache, store);
      const before = alertRows(cache);
      const stormRows = before.filter((r) => r.runId === 'spike-storm' && r.metric === 'train/loss');
      // A restart from a checkpoint at step 8000: the spike at 8400 is gone, the rest of the history stays.
      const file = path.join(store, 'runs', 'spike-storm', 'metrics.jsonl');
      const healthyTail = fs
        .readFileSync(path.join(store, 'runs', 'healthy-smooth', 'metrics.jsonl'), 'utf8')
        .split('\n')
        .filter((l) => l.length > 0)
        .slice(800, 840)
        .map((l) => l.replace(/"step":(\d+)/, (_m, s: string) => `"step":${Number(s)}`));
      fs.appendFileSync(file, `${healthyTail.join('\n')}\n`);
      const summary = await syncFolder(cache, store);
      expect(summary.alerts).toEqual([]);
      const superseded = alertRows(cache, 1).filter((r) => r.runId === 'spike-storm');
      expect(superseded.map(keyOf)).toContain('spike-storm train/loss spike@8400');
      const kept = alertRows(cache).filter((r) => r.runId === 'spike-storm' && r.metric === 'train/loss');
      expect(kept.map(keyOf)).toEqual(stormRows.filter((r) => r.step < 8000).map(keyOf));

      // Rewritten from scratch with the same lines: the same alerts under the same ids, none announced again.
      const text = fs.readFileSync(path.join(store, 'runs', 'nan-at-step', 'metrics.jsonl'), 'utf8');
      fs.writeFileSync(path.join(store, 'runs', 'nan-at-step', 'metrics.jsonl'), `{"step":0,"train/loss":11.2}\n`);
      await syncFolder(cache, store);
      expect(alertRows(cache).filter((r) => r.runId === 'nan-at-step')).toEqual([]);
      fs.writeFileSync(path.join(store, 'runs', 'nan-at-step', 'metrics.jsonl'), text);
      const again = await syncFolder(cache, store);
      expect(again.alerts).toEqual([]);
      const nanRows = before.filter((r) => r.runId === 'nan-at-step');
      expect(alertRows(cache).filter((r) => r.runId === 'nan-at-step')).toEqual(nanRows);
    } finally {
      cache.close();
    }
  });

  it('tells a run that ends after the cache met it running, and whose watches get which alerts', async () => {
    const dir = tempDir();
    const store = path.join(dir, 'lab');
    writeInjectedEventsLab(store);
    const cache = openCache(dir);
    try {
      await syncFolder(cache, store);
      expect(alertRows(cache).filter((r) => r.rule === 'run-ended')).toEqual([]);
      fs.writeFileSync(path.join(store, 'runs', 'healthy-running', 'status.json'), JSON.stringify({ state: 'failed', updated_at: new Date().toISOString(), message: 'OOM on host 12' }));
      const summary = await syncFolder(cache, store);
      const ended = alertRows(cache).filter((r) => r.rule === 'run-ended');
      expect(ended.map(keyOf)).toEqual(['healthy-running  run-ended@8990']);
      expect(summary.alerts).toEqual([ended[0]!.pk]);

      // ana owns the even runs; raj watches the stalled job explicitly and turns his own runs off.
      const ana = listAlerts(cache.sqlite, { person: 'ana', scope: 'mine', includeSuperseded: false, limit: 1000 });
      const owners = new Map(INJECTED_RUNS.map((r, i) => [r.id, i % 2 ? 'raj' : 'ana']));
      expect(ana.alerts.length).toBeGreaterThan(0);
      expect(ana.alerts.every((a) => owners.get(a.runId) === 'ana')).toBe(true);
      cache.sqlite.prepare("INSERT INTO watches (person, kind, target) VALUES ('raj', 'run', 'stalled-job')").run();
      cache.sqlite.prepare("INSERT INTO alert_preferences (person, own_runs, quiet_minutes) VALUES ('raj', 0, 60)").run();
      const raj = listAlerts(cache.sqlite, { person: 'raj', scope: 'mine', includeSuperseded: false, limit: 1000 });
      expect(raj.alerts.map((a) => `${a.runId} ${a.rule}`)).toEqual(['stalled-job stalled']);
      expect(raj.alerts[0]!.notify).toBe(true);
      // The failed run's end is ana's (she owns it), live, and not quieted: she is notified.
      const end = ana.alerts.find((a) => a.rule === 'run-ended');
      expect(end && { run: end.runId, notify: end.notify, state: end.detail.state }).toEqual({ run: 'healthy-running', notify: true, state: 'failed' });
    } finally {
      cache.close();
    }
  });
});
