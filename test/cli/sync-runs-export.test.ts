// `tessera sync`, `runs` and `export` as a user runs them: the built CLI over a store with every
// kind of bad input; JSON on stdout only, one-line errors.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../e2e/support/start-serve';
import { writeEveryCaseStore, type EveryCaseStore } from '../core/sync/support/every-case-store';
import { makeTempDir } from '../core/sync/support/lab-store-fixture';

let dir: string;
let root: string;
let db: string;
let store: EveryCaseStore;

beforeAll(() => {
  dir = makeTempDir('tessera-cli-sync-');
  root = path.join(dir, 'store');
  db = path.join(dir, 'cache.sqlite');
  store = writeEveryCaseStore(root, path.join(dir, 'outside'));
});

describe('tessera sync --json', () => {
  it('prints the counts and every issue with its file and line, nothing else on stdout', async () => {
    const result = await runCli(['sync', '--store', root, '--db', db, '--json']);
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { runs: number; points: number; proposals: number; ablations: number; events: number; issues: Array<{ path: string; line: number | null; code: string; message: string; expected: string | null }> };
    expect(out).toMatchObject({ runs: store.expectedRuns.length, points: 20, proposals: 1, ablations: 1, events: 1 });
    expect(out.issues.map(({ path: p, line, code }) => ({ path: p, line, code }))).toEqual(store.expectedIssues);
    expect(out.issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it('fails with one line when the folder is not a lab store, and on a missing flag', async () => {
    const notStore = await runCli(['sync', '--store', dir, '--db', path.join(dir, 'other.sqlite'), '--json']);
    expect(notStore.code).toBe(1);
    expect(notStore.stdout).toBe('');
    expect(notStore.stderr.trim().split('\n')).toEqual([expect.stringContaining('is not a Tessera lab store')]);
    const usage = await runCli(['sync', '--db', db]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--store is required');
  });
});

describe('tessera runs and export', () => {
  it('lists the runs with their metric names', async () => {
    await runCli(['sync', '--store', root, '--db', db, '--json']);
    const result = await runCli(['runs', '--db', db, '--json']);
    expect(result.code).toBe(0);
    const runs = JSON.parse(result.stdout) as Array<{ id: string; status: string | null; params: number | null; metrics: string[] }>;
    expect(runs.map((r) => r.id)).toEqual(store.expectedRuns);
    expect(runs.find((r) => r.id === 'r-good')).toMatchObject({ status: 'finished', params: 1e8, metrics: ['eval/c4/loss', 'train/loss'] });
  });

  it('exports exact histories, non-finite values as strings', async () => {
    await runCli(['sync', '--store', root, '--db', db, '--json']);
    for (const [runId, metrics] of Object.entries(store.expectedHistories)) {
      for (const [key, history] of Object.entries(metrics)) {
        const result = await runCli(['export', '--db', db, '--run', runId, '--metric', key, '--json']);
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual(history);
      }
    }
  });

  it('says which metrics a run has when asked for one it lacks', async () => {
    await runCli(['sync', '--store', root, '--db', db, '--json']);
    const result = await runCli(['export', '--db', db, '--run', 'r-good', '--metric', 'nope', '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('has no metric "nope". Its metrics: eval/c4/loss, train/loss.');
    const unknown = await runCli(['export', '--db', db, '--run', 'r-missing', '--metric', 'loss']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No run "r-missing"');
  });
});
