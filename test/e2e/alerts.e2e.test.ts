// Alerts in the browser mode, as a researcher gets them: `serve` watching the demo lab, a run they own
// still training, and a NaN appended to its metrics.jsonl. Chromium is granted the notification
// permission; the page's Notification constructor is observed to see what it was asked to show.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertList } from '../../shared/api/alerts-methods';
import type { RunList } from '../../shared/domain/run-views';
import { launchBrowser, screenshot } from './support/browser';
import { syncedDemoLab } from './support/demo-lab';
import { callApi, startServe, type ServeProcess } from './support/start-serve';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('alerts in the browser', () => {
  let serve: ServeProcess;
  let store: string;
  beforeAll(async () => {
    ({ store } = await syncedDemoLab('alerts').then(async (lab) => {
      serve = await startServe(['--store', lab.store, '--db', lab.db, '--allow-write']);
      return lab;
    }));
  });
  afterAll(() => serve?.stop());

  it('notifies the owner of a running run that turns NaN, once, and lists it with its chart', async () => {
    const runs = (await callApi(serve.url, 'listRuns', { status: ['running'] })).body.value as RunList;
    const fresh = runs.runs.filter((r) => r.owner);
    expect(fresh.length).toBeGreaterThan(0);
    const run = fresh[0]!;

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['notifications'], { origin: new URL(serve.url).origin });
    // This browser is the run's owner ("Who am I" is kept per browser).
    await context.addInitScript((owner) => window.localStorage.setItem('tessera.identity', owner), run.owner!);
    await context.addInitScript(() => {
      const shown: Array<{ title: string; body: string }> = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      const Real = window.Notification;
      class Observed extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push({ title, body: options?.body ?? '' });
        }
      }
      Object.defineProperty(window, 'Notification', { value: Observed, configurable: true, writable: true });
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => (m.type() === 'error' ? consoleErrors.push(m.text()) : undefined));
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${serve.url}#/alerts`);
    await page.getByTestId('alert-rules').waitFor();
    await expect.poll(() => page.getByTestId('notifications-on').count()).toBe(1);
    const rules = await page.getByTestId('alert-rules').innerText();
    for (const title of ['Non-finite value', 'Loss spike', 'Spike storm', 'Divergence', 'Stalled run', 'Run ended']) expect(rules).toContain(title);

    // Away on the Runs page when it happens; the job logs on, then its loss turns NaN.
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByTestId('run-row').first().waitFor();
    const file = path.join(store, 'runs', run.id, 'metrics.jsonl');
    const last = JSON.parse(fs.readFileSync(file, 'utf8').trimEnd().split('\n').pop()!) as { step: number };
    const now = Date.now() / 1000;
    fs.appendFileSync(file, `{"step":${last.step + 25},"time":${now.toFixed(1)},"train/loss":2.61}\n{"step":${last.step + 50},"time":${(now + 1).toFixed(1)},"train/loss":"NaN"}\n`);

    // Only this run's: another run of theirs may turn stale while the test runs, and be notified too.
    const shown = async () =>
      (await page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications)).filter((n) =>
        n.title.startsWith(`${run.id}:`),
      );
    await expect.poll(shown, { timeout: 30_000 }).toHaveLength(1);
    const [note] = await shown();
    expect(note!.title).toBe(`${run.id}: train/loss is NaN`);
    expect(note!.body).toContain(`step ${last.step + 50}`);

    // The navigation counts it until the Alerts page is opened.
    await expect.poll(() => page.getByTestId('alerts-unseen').textContent(), { timeout: 15_000 }).toBe('1');
    await page.getByRole('link', { name: /^Alerts/ }).click();
    const item = page.getByTestId('alert-item').filter({ hasText: `${run.id}: train/loss is NaN` });
    await item.waitFor();
    await item.getByTestId('alert-chart').locator('.recharts-surface').first().waitFor();
    await screenshot(page, 'alerts-nan-light-1440');
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByTestId('run-row').first().waitFor();
    expect(await page.getByTestId('alerts-unseen').count()).toBe(0);
    await page.getByRole('link', { name: /^Alerts/ }).click();
    await item.waitFor();

    // Another NaN line of the same run: the same alert still, nothing new to notify.
    fs.appendFileSync(file, `{"step":${last.step + 75},"time":${(now + 2).toFixed(1)},"train/loss":"NaN"}\n`);
    await callApi(serve.url, 'syncNow', {});
    await page.waitForTimeout(1500);
    expect(await shown()).toHaveLength(1);
    const mine = (await callApi(serve.url, 'listAlerts', { scope: 'mine', rules: ['non-finite'], runId: run.id, person: run.owner! })).body.value as AlertList;
    expect(mine.alerts.map((a) => [a.step, a.notify])).toEqual([[last.step + 50, true]]);

    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Dark', exact: true }).click();
    await screenshot(page, 'alerts-nan-dark-1280');
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});
