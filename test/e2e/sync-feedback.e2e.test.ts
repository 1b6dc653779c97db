// The sync as a user sees it, in Chromium: the first sync of a store too big to read in a moment shows
// its progress over the page and lists runs as they are committed; "Sync now" says what it did, from
// the Sync page and from the palette.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { servedDemoLab } from './support/demo-lab';
import { startServe } from './support/start-serve';

/** Copies of every run under new ids: a store several times the demo lab's size. */
function addRunCopies(store: string, copies: number): number {
  const runsDir = path.join(store, 'runs');
  const ids = fs.readdirSync(runsDir);
  for (let copy = 1; copy <= copies; copy++) {
    for (const id of ids) copyRun(store, id, `${id}-copy${copy}`);
  }
  return ids.length * (copies + 1);
}

function copyRun(store: string, id: string, newId: string): void {
  const from = path.join(store, 'runs', id);
  const to = path.join(store, 'runs', newId);
  fs.cpSync(from, to, { recursive: true });
  const run = JSON.parse(fs.readFileSync(path.join(to, 'run.json'), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(to, 'run.json'), JSON.stringify({ ...run, id: newId }));
}

describe('the first sync of a large store', () => {
  it('shows its progress over the page and lists runs while it reads them', { timeout: 10 * 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-first-sync-e2e-'));
    const store = path.join(dir, 'lab');
    await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
    const total = addRunCopies(store, 3);
    const serve = await startServe(['--store', store, '--db', path.join(dir, 'cache.sqlite'), '--no-watch']);
    const browser = await launchBrowser();
    try {
      const { page, consoleErrors } = await openPage(browser, `${serve.url}#/runs`, { width: 1280, height: 720 });
      const banner = page.getByTestId('first-sync');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.innerText()).toMatch(/Reading the lab store for the first time: \d+ %/);
      // Runs the sync has committed are listed while it goes on.
      const listedWhileSyncing = async () => ((await banner.count()) === 1 ? page.getByTestId('run-row').count() : -1);
      await expect.poll(listedWhileSyncing, { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);
      await screenshot(page, 'first-sync-banner');
      const partial = await page.locator('.page-header .subtitle').innerText();
      await banner.waitFor({ state: 'detached', timeout: 8 * 60_000 });
      await expect.poll(() => page.locator('.page-header .subtitle').innerText(), { timeout: 30_000 }).toBe(`${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
      expect(partial).not.toBe(`${total.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}`);
      expect(consoleErrors).toEqual([]);
    } finally {
      await browser.close();
      await serve.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('"Sync now"', () => {
  const lab = servedDemoLab('sync-now', ['--allow-write']);

  it('says what it did, on the Sync page and, started from the palette, in the sidebar', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/sync`, { width: 1280, height: 720 });
    await page.getByTestId('cache-counts').waitFor();
    const outcome = page.locator('.page [data-testid=sync-outcome]');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => outcome.textContent(), { timeout: 60_000 }).toMatch(/^Synced at .+: nothing new in the store\.$/);

    const store = await page.evaluate(async () => {
      const response = await fetch('api/getAppInfo', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      return ((await response.json()) as { value: { storeUrl: string } }).value.storeUrl;
    });
    copyRun(store, fs.readdirSync(path.join(store, 'runs'))[0]!, 'r-sync-now-e2e');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => outcome.textContent(), { timeout: 60_000 }).toMatch(/^Synced at .+: 1 new run\.$/);
    await screenshot(page, 'sync-now-outcome');

    // From the palette on another page: the palette closes, the sidebar says what happened.
    await page.locator('a.nav-link', { hasText: 'Team' }).click();
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await palette.waitFor();
    await page.keyboard.type('Sync now');
    await expect.poll(() => palette.locator('[role="option"][aria-selected="true"]').innerText()).toContain('Sync now');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.sidebar [data-testid=sync-outcome]').textContent(), { timeout: 60_000 }).toMatch(/^Synced at /);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
