// Work a client abandons stops: `serve` (its HTTP server and core worker, over the demo lab) cancels a bootstrap when the
// HTTP request that asked for it closes, caps the resamples one call may ask for, and runs only a few
// heavy calls of one client at a time, the rest waiting in line (dropped, never run, when the client
// leaves) and, past the line, refused with 429.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCoreWorker, type CoreClient } from '../../electron/core/host/core-client';
import { HEAVY_CALLS_PER_CLIENT, HEAVY_CALLS_WAITING_PER_CLIENT } from '../../electron/server/heavy-call-gate';
import { startHttpServer, type RunningHttpServer } from '../../electron/server/http-server';
import type { PushEvent } from '../../shared/api/push-events';
import { MAX_API_BOOTSTRAP, scalingTaskId } from '../../shared/api/scaling-methods';
import { syncedDemoLab } from '../e2e/support/demo-lab';
import { repoRoot } from '../e2e/support/start-serve';

type Progress = Extract<PushEvent, { type: 'task-progress' }>;

let dir: string;
let core: CoreClient;
let server: RunningHttpServer;
const progress: Progress[] = [];

beforeAll(async () => {
  const lab = await syncedDemoLab('abandoned');
  dir = path.dirname(lab.db);
  // The core in its worker thread, as serve runs it: a call's cancellation crosses as a message.
  core = await startCoreWorker(path.join(repoRoot, 'dist', 'core', 'core-worker.mjs'), {
    dbFile: lab.db,
    storeUrl: lab.store,
    isDemo: false,
    migrationsDir: path.join(repoRoot, 'migrations'),
    settingsFile: path.join(dir, 'settings.json'),
    outboxDir: path.join(dir, 'outbox'),
    watch: false,
    version: '0.0.0-test',
    workerDir: path.join(repoRoot, 'dist', 'core'),
  }, () => {});
  core.onEvent((event) => {
    if (event.type === 'task-progress') progress.push(event);
  });
  const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-abandoned-renderer-'));
  server = await startHttpServer({ core, rendererDir, host: '127.0.0.1', port: 0, token: null, allowWrite: false, log: () => {} });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await core?.close();
});

function post(method: string, input: unknown, signal?: AbortSignal) {
  return fetch(new URL(`api/${method}`, server.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(input), signal });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const eventsOf = (task: string) => progress.filter((p) => p.task === task);

/** Waits until `task` has reported progress (its bootstrap is running). */
async function started(task: string): Promise<void> {
  await expect.poll(() => eventsOf(task).length, { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
}

/**
 * Once what was on its way has arrived (progress is posted at most every 100 ms, and a busy thread
 * delivers it late), `tasks` report nothing more: their bootstraps stopped. Uncancelled, a 2,000-resample
 * bootstrap of the demo lab reports for tens of seconds more.
 */
async function expectNoMoreProgress(tasks: string[]): Promise<void> {
  await sleep(2000);
  const count = () => progress.filter((p) => tasks.includes(p.task)).length;
  const before = count();
  await sleep(2000);
  expect(count()).toBe(before);
}

describe('a heavy call whose client leaves', () => {
  it('stops its bootstrap: no progress after the request closed, short of the resamples asked for', async () => {
    const input = { bootstrap: MAX_API_BOOTSTRAP, lastPercent: 10 };
    const task = scalingTaskId('fit', input);
    const client = new AbortController();
    const answer = post('getScalingFit', input, client.signal).catch((error: unknown) => error);
    await started(task);
    client.abort();
    expect(await answer).toBeInstanceOf(Error);
    await expectNoMoreProgress([task]);
    const last = eventsOf(task).at(-1)!;
    expect(last.done).toBeLessThan(last.total);
  }, 90_000);

  it('is refused when it asks for more resamples than one call may, saying how many', async () => {
    const response = await post('getScalingFit', { bootstrap: 10_000 });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/bootstrap: .*2000/);
  });
});

describe('heavy calls of one client', () => {
  it(`run ${HEAVY_CALLS_PER_CLIENT} at a time, ${HEAVY_CALLS_WAITING_PER_CLIENT} wait, the rest are refused at once; leaving drops the waiting ones`, async () => {
    const asked = HEAVY_CALLS_PER_CLIENT + HEAVY_CALLS_WAITING_PER_CLIENT + 2;
    const client = new AbortController();
    const inputs = Array.from({ length: asked }, (_, i) => ({ bootstrap: MAX_API_BOOTSTRAP, lastPercent: 20 + i }));
    const tasks = inputs.map((input) => scalingTaskId('fit', input));
    const answers = inputs.map((input) => post('getScalingFit', input, client.signal).then((r) => r.status, () => 'left'));
    const settled: unknown[] = [];
    answers.forEach((answer) => void answer.then((status) => settled.push(status)));
    await expect.poll(() => settled.filter((s) => s === 429).length, { timeout: 30_000 }).toBe(asked - HEAVY_CALLS_PER_CLIENT - HEAVY_CALLS_WAITING_PER_CLIENT);
    await expect.poll(() => tasks.filter((task) => eventsOf(task).length > 0).length, { timeout: 60_000, interval: 50 }).toBe(HEAVY_CALLS_PER_CLIENT);
    await sleep(500);
    expect(tasks.filter((task) => eventsOf(task).length > 0)).toHaveLength(HEAVY_CALLS_PER_CLIENT);

    client.abort();
    expect((await Promise.all(answers)).filter((s) => s === 'left')).toHaveLength(HEAVY_CALLS_PER_CLIENT + HEAVY_CALLS_WAITING_PER_CLIENT);
    await expectNoMoreProgress(tasks);
    // Another client is served meanwhile and afterwards.
    const other = await post('getAppInfo', {});
    expect(other.status).toBe(200);
  }, 120_000);
});
