// The detectors' defaults on the real demo lab: every alert is justified by what the demo's plan put
// there (its NaN divergence, its injected loss spikes, its stale running run, a run that ended within
// the hour), every divergence and stale run is found, and a run with none of these has no alert.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { generateDemoLab, planDemoLab } from '../../../electron/core/demo';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-demo-alerts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface AlertRow {
  runId: string;
  metric: string;
  rule: string;
  step: number;
}

it('fires on the demo lab’s NaN divergence and stale run, and only where the demo put an event', async () => {
  const asOf = new Date();
  const plan = planDemoLab({ seed: 1, size: 'small', asOf });
  await generateDemoLab({ outDir: path.join(dir, 'lab'), seed: 1, size: 'small', asOf });
  const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir: path.resolve(__dirname, '../../../migrations') });
  try {
    await syncFolder(cache, path.join(dir, 'lab'));
    const alerts = cache.sqlite.prepare('SELECT run_id AS runId, metric, rule, step FROM alerts WHERE superseded = 0 ORDER BY run_id, step').all() as AlertRow[];
    const plans = new Map(plan.runs.map((run) => [run.id, run]));
    const why = (a: AlertRow): string | null => {
      const run = plans.get(a.runId)!;
      const near = (step: number) => a.step >= step && a.step <= step + Math.max(run.evalEvery, 3 * run.logEvery);
      switch (a.rule) {
        case 'non-finite':
          return run.divergence && near(run.divergence.nanFromStep) ? 'the demo’s NaN divergence' : null;
        case 'divergence':
          return run.divergence && a.step >= run.divergence.fromStep && a.step < run.divergence.nanFromStep ? 'the climb before the NaN' : null;
        case 'spike':
          return run.spikes.some((s) => near(s.step)) ? 'an injected loss spike' : null;
        case 'stalled':
          return run.stale ? 'the stale running run' : null;
        case 'run-ended':
          return run.state !== 'running' && asOf.getTime() - run.updatedAtMs < 3_600_000 ? 'a run that ended within the hour' : null;
        default:
          return null;
      }
    };
    expect(alerts.filter((a) => why(a) === null)).toEqual([]);
    const diverged = plan.runs.filter((r) => r.divergence);
    const stale = plan.runs.filter((r) => r.stale);
    expect(diverged.length).toBeGreaterThan(0);
    expect(stale.length).toBeGreaterThan(0);
    for (const run of diverged) {
      expect(alerts.filter((a) => a.runId === run.id && a.metric === 'train/loss' && a.rule === 'non-finite').map((a) => a.step)).toEqual([run.divergence!.nanFromStep]);
    }
    for (const run of stale) expect(alerts.some((a) => a.runId === run.id && a.rule === 'stalled'), run.id).toBe(true);
    const running = plan.runs.filter((r) => r.state === 'running' && !r.stale);
    expect(running.length).toBeGreaterThan(0);
    for (const run of running) expect(alerts.filter((a) => a.runId === run.id), run.id).toEqual([]);
    // Most runs had nothing happen to them, and have no alert.
    const quiet = plan.runs.filter((r) => !r.divergence && !r.stale && r.spikes.length === 0 && r.state === 'finished');
    expect(alerts.filter((a) => quiet.some((r) => r.id === a.runId))).toEqual([]);
    expect(quiet.length).toBeGreaterThan(plan.runs.length / 2);
  } finally {
    cache.close();
  }
});
