// The command palette end to end in Chromium against `tessera serve` on the demo lab: Ctrl+K opens it
// on any page, a word found only in one proposal's body finds that proposal with the word marked, and
// Enter jumps to it; arrows, Escape, pages, actions and "See all results" to the search page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../shared/api/search-methods';
import { generateDemoLab } from '../../electron/core/demo';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { callApi, repoRoot, startServe, type ServeProcess } from './support/start-serve';

let browser: Browser;
let serve: ServeProcess;
let store: string;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-palette-e2e-'));
  store = path.join(dir, 'lab');
  const db = path.join(dir, 'cache.sqlite');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  const cache = openCacheDatabase({ file: db, migrationsDir: path.join(repoRoot, 'migrations') });
  try {
    await syncFolder(cache, store);
  } finally {
    cache.close();
  }
  browser = await launchBrowser();
  serve = await startServe(['--store', store, '--db', db, '--no-watch']);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

/** A word of some proposal's body that nothing else in the lab contains, and that proposal. */
async function wordOnlyInOneBody(): Promise<{ word: string; id: string; title: string }> {
  const dir = path.join(store, 'proposals');
  for (const file of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const body = text.slice(text.indexOf('\n---', 3) + 4);
    const words = [...new Set(body.toLowerCase().match(/\b[a-z]{7,}\b/g) ?? [])].sort();
    for (const word of words) {
      const response = await callApi(serve.url, 'search', { query: word });
      const result = response.body.value as SearchResult;
      if (result.total === 1 && result.hits[0]!.kind === 'proposal' && !result.hits[0]!.title.some((s) => s.mark)) {
        return { word, id: result.hits[0]!.id, title: result.hits[0]!.title.map((s) => s.text).join('') };
      }
    }
  }
  throw new Error('the demo lab has no word that only one proposal body contains');
}

describe('command palette', () => {
  it('opens with Ctrl+K on any page, finds a proposal by a word of its body, and Enter jumps to it', async () => {
    const target = await wordOnlyInOneBody();
    const { page, consoleErrors } = await openPage(browser, `${serve.url}#/runs`);
    await page.locator('.nav-link').first().waitFor();
    const palette = page.getByTestId('command-palette');
    expect(await palette.count()).toBe(0);

    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('combobox');
    await page.keyboard.type(target.word, { delay: 20 });
    const option = palette.locator('[role="option"]', { hasText: target.title });
    await option.waitFor();
    expect(await palette.locator('[role="group"][aria-label="Proposals"] [role="option"]').count()).toBe(1);
    expect((await option.locator('mark').allInnerTexts()).map((t) => t.toLowerCase())).toContain(target.word);
    await screenshot(page, 'palette-body-word');

    // Pages and actions do not match the word: the proposal is the first and chosen entry.
    await expect.poll(() => palette.locator('[role="option"][aria-selected="true"]').innerText()).toContain(target.title);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/proposals?id=${target.id}`);
    expect(await palette.count()).toBe(0);
    await page.getByTestId('proposal-detail').waitFor();
    const tried = page.getByTestId('tried-before');
    await tried.locator('ol, .tried-before-none').first().waitFor();
    expect(await tried.getByRole('alert').count()).toBe(0);
    await tried.scrollIntoViewIfNeeded();
    await screenshot(page, 'palette-jumped-to-proposal');
    expect(consoleErrors).toEqual([]);
  });

  it('moves with the arrows, closes with Escape, and jumps to pages and actions', async () => {
    const { page, consoleErrors } = await openPage(browser, `${serve.url}#/team`);
    await page.locator('.nav-link').first().waitFor();
    const palette = page.getByTestId('command-palette');
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    const selected = () => palette.locator('[role="option"][aria-selected="true"]').innerText();
    const activeId = () => palette.getByRole('combobox').getAttribute('aria-activedescendant');
    expect(await activeId()).toBe('palette-0');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeId).toBe('palette-1');
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeId).toBe('palette-0');
    // Up from the first wraps to the last.
    await page.keyboard.press('ArrowUp');
    const last = await palette.locator('[role="option"]').last().getAttribute('id');
    await expect.poll(activeId).toBe(last);
    expect(await palette.locator('[role="option"][aria-selected="true"]').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => palette.count()).toBe(0);

    await page.keyboard.press('Control+k');
    await page.keyboard.type('review');
    await expect.poll(selected).toContain('Start review');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/review');

    await page.keyboard.press('Control+k');
    await page.keyboard.type('go to abl');
    await expect.poll(selected).toContain('Go to Ablations');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/ablations');
    expect(consoleErrors).toEqual([]);
  });

  it('takes FTS5 syntax as text and leads to the search page with every result and its filters', async () => {
    const { page, consoleErrors } = await openPage(browser, `${serve.url}#/proposals`);
    await page.locator('.nav-link').first().waitFor();
    // In the dark theme, for the screenshot.
    await page.getByRole('button', { name: 'Dark' }).click();
    const palette = page.getByTestId('command-palette');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('"ladder (NEAR -');
    await palette.locator('.palette-status', { hasText: 'found' }).waitFor();
    expect(await palette.locator('.palette-error').count()).toBe(0);
    await page.keyboard.press('Control+a');
    await page.keyboard.type('ladder');
    const seeAll = palette.locator('[role="option"]', { hasText: 'See all' });
    await palette.locator('[role="option"]', { hasText: '“ladder”' }).waitFor();
    await palette.locator('.palette-status', { hasText: 'found' }).waitFor();
    await screenshot(page, 'palette-groups-dark');
    await seeAll.click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/search?q=ladder');
    await page.getByTestId('search-hit').first().waitFor();
    const all = await page.getByTestId('search-hit').count();
    await page.getByRole('button', { name: /^Runs/ }).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe('#/search?q=ladder&kinds=run');
    await expect.poll(() => page.getByTestId('search-hit').count()).toBeLessThan(all);
    const kinds = await page.locator('[data-testid="search-hit"] .badge').allInnerTexts();
    expect(new Set(kinds)).toEqual(new Set(['Run']));
    // The other kinds keep their counts, so the user sees what the filter hides.
    expect(await page.getByRole('button', { name: /^Proposals/ }).innerText()).not.toMatch(/ 0$/);
    await screenshot(page, 'search-page-runs');
    expect(consoleErrors).toEqual([]);
  });
});
