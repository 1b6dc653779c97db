// `tessera split` as a user runs it: the built CLI over a cache known by construction
// (test/core/queries/split-cache-fixture.ts), its JSON, its table, and one-line usage errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkSplit } from '../../shared/worksplit';
import { runCli } from '../e2e/support/start-serve';
import { TODAY, writeSplitCache } from '../core/queries/split-cache-fixture';

const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-split-cli-')), 'cache.sqlite');
writeSplitCache(db);

describe('tessera split --json', () => {
  it('prints the weekly split with hand-computed shares and nothing else on stdout', async () => {
    const result = await runCli(['split', '--db', db, '--by', 'week', '--today', TODAY, '--json']);
    expect(result.code).toBe(0);
    const split = JSON.parse(result.stdout) as WorkSplit;
    expect(split).toMatchObject({ by: 'week', measure: 'people', today: TODAY, from: '2026-09-14', to: '2026-10-25' });
    expect(split.buckets.map((b) => b.exploratoryShare)).toEqual([
      expect.closeTo(0.8 / 2.3, 9), expect.closeTo(7.6 / 18.1, 9), expect.closeTo(9.1 / 20.8, 9),
      expect.closeTo(5.9 / 18.5, 9), expect.closeTo(0.5 / 2.3, 9), expect.closeTo(0.5 / 2.3, 9),
    ]);
    expect(split.people.find((p) => p.person === 'ana')!.weeks.map((w) => w.flag)).toEqual(['over', 'over', 'over', null, null, null]);
  });

  it('measures chip-hours by area with --measure compute', async () => {
    const result = await runCli(['split', '--db', db, '--by', 'area', '--measure', 'compute', '--today', TODAY, '--json']);
    expect(result.code).toBe(0);
    const split = JSON.parse(result.stdout) as WorkSplit;
    expect(split.buckets.map((b) => [b.key, Math.round(b.criticalPath), Math.round(b.exploratory)])).toEqual([
      ['data', 300, 200], ['eval', 0, 0], ['infra', 700, 0], ['model', 0, 1400],
    ]);
    expect(split.unclassified).toEqual({ chipHours: 500, runs: ['r-5'] });
  });
});

describe('tessera split as a table', () => {
  it('prints one row per person with their weeks over 100 % and under 50 %, then the balance now', async () => {
    const result = await runCli(['split', '--db', db, '--by', 'person', '--today', TODAY]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines.find((l) => l.startsWith('Ana Ruiz'))!.split(/\s{2,}/)).toEqual(['Ana Ruiz', '2.71', '2.06', '4.77', '43 %', '3', '0']);
    expect(lines.find((l) => l.startsWith('Kim Park'))!.split(/\s{2,}/)).toEqual(['Kim Park', '0.00', '0.00', '0.00', '–', '0', '6']);
    expect(result.stdout).toContain('Balance now: Pre-launch de-risking: 32 % exploratory over the last 4 weeks (target 20 %), falling');
  });
});

describe('tessera split usage errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['a --by that is not a grouping', ['--db', db, '--by', 'month'], /--by must be one of week, area, person, got "month"/],
    ['a missing --by', ['--db', db], /--by is required/],
    ['an unknown flag', ['--db', db, '--by', 'week', '--bogus'], /Unknown option '--bogus'/],
    ['a date that is not a calendar day', ['--db', db, '--by', 'week', '--today', '2026-02-30'], /--today: expected a date YYYY-MM-DD, got "2026-02-30"/],
    ['a range that ends before it starts', ['--db', db, '--by', 'week', '--from', '2026-10-10', '--to', '2026-09-01'], /--to: 2026-09-01 is before --from 2026-10-10/],
    ['a cache file that does not exist', ['--db', `${db}.missing`, '--by', 'week'], /no such cache file/],
  ];
  it.each(cases)('exits 2 with one line for %s', async (_what, args, message) => {
    const result = await runCli(['split', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('leaves no cache behind when --db names a missing file', () => {
    expect(fs.existsSync(`${db}.missing`)).toBe(false);
  });
});
