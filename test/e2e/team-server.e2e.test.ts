// The browser on a team server, in Chromium against `serve --users` over HTTPS: the login page is all
// a browser without a token sees; signed in with a person's token the app shows who you are and
// offers no choice; a decision made from the keyboard lands in the store as that person; a viewer's
// token reads only; signing out brings the login page back. (Chromium is told to accept the test's
// self-signed certificate; the certificate checks themselves are tested in Node.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { addToken, makeTestCertificate, startTeamServer, storeEvents, type TeamServer } from '../server/support/team-server';
import { launchBrowser, screenshot } from './support/browser';

let browser: Browser;
let server: TeamServer;
let dir: string;
let store: string;
const tokens = { raj: '', mei: '' };

async function newPage(options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {}): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    ignoreHTTPSErrors: true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // The login page answers 401 and a viewer's write 403, by design; Chromium logs those statuses as console errors.
    if (message.type() === 'error' && !/status of 40[13]/.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(server.url);
  await page.locator('#token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('signed-in-as').waitFor();
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-e2e-'));
  store = path.join(dir, 'lab');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  const usersFile = path.join(dir, 'users.json');
  tokens.raj = (await addToken(usersFile, store, 'raj', 'writer')).token;
  tokens.mei = (await addToken(usersFile, store, 'mei', 'viewer')).token;
  browser = await launchBrowser();
  server = await startTeamServer({ store, usersFile, cert: makeTestCertificate(dir), args: ['--allow-write', '--no-watch'], syncedFor: tokens.raj });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  await browser?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a browser on a team server', () => {
  it('shows only the login page without a token, and says so when the token is wrong', async () => {
    for (const [colorScheme, width, height] of [['light', 1440, 900], ['dark', 1280, 720]] as const) {
      const { context, page, errors } = await newPage({ colorScheme, width, height });
      await page.goto(`${server.url}#/proposals`);
      await page.locator('#token').waitFor();
      expect(await page.locator('#root').count()).toBe(0);
      await screenshot(page, `team-login-${colorScheme}-${width}`);
      await page.locator('#token').fill('tsr_0123456789ab_' + 'A'.repeat(43));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/not valid here/);
      await screenshot(page, `team-login-refused-${colorScheme}-${width}`);
      expect(errors).toEqual([]);
      await context.close();
    }
  });

  it("signs a writer in, shows who they are with no choice, and writes their decision as them", async () => {
    const { context, page, errors } = await newPage();
    await signIn(page, tokens.raj);
    await expect.poll(() => page.getByTestId('signed-in-as').innerText()).toMatch(/Signed in as Raj Patel \(raj\)/);
    await page.goto(`${server.url}#/proposals`);
    await page.getByTestId('identity-fixed').waitFor();
    expect(await page.getByTestId('identity-fixed').innerText()).toBe('Raj Patel (raj)');
    expect(await page.getByTestId('identity-picker').locator('select').count()).toBe(0);
    expect(await page.locator('main').innerText()).not.toContain('Who am I');
    await screenshot(page, 'team-proposals-signed-in-light-1440');

    await page.goto(`${server.url}#/proposals?view=triage`);
    const proposed = page.locator('section[aria-label="Proposed"] li[data-proposal]');
    await proposed.first().waitFor();
    const target = (await proposed.first().getAttribute('data-proposal'))!;
    await proposed.first().focus();
    await page.keyboard.press('p');
    const dialog = page.getByTestId('rationale-dialog');
    await dialog.waitFor();
    // The dialog says who decides, and offers no choice: the token decides that.
    await dialog.getByTestId('identity-fixed').waitFor();
    expect(await dialog.getByTestId('identity-fixed').innerText()).toBe('Raj Patel (raj)');
    expect(await dialog.locator('select').count()).toBe(0);
    await screenshot(page, 'team-decision-dialog-light-1440');
    const rationale = 'Parked from the team server: the seeds disagree at 350M.';
    await page.keyboard.type(rationale);
    await page.keyboard.press('Enter');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => storeEvents(store).filter((event) => (event as { rationale?: string }).rationale === rationale).length).toBe(1);
    const written = storeEvents(store).find((event) => (event as { rationale?: string }).rationale === rationale)!;
    expect(written).toMatchObject({ type: 'decision', author: 'raj', target });

    await page.goto(`${server.url}#/proposals?view=decisions`);
    const row = page.locator(`tr[data-decision-id="${written.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('raj');
    // The Settings page: the sources and keys are the server admins', said beside disabled controls.
    await page.goto(`${server.url}#/settings`);
    await page.getByTestId('read-only-note').waitFor();
    expect(await page.getByTestId('read-only-note').getAttribute('title')).toMatch(/changes how this team server is set up/);
    expect(await page.getByRole('button', { name: 'Add a source' }).isDisabled()).toBe(true);
    await screenshot(page, 'team-settings-writer-light-1440');
    await page.goto(`${server.url}#/proposals?view=decisions`);
    await row.waitFor();
    // Dark theme, at the smaller screen.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Dark' }).click();
    await screenshot(page, 'team-decision-log-dark-1280');
    await page.getByRole('button', { name: 'Light' }).click();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.locator('#token').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a viewer as read-only, and the app cannot write with their token", async () => {
    const { context, page, errors } = await newPage({ width: 1280, height: 720 });
    await signIn(page, tokens.mei);
    const sidebar = page.locator('nav.sidebar');
    expect(await sidebar.innerText()).toMatch(/read-only/);
    await expect.poll(() => page.getByTestId('signed-in-as').innerText()).toMatch(/Signed in as Mei Chen \(mei\)/);
    // The read-only note says why in the viewer's terms, not the server's flags.
    await page.goto(`${server.url}#/proposals`);
    await page.getByTestId('read-only-note').first().waitFor();
    expect(await page.getByTestId('read-only-note').first().getAttribute('title')).toMatch(/Your token is a viewer's: it reads only/);
    expect(await page.getByTestId('identity-picker').count()).toBe(0);
    const before = storeEvents(store).length;
    const status = await page.evaluate(async () => {
      const response = await fetch('api/decide', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ proposalId: 'p-001', decision: 'drop', rationale: 'from a viewer' }) });
      return response.status;
    });
    expect(status).toBe(403);
    expect(storeEvents(store).length).toBe(before);
    await screenshot(page, 'team-viewer-light-1280');
    expect(errors).toEqual([]);
    await context.close();
  });
});
