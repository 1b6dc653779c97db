// The work split read from a real SQLite cache, checked against shares worked out by hand from
// the table in split-cache-fixture.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { readWorkSplitInput } from '../../../electron/core/queries/work-split-input';
import { balanceNow, computeWorkSplit, type SplitBucket, type WorkSplit } from '../../../shared/worksplit';
import { migrationsDir, TODAY, writeSplitCache, type SplitCacheExtras } from './split-cache-fixture';

const open: CacheDatabase[] = [];
afterEach(() => open.splice(0).forEach((cache) => cache.close()));

function cacheWith(extras: SplitCacheExtras = {}): CacheDatabase {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-split-')), 'cache.sqlite');
  writeSplitCache(file, extras);
  const cache = openCacheDatabase({ file, migrationsDir });
  open.push(cache);
  return cache;
}

function bucket(split: WorkSplit, key: string): SplitBucket {
  const found = split.buckets.find((b) => b.key === key);
  if (!found) throw new Error(`no bucket ${key} in ${split.buckets.map((b) => b.key).join(', ')}`);
  return found;
}

const shares = (split: WorkSplit) => split.buckets.map((b) => b.exploratoryShare);

describe('reading the split input from the cache', () => {
  it('ends a proposal at its latest adopt/drop/park decision, not at a park later continued', () => {
    const input = readWorkSplitInput(cacheWith().sqlite);
    const byId = Object.fromEntries(input.proposals.map((p) => [p.id, p]));
    expect(byId['p-b']!.endedAt).toBe('2026-10-08T15:00:00.000Z');
    expect(byId['p-c']!.endedAt).toBeUndefined();
    expect(byId['p-a']!.endedAt).toBeUndefined();
    expect(byId['p-b']!.people).toEqual([{ id: 'ana', share: 0.6 }, { id: 'raj', share: 0.2 }]);
  });

  it('reads a created time in another zone as its UTC day and a zoneless run time as UTC', () => {
    const input = readWorkSplitInput(cacheWith().sqlite);
    expect(input.proposals.find((p) => p.id === 'p-c')!.created).toBe('2026-09-24');
    expect(input.runs!.find((r) => r.id === 'r-3')!.createdAt).toBe('2026-10-06T12:00:00.000Z');
  });

  it('takes the end of finished, failed and killed runs, and the last update of running ones', () => {
    const runs = Object.fromEntries(readWorkSplitInput(cacheWith().sqlite).runs!.map((r) => [r.id, r]));
    expect(runs['r-2']).toMatchObject({ finishedAt: '2026-10-02T00:00:00.000Z' });
    expect(runs['r-2']!.updatedAt).toBeUndefined();
    expect(runs['r-4']).toMatchObject({ updatedAt: '2026-10-12T12:00:00.000Z' });
    expect(runs['r-4']!.finishedAt).toBeUndefined();
    expect(runs['r-6']!.chipHours).toBeUndefined();
  });

  it('keeps team.yaml order for people and phases', () => {
    const input = readWorkSplitInput(cacheWith().sqlite);
    expect(input.people!.map((p) => p.id)).toEqual(['ana', 'raj', 'lee', 'kim']);
    expect(input.phases!.map((p) => p.name)).toEqual(['Scale-up', 'Pre-launch de-risking']);
  });
});

describe('the split of a cache known by construction, in person-weeks', () => {
  it('gives each week its exploratory share with overlapping proposals summed', () => {
    const split = computeWorkSplit(readWorkSplitInput(cacheWith().sqlite), { by: 'week', measure: 'people', today: TODAY });
    expect(split.weeks.map((w) => w.week)).toEqual(['2026-W38', '2026-W39', '2026-W40', '2026-W41', '2026-W42', '2026-W43']);
    expect(shares(split)).toEqual([
      // W38: exploratory ana 0.6 + raj 0.2 = 0.8 of 0.8 + lee 1.0 + ana 0.5 = 2.3
      expect.closeTo(0.8 / 2.3, 9),
      // W39: p-c from Thursday, raj 0.5 × 4/7: exploratory 7.6/7 of 18.1/7
      expect.closeTo(7.6 / 18.1, 9),
      // W40: p-d from Thursday, raj 0.3 × 4/7 critical: exploratory 1.3 = 9.1/7 of 20.8/7
      expect.closeTo(9.1 / 20.8, 9),
      // W41: p-b dropped Thursday, 0.8 × 3/7: exploratory 5.9/7 of 18.5/7
      expect.closeTo(5.9 / 18.5, 9),
      // W42: exploratory p-c 0.5 of 2.3
      expect.closeTo(0.5 / 2.3, 9),
      // W43 so far, Monday to Wednesday: the same proportions × 3/7
      expect.closeTo(0.5 / 2.3, 9),
    ]);
    expect(bucket(split, '2026-W43').total).toBeCloseTo((2.3 * 3) / 7, 9);
  });

  it('stops the proposal dropped mid-phase at its decision day and pools each phase against its target', () => {
    const split = computeWorkSplit(readWorkSplitInput(cacheWith().sqlite), { by: 'week', measure: 'people', today: TODAY });
    const amountOf = (week: string, id: string) => bucket(split, week).proposals.find((c) => c.proposal === id)?.amount;
    expect(amountOf('2026-W41', 'p-b')).toBeCloseTo(2.4 / 7, 9);
    expect(amountOf('2026-W42', 'p-b')).toBeUndefined();
    const [scaleUp, preLaunch] = split.phases;
    // Scale-up, W38–W39: exploratory 13.2/7 of 34.2/7
    expect(scaleUp).toMatchObject({ name: 'Scale-up', target: 0.5, weeks: ['2026-W38', '2026-W39'] });
    expect(scaleUp!.exploratoryShare).toBeCloseTo(13.2 / 34.2, 9);
    // Pre-launch, W40–W43: exploratory (9.1 + 5.9 + 3.5 + 1.5)/7 = 20/7 of 62.3/7
    expect(preLaunch).toMatchObject({ name: 'Pre-launch de-risking', target: 0.2, weeks: ['2026-W40', '2026-W41', '2026-W42', '2026-W43'] });
    expect(preLaunch!.exploratoryShare).toBeCloseTo(20 / 62.3, 9);
    expect(preLaunch!.gap).toBeCloseTo(20 / 62.3 - 0.2, 9);
  });

  it('flags Ana over 100 % while she is on two proposals, and Raj under 50 % before p-c', () => {
    const split = computeWorkSplit(readWorkSplitInput(cacheWith().sqlite), { by: 'week', measure: 'people', today: TODAY });
    const row = (id: string) => split.people.find((p) => p.person === id)!;
    expect(split.people.map((p) => p.name)).toEqual(['Ana Ruiz', 'Raj Patel', 'Lee Chen', 'Kim Park']);
    expect(row('ana').weeks.map((w) => w.flag)).toEqual(['over', 'over', 'over', null, null, null]);
    expect(row('ana').weeks.map((w) => w.load)).toEqual([
      expect.closeTo(1.1, 9), expect.closeTo(1.1, 9), expect.closeTo(1.1, 9),
      expect.closeTo(0.5 + 1.8 / 7, 9), expect.closeTo(0.5, 9), expect.closeTo(0.5, 9),
    ]);
    // Raj: 0.2 in W38, 0.2 + 2/7 in W39, then 0.2 + 0.5 + 1.2/7 once p-c and p-d run.
    expect(row('raj').weeks.slice(0, 3).map((w) => [w.load, w.flag])).toEqual([
      [expect.closeTo(0.2, 9), 'under'], [expect.closeTo(3.4 / 7, 9), 'under'], [expect.closeTo(6.1 / 7, 9), null],
    ]);
    expect(row('lee').weeks.every((w) => w.flag === null && Math.abs(w.load - 1) < 1e-9)).toBe(true);
  });

  it('splits by area and by person over the whole range', () => {
    const input = readWorkSplitInput(cacheWith().sqlite);
    const byArea = computeWorkSplit(input, { by: 'area', measure: 'people', today: TODAY });
    expect(byArea.buckets.map((b) => b.key)).toEqual(['data', 'eval', 'infra', 'model']);
    // data: p-c 2/7 + 0.5 × 3 + 1.5/7 = 2.0 exploratory; p-d 1.2/7 + 0.3 × 2 + 0.9/7 = 0.9 critical
    expect(bucket(byArea, 'data')).toMatchObject({ exploratory: expect.closeTo(2, 9), criticalPath: expect.closeTo(0.9, 9) });
    expect(bucket(byArea, 'eval').exploratoryShare).toBeNull();
    const byPerson = computeWorkSplit(input, { by: 'person', measure: 'people', today: TODAY });
    // Ana: p-a 0.5 × (5 + 3/7) critical; p-b 0.6 × (3 + 3/7) exploratory
    expect(bucket(byPerson, 'ana')).toMatchObject({ criticalPath: expect.closeTo(0.5 * (38 / 7), 9), exploratory: expect.closeTo(0.6 * (24 / 7), 9) });
  });
});

describe('the split of a cache known by construction, in chip-hours', () => {
  it('spreads each run over the time it ran and keeps runs without a proposal apart', () => {
    const split = computeWorkSplit(readWorkSplitInput(cacheWith().sqlite), { by: 'week', measure: 'compute', today: TODAY });
    expect(split.buckets.map((b) => [b.key, b.criticalPath, b.exploratory])).toEqual([
      ['2026-W38', 700, 0],
      ['2026-W39', 0, expect.closeTo(600, 6)],
      ['2026-W40', 0, expect.closeTo(800, 6)],
      ['2026-W41', 300, expect.closeTo(100, 6)],
      ['2026-W42', 0, expect.closeTo(100, 6)],
      ['2026-W43', 0, 0],
    ]);
    expect(split.unclassified).toEqual({ chipHours: 500, runs: ['r-5'] });
    expect(bucket(split, '2026-W41').proposals.map((c) => [c.proposal, c.runs])).toEqual([['p-d', ['r-3']], ['p-c', ['r-4']]]);
  });

  it('gives chip-hours to the run owner, else the proposal owner', () => {
    const split = computeWorkSplit(readWorkSplitInput(cacheWith().sqlite), { by: 'person', measure: 'compute', today: TODAY });
    expect(bucket(split, 'ana').exploratory).toBeCloseTo(1400, 6);
    expect(bucket(split, 'raj')).toMatchObject({ criticalPath: 300, exploratory: expect.closeTo(200, 6) });
  });
});

describe('balance now from the cache', () => {
  it('says the current phase, its target, the last 4 weeks and the trend in one line', () => {
    const balance = balanceNow(readWorkSplitInput(cacheWith().sqlite), TODAY);
    expect(balance.phase).toMatchObject({ name: 'Pre-launch de-risking', target: 0.2 });
    expect(balance.window.weeks).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43']);
    expect(balance.actual).toBeCloseTo(20 / 62.3, 9);
    expect(balance.trend.label).toBe('falling');
    expect(balance.sentence).toBe('Pre-launch de-risking: 32 % exploratory over the last 4 weeks (target 20 %), falling');
  });

  it('has no phase and no share on a cache without phases or proposals', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-split-')), 'empty.sqlite');
    const cache = openCacheDatabase({ file, migrationsDir });
    open.push(cache);
    const input = readWorkSplitInput(cache.sqlite);
    expect(input).toEqual({ proposals: [], runs: [], people: [], phases: [] });
    const balance = balanceNow(input, TODAY);
    expect(balance.phase).toBeNull();
    expect(balance.actual).toBeNull();
    expect(balance.sentence).toBe('No phase set for today: no proposal work in the last 4 weeks');
  });
});

describe('bad rows in the cache', () => {
  it('names the proposal and field of a missing kind or share, and keeps every good number', () => {
    const cache = cacheWith({
      proposals: [
        { id: 'p-nokind', title: 'No kind', owner: null, area: 'model', kind: null, status: 'active', created: '2026-09-14', people: [{ id: 'ana', share: 0.5 }] },
        { id: 'p-noshare', title: 'No share', owner: null, area: 'eval', kind: 'exploratory', status: 'active', created: '2026-10-19', people: [{ id: 'kim' }] },
      ],
    });
    const split = computeWorkSplit(readWorkSplitInput(cache.sqlite), { by: 'week', measure: 'people', today: TODAY });
    expect(split.issues.map((i) => i.where)).toEqual(['proposals[4] (p-nokind).kind', 'proposals[5] (p-noshare).people[0].share']);
    expect(split.issues[1]!.message).toContain('between 0 and 1');
    expect(bucket(split, '2026-W38').exploratoryShare).toBeCloseTo(0.8 / 2.3, 9);
    expect(bucket(split, '2026-W43').exploratoryShare).toBeCloseTo(0.5 / 2.3, 9);
  });
});
