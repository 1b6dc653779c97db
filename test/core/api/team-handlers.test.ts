// getWorkSplit and getBalanceNow through the single API entry, over a real cache: defaults,
// validation of dates the schema cannot catch, and plain-JSON output.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../electron/core/api/dispatch-api-call';
import type { Handlers } from '../../../electron/core/api/handlers';
import { createTeamHandlers, utcToday } from '../../../electron/core/api/team-handlers';
import { openCacheDatabase } from '../../../electron/core/db/open-cache-database';
import type { CoreDeps } from '../../../electron/core/api/core-deps';
import type { BalanceNow, WorkSplit } from '../../../shared/worksplit';
import { migrationsDir, TODAY, writeSplitCache } from '../queries/split-cache-fixture';

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-api-')), 'cache.sqlite');
writeSplitCache(file);
const cache = openCacheDatabase({ file, migrationsDir });
afterAll(() => cache.close());
// The team handlers read only the cache; the rest of CoreDeps is never touched.
const handlers = createTeamHandlers({ cache } as CoreDeps) as unknown as Handlers;
const call = (method: string, input: unknown) => dispatchApiCall(handlers, method, input, { transport: 'test', canWrite: false });

describe('getWorkSplit', () => {
  it('measures people by default and returns the split as plain JSON', async () => {
    const result = await call('getWorkSplit', { by: 'week', today: TODAY });
    expect(result.ok).toBe(true);
    const split = (result as { value: WorkSplit }).value;
    expect(split.measure).toBe('people');
    expect(JSON.parse(JSON.stringify(split))).toEqual(split);
    expect(split.buckets[0]!.exploratoryShare).toBeCloseTo(0.8 / 2.3, 9);
  });

  it('limits the range to the weeks holding from and to', async () => {
    const result = await call('getWorkSplit', { by: 'week', measure: 'compute', today: TODAY, from: '2026-10-01', to: '2026-10-13' });
    const split = (result as { value: WorkSplit }).value;
    expect(split.buckets.map((b) => [b.key, b.total])).toEqual([['2026-W40', expect.closeTo(800, 6)], ['2026-W41', expect.closeTo(400, 6)], ['2026-W42', expect.closeTo(100, 6)]]);
  });

  it('defaults today to the current UTC date', async () => {
    const result = await call('getWorkSplit', { by: 'area' });
    expect((result as { value: WorkSplit }).value.today).toBe(utcToday());
  });

  it('refuses an impossible date or a range ending before it starts, naming the field', async () => {
    const impossible = await call('getWorkSplit', { by: 'week', today: '2026-02-30' });
    expect(impossible).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((impossible as { error: { message: string } }).error.message).toContain('today');
    const backwards = await call('getWorkSplit', { by: 'week', today: TODAY, from: '2026-10-10', to: '2026-09-01' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect((backwards as { error: { message: string } }).error.message).toMatch(/to.*before/);
    const badBy = await call('getWorkSplit', { by: 'month' });
    expect(badBy).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'by' }] } });
  });
});

describe('getBalanceNow', () => {
  it('reads the balance in chip-hours when asked', async () => {
    const result = await call('getBalanceNow', { measure: 'compute', today: TODAY });
    const balance = (result as { value: BalanceNow }).value;
    // W40–W43: exploratory 800 + 100 + 100 of 1300 chip-hours
    expect(balance.actual).toBeCloseTo(1000 / 1300, 9);
    expect(balance.sentence).toBe('Pre-launch de-risking: 77 % of chip-hours exploratory over the last 4 weeks (target 20 %), rising');
  });

  it('answers with no input at all, for today', async () => {
    const result = await call('getBalanceNow', {});
    expect(result.ok).toBe(true);
    expect((result as { value: BalanceNow }).value).toMatchObject({ today: utcToday(), measure: 'people' });
  });
});
