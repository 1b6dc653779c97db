// "Connect to a team server" as the desktop app shows it, in Chromium: the built renderer with a
// `window.tessera` bridge whose every call goes to the app's real DesktopConnection in this process
// (Electron's IPC is what is stood in for, by Playwright bindings, since Electron cannot start here),
// connected to a real `serve --users` over HTTPS with a self-signed certificate.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../shared/api/push-events';
import { generateDemoLab } from '../../electron/core/demo';
import { serveStaticFile } from '../../electron/server/static-files';
import { runConnectionAction } from '../../electron/team-client/connection-actions';
import type { DesktopConnection } from '../../electron/team-client/desktop-connection';
import { addToken, makeTestCertificate, startTeamServer, storeEvents, type TeamServer, type TestCertificate } from '../server/support/team-server';
import { desktopAppFiles, desktopConnection } from '../team-client/support/desktop-app';
import { testSealer } from '../team-client/support/test-sealer';
import { launchBrowser, screenshot } from './support/browser';
import { repoRoot } from './support/start-serve';

/** What preload.ts exposes, each method forwarded to the bindings below instead of ipcRenderer. */
const BRIDGE_SCRIPT = `
  const listeners = new Set();
  window.__tesseraPush = (event) => { for (const listener of listeners) listener(event); };
  window.tessera = {
    call: (method, input) => window.__tesseraCall(method, input),
    onEvent(listener) { listeners.add(listener); return () => listeners.delete(listener); },
    openExternal: async () => false,
    printToPdf: async () => null,
    connection: {
      state: () => window.__tesseraConnection('state'),
      probe: (url) => window.__tesseraConnection('probe', url),
      connect: (request) => window.__tesseraConnection('connect', request),
      useLocalStore: () => window.__tesseraConnection('use-local'),
    },
  };
`;

let dir: string;
let teamStore: string;
let cert: TestCertificate;
let server: TeamServer;
let raj: string;
let app: DesktopConnection;
let rendererServer: http.Server;
let rendererUrl: string;
let browser: Browser;

async function openApp(page: Page): Promise<void> {
  await page.exposeBinding('__tesseraCall', (_source, method: string, input: unknown) => app.call(method, input, { transport: 'ipc', canWrite: true }));
  await page.exposeBinding('__tesseraConnection', (_source, action: string, argument: unknown) => runConnectionAction(app, action, argument));
  await page.addInitScript(BRIDGE_SCRIPT);
  app.onEvent((event: PushEvent) => void page.evaluate((e) => (window as unknown as { __tesseraPush(e: unknown): void }).__tesseraPush(e), event).catch(() => undefined));
  await page.goto(`${rendererUrl}#/sync`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-desktop-e2e-'));
  teamStore = path.join(dir, 'team-store');
  const localStore = path.join(dir, 'local-store');
  await generateDemoLab({ outDir: teamStore, seed: 1, size: 'small' });
  await generateDemoLab({ outDir: localStore, seed: 2, size: 'small' });
  fs.writeFileSync(path.join(localStore, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'My laptop lab' }));
  fs.writeFileSync(path.join(teamStore, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Pretraining team' }));
  const usersFile = path.join(dir, 'users.json');
  raj = (await addToken(usersFile, teamStore, 'raj', 'writer')).token;
  cert = makeTestCertificate(dir);
  server = await startTeamServer({ store: teamStore, usersFile, cert, args: ['--allow-write', '--no-watch'], syncedFor: raj });
  app = desktopConnection(desktopAppFiles(path.join(dir, 'app')), localStore, testSealer());
  await app.start();
  rendererServer = http.createServer((request, response) => serveStaticFile(path.join(repoRoot, 'dist', 'renderer'), new URL(request.url ?? '/', 'http://x').pathname, response));
  await new Promise<void>((resolve) => rendererServer.listen(0, '127.0.0.1', resolve));
  rendererUrl = `http://127.0.0.1:${(rendererServer.address() as AddressInfo).port}/`;
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await server?.stop();
  rendererServer?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the desktop app connecting to a team server', () => {
  it('checks the certificate with the person, connects, shows the server and who they are, writes as them, and goes back', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await openApp(page);
    const panel = page.getByTestId('team-server-panel');
    await panel.waitFor();
    await expect.poll(() => page.getByTestId('store-label').innerText()).toContain('My laptop lab');
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);

    await page.locator('#team-server-url').fill(server.url);
    await page.locator('#team-server-token').fill(raj);
    await screenshot(page, 'desktop-team-server-form-light-1440');
    await page.getByRole('button', { name: 'Connect' }).click();
    const confirm = page.getByTestId('certificate-confirm');
    await confirm.waitFor();
    const openssl = execFileSync('openssl', ['x509', '-in', cert.certFile, '-noout', '-fingerprint', '-sha256'], { encoding: 'utf8' }).trim().split('=')[1];
    expect(await page.getByTestId('certificate-fingerprint').innerText()).toBe(openssl);
    expect(app.state().mode).toBe('local');
    await screenshot(page, 'desktop-team-server-certificate-light-1440');
    await page.getByRole('button', { name: 'It matches: trust it and connect' }).click();

    await page.getByTestId('team-server-connected').waitFor();
    expect(await page.getByTestId('team-server-connected').innerText()).toMatch(new RegExp(`Connected to ${server.url.replace(/[.]/g, '\\.')} as raj`));
    await expect.poll(() => page.getByTestId('store-label').innerText()).toContain('Pretraining team');
    await expect.poll(() => page.getByTestId('signed-in-as').innerText()).toMatch(/Signed in as Raj Patel \(raj\)/);
    // No "Sign out" in the desktop app: it goes back to the local store instead.
    expect(await page.getByTestId('signed-in-as').getByRole('button').count()).toBe(0);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('button', { name: 'Dark' }).click();
    await screenshot(page, 'desktop-team-server-connected-dark-1280');
    await page.getByRole('button', { name: 'Light' }).click();

    await page.goto(`${rendererUrl}#/proposals?view=triage`);
    const proposed = page.locator('section[aria-label="Proposed"] li[data-proposal]');
    await proposed.first().waitFor();
    await proposed.first().focus();
    await page.keyboard.press('c');
    await page.getByTestId('rationale-dialog').waitFor();
    const rationale = 'Continue: decided from the desktop app on the team server.';
    await page.keyboard.type(rationale);
    await page.keyboard.press('Enter');
    await expect.poll(() => storeEvents(teamStore).find((event) => (event as { rationale?: string }).rationale === rationale)?.author).toBe('raj');

    await page.goto(`${rendererUrl}#/sync`);
    await page.getByRole('button', { name: 'Use the local store instead' }).click();
    await page.locator('#team-server-url').waitFor();
    await expect.poll(() => page.getByTestId('store-label').innerText()).toContain('My laptop lab');
    expect(await page.getByTestId('signed-in-as').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
