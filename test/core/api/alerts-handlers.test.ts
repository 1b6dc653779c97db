// Alerts and watches through the single API entry, over a cache synced from the injected-events lab:
// each person's watches and alerts are theirs (the person of the request's context, a team server's
// token, wins over the "Who am I" the window sends), watching needs a target that exists, writing needs a writable server, and the
// quiet period holds back a repeat of the same alert of a run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAlertsHandlers } from '../../../electron/core/api/alerts-handlers';
import { dispatchApiCall } from '../../../electron/core/api/dispatch-api-call';
import type { HandlerContext, Handlers } from '../../../electron/core/api/handlers';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import type { CoreDeps } from '../../../electron/core/api/core-deps';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import type { AlertList, AlertSettings } from '../../../shared/api/alerts-methods';
import { writeInjectedEventsLab } from '../../helpers/injected-events-lab';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-alerts-api-'));
let cache: CacheDatabase;
let handlers: Handlers;

beforeAll(async () => {
  writeInjectedEventsLab(path.join(dir, 'lab'));
  cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir: path.resolve(__dirname, '../../../migrations') });
  await syncFolder(cache, path.join(dir, 'lab'));
  handlers = createAlertsHandlers({ cache } as unknown as CoreDeps) as unknown as Handlers;
});
afterAll(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call<T>(method: string, input: unknown, ctx: Partial<HandlerContext> = {}): Promise<T> {
  const result = await dispatchApiCall(handlers, method, input, { transport: 'test', canWrite: true, ...ctx });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('alerts API', () => {
  it('gives each person the alerts of the runs they own and watch, the request’s person before the window’s', async () => {
    const ana = await call<AlertList>('listAlerts', { person: 'ana' });
    expect(ana.person).toBe('ana');
    expect(ana.alerts.length).toBeGreaterThan(0);
    expect(ana.alerts.every((a) => a.owner === 'ana')).toBe(true);
    // On a team server the token's person is the caller, whatever the window's "Who am I" says.
    const raj = await call<AlertList>('listAlerts', { person: 'ana' }, { person: 'raj' });
    expect(raj.person).toBe('raj');
    expect(raj.alerts.every((a) => a.owner === 'raj')).toBe(true);
    expect(raj.alerts.map((a) => a.id).filter((id) => ana.alerts.some((b) => b.id === id))).toEqual([]);
    const all = await call<AlertList>('listAlerts', { scope: 'all', limit: 5000 });
    expect(all.total).toBe(ana.total + raj.total);
  });

  it('keeps watches per person, and refuses to watch what the lab does not have', async () => {
    const watched = await call<AlertSettings>('watch', { kind: 'run', target: 'spike-storm' }, { person: 'kim' });
    expect(watched.watches.map((w) => `${w.kind}:${w.target}`)).toEqual(['run:spike-storm']);
    expect((await call<AlertSettings>('getAlertSettings', {}, { person: 'ana' })).watches).toEqual([]);
    const kim = await call<AlertList>('listAlerts', {}, { person: 'kim' });
    expect(new Set(kim.alerts.map((a) => a.runId))).toEqual(new Set(['spike-storm']));
    const byGroup = await call<AlertSettings>('watch', { kind: 'group', target: 'nan' }, { person: 'kim' });
    expect(byGroup.watches).toHaveLength(2);
    expect(new Set((await call<AlertList>('listAlerts', {}, { person: 'kim' })).alerts.map((a) => a.runId))).toEqual(new Set(['spike-storm', 'nan-at-step']));

    const missing = await dispatchApiCall(handlers, 'watch', { kind: 'ablation', target: 'abl-999' }, { transport: 'test', canWrite: true, person: 'kim' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'not-found', message: 'There is no ablation "abl-999" in this lab to watch.' } });
    const readOnly = await dispatchApiCall(handlers, 'watch', { kind: 'run', target: 'spike-storm' }, { transport: 'http', canWrite: false });
    expect(readOnly).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await call('unwatch', { kind: 'run', target: 'spike-storm' }, { person: 'kim' });
    expect((await call<AlertSettings>('getAlertSettings', {}, { person: 'kim' })).watches.map((w) => w.target)).toEqual(['nan']);
  });

  it('turns off the runs a person owns, and lets a window without "Who am I" watch by hand', async () => {
    await call('setAlertSettings', { ownRuns: false }, { person: 'raj' });
    expect((await call<AlertList>('listAlerts', {}, { person: 'raj' })).alerts).toEqual([]);
    const nobody = await call<AlertSettings>('watch', { kind: 'run', target: 'stalled-job' });
    expect(nobody.person).toBeNull();
    expect((await call<AlertList>('listAlerts', {})).alerts.map((a) => `${a.runId} ${a.rule}`)).toEqual(['stalled-job stalled']);
  });

  it('notifies a repeat of the same alert of a run only after the quiet period', async () => {
    // Two live spikes of one run, found ten minutes apart.
    const insert = cache.sqlite.prepare(
      "INSERT INTO alerts (run_id, metric, rule, step, value, fired_at, live) VALUES ('spike-storm', 'train/loss', 'spike', ?, 5, ?, 1)",
    );
    const first = Number(insert.run(9001, '2030-01-01T10:00:00.000Z').lastInsertRowid);
    const second = Number(insert.run(9002, '2030-01-01T10:10:00.000Z').lastInsertRowid);
    const notified = async (quietMinutes: number) => {
      await call('setAlertSettings', { quietMinutes }, { person: 'ana' });
      const list = await call<AlertList>('listAlerts', { ids: [first, second] }, { person: 'ana' });
      return Object.fromEntries(list.alerts.map((a) => [a.step, a.notify]));
    };
    expect(await notified(60)).toEqual({ 9001: true, 9002: false });
    expect(await notified(5)).toEqual({ 9001: true, 9002: true });
    // History met by the first sync is listed, never notified.
    const history = (await call<AlertList>('listAlerts', { runId: 'diverged-to-nan' }, { person: 'ana' })).alerts;
    expect(history.length).toBeGreaterThan(0);
    expect(history.every((a) => !a.live && !a.notify)).toBe(true);
  });
});
