// Triage in a meeting, end to end in Chromium against `tessera serve` on the demo lab: choose who I
// am, triage a proposal from the keyboard, see the decision in the log and as a file in the store's
// events/; and a proposal whose body is full of attacks renders inert (no script runs, no dialog
// opens, no request leaves the page).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { LocalFolderTransport } from '../../electron/core/store-access/local-folder-transport';
import { syncLabStore } from '../../electron/core/sync/sync-lab-store';
import { HOSTILE_BODY } from '../renderer/pages/proposals/hostile-markdown';
import { launchBrowser, screenshot } from './support/browser';
import { callApi, repoRoot, startServe, type ServeProcess } from './support/start-serve';

const HOSTILE_ID = 'p-900';

async function demoLabWithHostileProposal(): Promise<{ store: string; db: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-triage-e2e-'));
  const store = path.join(dir, 'lab');
  const db = path.join(dir, 'cache.sqlite');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  fs.writeFileSync(
    path.join(store, 'proposals', `${HOSTILE_ID}.md`),
    `---\nid: ${HOSTILE_ID}\ntitle: "<img src=x onerror=alert(1)> Innocent-looking idea"\nowner: ana\narea: model\nkind: exploratory\nstatus: proposed\n` +
      `complexity: {code: 1, knobs: 1, infra: 0, risk: 1, usability_tax: 0.01}\n---\n${HOSTILE_BODY}\n`,
  );
  const cache = openCacheDatabase({ file: db, migrationsDir: path.join(repoRoot, 'migrations') });
  try {
    await syncLabStore({ db: cache, transport: new LocalFolderTransport(store) });
  } finally {
    cache.close();
  }
  return { store, db };
}

function storeEventFiles(store: string): { rel: string; json: Record<string, unknown> }[] {
  const out: { rel: string; json: Record<string, unknown> }[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.push({ rel: path.relative(store, full).split(path.sep).join('/'), json: JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown> });
    }
  };
  walk(path.join(store, 'events'));
  return out;
}

interface Watched {
  page: Page;
  consoleErrors: string[];
  dialogs: string[];
  foreignRequests: string[];
}

let browser: Browser;
let serve: ServeProcess;
let store: string;

async function open(url: string): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const watched: Watched = { page, consoleErrors: [], dialogs: [], foreignRequests: [] };
  const origin = new URL(serve.url).origin;
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) watched.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watched.consoleErrors.push(error.message));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const target = request.url();
    if (!target.startsWith(origin) && !target.startsWith('data:') && !target.startsWith('blob:')) watched.foreignRequests.push(target);
  });
  await page.goto(url);
  return watched;
}

beforeAll(async () => {
  const lab = await demoLabWithHostileProposal();
  store = lab.store;
  browser = await launchBrowser();
  serve = await startServe(['--store', lab.store, '--db', lab.db, '--no-watch', '--allow-write']);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('triage from the keyboard', () => {
  it('decides with a reason, choosing who I am in the dialog, and the decision reaches the log and the store', async () => {
    const { page, consoleErrors } = await open(`${serve.url}#/proposals`);
    await page.getByTestId('identity-picker').waitFor();
    await expect.poll(() => page.locator('.identity-warning').textContent()).toContain('Not set');
    await screenshot(page, 'proposals-list');

    await page.goto(`${serve.url}#/proposals?view=triage`);
    const board = page.getByTestId('triage-board');
    await board.waitFor();
    const proposed = page.locator('section[aria-label="Proposed"] li[data-proposal]');
    const proposedIds = await proposed.evaluateAll((cards) => cards.map((card) => card.getAttribute('data-proposal')));
    expect(proposedIds.length).toBeGreaterThanOrEqual(2);
    const target = proposedIds[1]!;
    await page.locator(`li[data-proposal="${proposedIds[0]}"]`).focus();
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-proposal'));
    await page.keyboard.press('j');
    await expect.poll(focused).toBe(target);
    await page.keyboard.press('ArrowRight');
    await expect.poll(focused).not.toBe(target);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focused).toBe(target);
    await page.keyboard.press('ArrowUp');
    await expect.poll(focused).toBe(proposedIds[0]);
    await page.keyboard.press('k');
    await expect.poll(focused).toBe(proposedIds[0]);
    await page.keyboard.press('j');
    await expect.poll(focused).toBe(target);

    // Escape cancels: nothing is written.
    const before = storeEventFiles(store).length;
    await page.keyboard.press('p');
    await page.getByTestId('rationale-dialog').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('rationale-dialog').count()).toBe(0);
    expect(storeEventFiles(store)).toHaveLength(before);
    await expect.poll(focused).toBe(target);

    const rationale = 'Keyboard triage: the gain is within noise and it adds two knobs.';
    await page.keyboard.press('d');
    const dialog = page.getByTestId('rationale-dialog');
    await dialog.waitFor();
    await expect.poll(() => dialog.locator('h2').innerText()).toContain('Drop');
    await page.keyboard.type(rationale);
    // Nobody chosen yet: the dialog asks here, and the rationale typed so far stays.
    const submit = dialog.getByRole('button', { name: /with this reason/ });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByTestId('identity-picker').locator('select').selectOption('ana');
    expect(await dialog.locator('textarea').inputValue()).toBe(rationale);
    await expect.poll(() => submit.isDisabled()).toBe(false);
    await screenshot(page, 'proposals-triage-dialog');
    await dialog.locator('textarea').press('Enter');
    await expect.poll(() => page.getByTestId('rationale-dialog').count()).toBe(0);
    await expect.poll(() => page.locator(`section[aria-label="Dropped"] li[data-proposal="${target}"]`).count()).toBe(1);
    await expect.poll(focused).toBe(target);
    await screenshot(page, 'proposals-triage');

    const written = storeEventFiles(store).filter((file) => file.json.rationale === rationale);
    expect(written).toHaveLength(1);
    const { rel, json } = written[0]!;
    expect(json).toMatchObject({ type: 'decision', target, decision: 'drop', author: 'ana', rationale });
    expect(rel).toMatch(new RegExp(`^events/\\d{4}/\\d{2}/${String(json.id)}\\.json$`));
    expect(Object.keys(json)).toEqual(['id', 'at', 'author', 'type', 'target', 'decision', 'rationale']);

    await page.goto(`${serve.url}#/proposals?view=decisions`);
    const row = page.locator(`tr[data-decision-id="${String(json.id)}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(rationale);
    expect(await row.innerText()).toContain('ana');
    await screenshot(page, 'proposals-decision-log');

    const status = await callApi(serve.url, 'getProposal', { id: target });
    expect((status.body.value as { status: string }).status).toBe('dropped');

    await page.goto(`${serve.url}#/proposals?view=not-pursued`);
    await page.getByTestId('not-pursued').waitFor();
    expect(await page.getByTestId('not-pursued').innerText()).toContain(rationale);
    await screenshot(page, 'proposals-not-pursued');

    await page.goto(`${serve.url}#/proposals?view=gain`);
    await page.getByTestId('gain-cost-chart').locator('.gain-point').first().waitFor();
    expect(await page.locator('.gain-point[data-unproven="true"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'proposals-gain-vs-cost');

    await page.goto(`${serve.url}#/proposals?id=p-002`);
    await page.getByTestId('proposal-detail').waitFor();
    await screenshot(page, 'proposals-detail');
    expect(consoleErrors).toEqual([]);
  });
});

describe('an untrusted proposal body', () => {
  it('renders inert: no script, handler or javascript: link runs, no dialog, no request leaves the page', async () => {
    const watched = await open(`${serve.url}#/proposals?id=${HOSTILE_ID}`);
    const { page } = watched;
    const body = page.getByTestId('proposal-body');
    await body.waitFor();
    expect(await body.innerText()).toContain('<script>window.__pwned = "script"');
    const inside = await body.evaluate((root) => {
      const elements = [...root.querySelectorAll('*')];
      return {
        tags: [...new Set(elements.map((e) => e.tagName.toLowerCase()))],
        handlers: elements.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}.${a.name}`)),
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      };
    });
    for (const tag of ['script', 'iframe', 'img', 'svg', 'object', 'embed', 'link', 'meta', 'style', 'div']) expect(inside.tags).not.toContain(tag);
    expect(inside.handlers).toEqual([]);
    expect(inside.hrefs.length).toBeGreaterThan(0);
    for (const href of inside.hrefs) expect(href).toMatch(/^(https?:\/\/|#)/);
    // The title is untrusted too: shown as text.
    expect(await page.getByTestId('proposal-detail').locator('h2').first().innerText()).toContain('<img src=x onerror=alert(1)>');

    // An in-page anchor scrolls to its heading and leaves the app where it is.
    await body.locator('a[href="#plan"]').click();
    expect(new URL(page.url()).hash).toBe(`#/proposals?id=${HOSTILE_ID}`);
    // An http(s) link goes to the system browser (window.open in the browser mode), never navigates the app.
    await page.evaluate(() => {
      const opened: string[] = [];
      (window as unknown as { __opened: string[] }).__opened = opened;
      window.open = ((url?: string | URL) => {
        opened.push(String(url));
        return null;
      }) as typeof window.open;
    });
    await body.locator('a[href="https://example.org/paper"]').click();
    expect(await page.evaluate(() => (window as unknown as { __opened: string[] }).__opened)).toEqual(['https://example.org/paper']);
    expect(new URL(page.url()).hash).toBe(`#/proposals?id=${HOSTILE_ID}`);
    await screenshot(page, 'proposals-hostile-body');

    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(watched.dialogs).toEqual([]);
    expect(watched.foreignRequests).toEqual([]);
    expect(watched.consoleErrors).toEqual([]);
  });
});
