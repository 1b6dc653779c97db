// Every page of the app opens in Chromium on the demo lab without console errors; a screenshot
// of each is kept in test-output/screenshots for a person to look at.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { runCli, startServe, type ServeProcess } from './support/start-serve';

const PAGES = ['runs', 'compare', 'ablations', 'scaling', 'proposals', 'team', 'review', 'sync'];

describe('the app shell on the demo lab', () => {
  let serve: ServeProcess;
  let browser: Browser;

  beforeAll(async () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-'));
    const demo = await runCli(['demo', '--out', path.join(home, 'lab'), '--as-of', '2026-11-23T09:00:00Z']);
    expect(demo.code, demo.stderr).toBe(0);
    serve = await startServe(['--store', path.join(home, 'lab'), '--allow-write'], { home });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
  });

  for (const pageId of PAGES) {
    it(`opens ${pageId} without console errors`, async () => {
      const { page, consoleErrors } = await openPage(browser, `${serve.url}#/${pageId}`);
      await page.waitForSelector('.page-header h1');
      await page.waitForLoadState('networkidle');
      const current = await page.getAttribute('a.nav-link[aria-current="page"]', 'href');
      expect(current).toBe(`#/${pageId}`);
      await screenshot(page, `shell-${pageId}`);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    });
  }

  it('labels the first-start store as the Demo lab and switches themes', async () => {
    const { page, consoleErrors } = await openPage(browser, `${serve.url}#/sync`);
    await page.waitForSelector('[data-testid="cache-counts"]');
    await page.getByRole('button', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'shell-sync-dark');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows an unknown page as an error in place, not a blank screen', async () => {
    const { page } = await openPage(browser, `${serve.url}#/no-such-page`);
    await expect(page.locator('.error-panel').textContent()).resolves.toContain('no-such-page');
    await page.context().close();
  });
});

describe('first start', () => {
  it('creates the demo lab when no store is configured and labels it "Demo lab"', async () => {
    const serve = await startServe(['--no-watch']);
    try {
      expect(fs.existsSync(path.join(serve.home, 'demo-lab', 'tessera-store.json'))).toBe(true);
      const browser = await launchBrowser();
      try {
        const { page, consoleErrors } = await openPage(browser, `${serve.url}#/sync`);
        // The label fills in once getAppInfo answers: wait for the badge itself, then read it.
        const badge = await page.waitForSelector('[data-testid="store-label"] .badge.demo', { timeout: 20_000 });
        expect(await badge.textContent()).toBe('Demo lab');
        expect(consoleErrors).toEqual([]);
      } finally {
        await browser.close();
      }
    } finally {
      await serve.stop();
    }
  });
});
