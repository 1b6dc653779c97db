// Identity and permissions in Chromium: "Who am I" is kept by each browser, so two browsers on one
// `tessera serve` write as two people; and on a read-only server every control that writes is
// disabled beside a visible "read-only" note, and a write that gets through anyway is refused with
// the real reason.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { demoLabServedTwice } from './support/demo-lab';
import { callApi, type ServeProcess } from './support/start-serve';

let browser: Browser;
let writable: ServeProcess;
let readOnly: ServeProcess;
let store: string;

function eventFiles(): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.push(JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown>);
    }
  };
  walk(path.join(store, 'events'));
  return out;
}

beforeAll(async () => {
  ({ store, writable, readOnly } = await demoLabServedTwice('identity'));
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([writable?.stop(), readOnly?.stop()]);
});

describe('who am I', () => {
  it('is kept per browser: two browsers on one server comment as two people', async () => {
    const ana = await openPage(browser, `${writable.url}#/proposals?id=p-001`);
    const raj = await openPage(browser, `${writable.url}#/proposals?id=p-001`);
    const picker = (w: typeof ana) => w.page.locator('.page-header [data-testid=identity-picker] select');
    await picker(ana).waitFor();
    await picker(ana).selectOption('ana');

    // The other browser is nobody yet, and choosing there changes nothing here.
    await picker(raj).waitFor();
    expect(await picker(raj).inputValue()).toBe('');
    expect(await raj.page.locator('.page-header .identity-warning').textContent()).toContain('Not set');
    await picker(raj).selectOption('raj');
    await ana.page.reload();
    await picker(ana).waitFor();
    expect(await picker(ana).inputValue()).toBe('ana');

    for (const [who, watched] of [['ana', ana], ['raj', raj]] as const) {
      const text = `A comment from ${who}'s browser.`;
      await watched.page.locator('#comment-text').fill(text);
      await watched.page.getByRole('button', { name: `Comment as ${who}` }).click();
      await expect.poll(() => eventFiles().find((event) => event.text === text)?.author).toBe(who);
    }
    expect(ana.consoleErrors).toEqual([]);
    expect(raj.consoleErrors).toEqual([]);
    await ana.page.context().close();
    await raj.page.context().close();
  });
});

describe('a read-only server', () => {
  it('disables every control that writes, with a visible read-only note, and has no failed call', async () => {
    const { page, consoleErrors } = await openPage(browser, `${readOnly.url}#/proposals?id=p-001`, { width: 1280, height: 720 });
    await page.getByTestId('proposal-detail').waitFor();
    await expect.poll(() => page.getByTestId('read-only-note').count()).toBeGreaterThanOrEqual(3);
    expect(await page.locator('.page-header').innerText()).toContain('read-only');
    // No "Who am I" on a server nobody can write to.
    expect(await page.getByTestId('identity-picker').count()).toBe(0);
    for (const name of ['Adopt…', 'Drop…', 'Park (→ inconclusive)…', 'Continue…', 'Edit assessment…']) {
      expect(await page.getByRole('button', { name, exact: true }).isDisabled(), name).toBe(true);
    }
    expect(await page.locator('#comment-text').isDisabled()).toBe(true);
    await screenshot(page, 'read-only-proposal');

    // Watching is a write too: the proposal's Watch button and the Alerts page's settings are disabled.
    expect(await page.getByTestId('watch-proposal').isDisabled()).toBe(true);
    await page.goto(`${readOnly.url}#/alerts`);
    await page.getByTestId('quiet-period').waitFor();
    expect(await page.getByTestId('quiet-period').isDisabled()).toBe(true);
    expect(await page.locator('.alert-side').getByTestId('read-only-note').count()).toBe(1);

    // The triage board's decision keys open nothing; its help says why.
    await page.goto(`${readOnly.url}#/proposals?view=triage`);
    await page.locator('.triage-card').first().click();
    await page.keyboard.press('d');
    expect(await page.getByTestId('rationale-dialog').count()).toBe(0);
    expect(await page.locator('.triage-help').innerText()).toContain('read-only');

    await page.goto(`${readOnly.url}#/sync`);
    await page.getByTestId('cache-counts').waitFor();
    expect(await page.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
    expect(await page.locator('.page-header').innerText()).toContain('read-only');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('refuses a write that gets through anyway with the real reason', async () => {
    const refused = await callApi(readOnly.url, 'decide', { proposalId: 'p-001', decision: 'park', rationale: 'x', author: 'ana' });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toMatch(/read-only \(start it with --allow-write\)/);
  });
});
