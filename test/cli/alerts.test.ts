// `tessera alerts` and `tessera sync --watch` as a user runs them: the built CLI over a lab with
// injected events; JSON on stdout only, one-line errors, alerts printed as they fire.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliEntry, runCli } from '../e2e/support/start-serve';
import { makeTempDir } from '../core/sync/support/lab-store-fixture';
import { writeInjectedEventsLab } from '../helpers/injected-events-lab';

let dir: string;
let store: string;
let db: string;

beforeAll(async () => {
  dir = makeTempDir('tessera-cli-alerts-');
  store = path.join(dir, 'lab');
  db = path.join(dir, 'cache.sqlite');
  writeInjectedEventsLab(store);
  expect((await runCli(['sync', '--store', store, '--db', db])).code).toBe(0);
});

describe('tessera alerts', () => {
  it('lists what fired with run, metric, step, rule and values, as JSON on stdout alone', async () => {
    const result = await runCli(['alerts', '--db', db, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const alerts = JSON.parse(result.stdout) as Array<{ runId: string; metric: string | null; step: number | null; rule: string; value: unknown; level: number | null; threshold: number | null; firedAt: string }>;
    const nan = alerts.find((a) => a.runId === 'nan-at-step' && a.metric === 'train/loss')!;
    expect(nan).toMatchObject({ rule: 'non-finite', step: 5230, value: 'NaN' });
    const spike = alerts.find((a) => a.runId === 'single-spike' && a.metric === 'train/loss')!;
    expect(spike.rule).toBe('spike');
    expect(spike.value as number).toBeGreaterThan(spike.threshold!);
    expect(spike.threshold!).toBeGreaterThan(spike.level!);
    expect(alerts.find((a) => a.runId === 'stalled-job')).toMatchObject({ rule: 'stalled', metric: null, step: 5990 });
    // Oldest first, as a log reads.
    const fired = alerts.map((a) => a.firedAt);
    expect([...fired].sort()).toEqual(fired);
  });

  it('filters by rule, run and time, and prints one line per alert for people', async () => {
    const storm = await runCli(['alerts', '--db', db, '--rule', 'spike-storm', '--run', 'spike-storm']);
    expect(storm.code).toBe(0);
    const lines = storm.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/spike-storm\s+train\/loss\s+7700\s+spike-storm\s+[\d.]+\s+spike-storm: spike storm in train\/loss: 3 spikes since step 6000/);
    expect(storm.stderr).toBe('1 alert.\n');
    const future = await runCli(['alerts', '--db', db, '--since', new Date(Date.now() + 3_600_000).toISOString(), '--json']);
    expect(JSON.parse(future.stdout)).toEqual([]);
    const recent = await runCli(['alerts', '--db', db, '--since', '10m', '--json']);
    expect((JSON.parse(recent.stdout) as unknown[]).length).toBeGreaterThan(5);
  });

  it('says what is wrong with a flag, in one line, exit 2', async () => {
    const since = await runCli(['alerts', '--db', db, '--since', 'yesterday']);
    expect(since.code).toBe(2);
    expect(since.stderr.trim()).toBe('tessera alerts: --since must be an ISO time (2026-11-20T08:00:00Z) or a span such as 30m, 12h, 7d; got "yesterday". (see "tessera alerts --help")');
    const rule = await runCli(['alerts', '--db', db, '--rule', 'nan']);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain('--rule: unknown rule nan; the rules are non-finite, spike, spike-storm, divergence, stalled, run-ended.');
    const missing = await runCli(['alerts', '--db', path.join(dir, 'nope.sqlite')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such cache file');
  });
});

describe('tessera sync --watch', () => {
  it('prints an alert as it fires: a NaN appended to a running run', async () => {
    const child = spawn(process.execPath, [cliEntry, 'sync', '--store', store, '--db', db, '--watch', '--interval', '1', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    try {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      const file = path.join(store, 'runs', 'healthy-running', 'metrics.jsonl');
      fs.appendFileSync(file, `{"step":9000,"time":${(Date.now() / 1000).toFixed(1)},"train/loss":"NaN"}\n`);
      await expect.poll(() => stdout.split('\n').filter((l) => l.startsWith('{"alert"')).length, { timeout: 20_000 }).toBe(1);
      const line = stdout.split('\n').find((l) => l.startsWith('{"alert"'))!;
      expect(JSON.parse(line)).toMatchObject({ alert: { runId: 'healthy-running', metric: 'train/loss', rule: 'non-finite', step: 9000, value: 'NaN', live: true } });
    } finally {
      child.kill('SIGINT');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});
