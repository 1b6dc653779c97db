// Issue #16 in the browser, against the real `tessera serve`: the token of a `?token=` login leaves
// the address bar and the tab's history once the cookie is set; a malformed in-page anchor in a
// proposal is clicked without an error; an event waiting in the outbox for another store is shown
// as that store's, on the Proposals page and the Sync page, and is not written into this one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { syncedDemoLab } from './support/demo-lab';
import { startServe, type ServeProcess } from './support/start-serve';

const TOKEN = 'e2e-token-0123456789';
const ANCHOR_ID = 'p-950';
const OTHER_STORE = '/srv/labs/other-lab';
const waiting = {
  version: 2,
  event: { id: '01JDQ7AAAAAAAAAAAAAAAAAAAA', at: '2026-11-20T10:03:00.000Z', author: 'ana', type: 'decision', target: 'p-001', decision: 'drop', rationale: 'Made in the other lab.' },
  store: { url: OTHER_STORE, marker: 'a'.repeat(40), name: 'Other lab' },
  queuedAt: '2026-11-20T10:03:00.000Z',
  attempts: 1,
  lastAttemptAt: '2026-11-20T10:03:00.000Z',
  lastError: 'The store /srv/labs/other-lab cannot be written now (the store is read-only for you): EROFS',
};

let browser: Browser;
let serve: ServeProcess;
let store: string;
/** The server's address without the `?token=` that serve prints once. */
let base: string;

beforeAll(async () => {
  const lab = await syncedDemoLab('hardening', (dir) => {
    fs.writeFileSync(
      path.join(dir, 'proposals', `${ANCHOR_ID}.md`),
      `---\nid: ${ANCHOR_ID}\ntitle: Anchors\nowner: ana\narea: model\nkind: exploratory\nstatus: proposed\n---\n` +
        '[broken anchor](#%E0%A4%A) and [fine anchor](#results)\n\n' + 'Filler paragraph.\n\n'.repeat(60) + '## Results\n\nAt the end.\n',
    );
  });
  store = lab.store;
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-hardening-home-'));
  fs.mkdirSync(path.join(home, 'outbox'));
  fs.writeFileSync(path.join(home, 'outbox', `${waiting.event.id}.json`), JSON.stringify(waiting));
  serve = await startServe(['--store', store, '--db', lab.db, '--no-watch', '--allow-write', '--token', TOKEN], { home });
  base = serve.url.split('?')[0]!;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await serve?.stop();
});

describe('a ?token= login', () => {
  it('takes the token out of the address and the history, and the cookie keeps the app working', async () => {
    const { page, consoleErrors } = await openPage(browser, `${base}?token=${TOKEN}#/proposals`);
    await page.waitForSelector('.page-header h1');
    expect(page.url()).toBe(`${base}#/proposals`);
    await page.reload();
    await page.waitForSelector('[data-testid="pending-indicator"]');
    expect(page.url()).toBe(`${base}#/proposals`);
    // The tab's history holds the blank page it opened with and the address without the token.
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe('a proposal with in-page anchors', () => {
  it('follows a good anchor and clicks a malformed one without an error', async () => {
    const { page, consoleErrors } = await openPage(browser, `${base}?token=${TOKEN}#/proposals?id=${ANCHOR_ID}`);
    const body = page.getByTestId('proposal-body');
    await body.getByRole('link', { name: 'broken anchor' }).click();
    await body.getByRole('link', { name: 'fine anchor' }).click();
    await expect.poll(() => body.getByRole('heading', { name: 'Results' }).evaluate((h) => h.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe('an event waiting for another store', () => {
  for (const [width, height] of [[1440, 900], [1280, 720]] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`is shown with its store on the Proposals and Sync pages, not written here (${width}×${height}, ${theme})`, async () => {
        const { page, consoleErrors } = await openPage(browser, `${base}?token=${TOKEN}#/proposals`, { width, height });
        await page.getByRole('button', { name: theme === 'dark' ? 'Dark' : 'Light' }).click();
        const indicator = page.getByTestId('pending-indicator');
        await expect.poll(() => indicator.textContent()).toBe('1 waiting for another store');
        await indicator.click();
        const others = page.getByTestId('pending-other-stores');
        await expect.poll(() => others.textContent()).toContain(`For Other lab (${OTHER_STORE})`);
        expect(await others.textContent()).toContain('drop p-001: “Made in the other lab.”');
        await screenshot(page, `outbox-other-store-proposals-${width}-${theme}`);
        await page.goto(`${base}#/sync`);
        const panel = page.getByTestId('outbox-panel');
        await expect.poll(() => panel.textContent()).toContain(`For Other lab (${OTHER_STORE})`);
        await screenshot(page, `outbox-other-store-sync-${width}-${theme}`);
        expect(fs.existsSync(path.join(store, 'events', '2026', '11', `${waiting.event.id}.json`))).toBe(false);
        expect(consoleErrors).toEqual([]);
        await page.context().close();
      });
    }
  }
});
