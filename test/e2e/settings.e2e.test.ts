// The Settings page as someone setting up Tessera would use it, against `serve` on the MLflow store
// the real client wrote: the source the cache mirrors and its sync state, adding a source with a
// field mapping previewed live on the cached runs, saving it, switching the cache to the W&B run
// folder (the runs follow), a URL that cannot work refused in place, and an SFTP host's fingerprint
// shown before its key is trusted (a real sshd). Screenshots at 1440×900 and 1280×720, light and dark.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunList } from '../../shared/domain/run-views';
import { launchBrowser, openPage, screenshot } from './support/browser';
import { callApi, repoRoot, startServe, type ServeProcess } from './support/start-serve';
import { startSshd, type SshdFixture } from '../core/sync/support/sshd-fixture';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'real-clients');
const mlflowFolder = path.join(fixtures, 'mlflow-sqlite');
const wandbFolder = path.join(fixtures, 'wandb-offline');

let browser: Browser;
let serve: ServeProcess;
let home: string;

beforeAll(async () => {
  browser = await launchBrowser();
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-settings-e2e-'));
  serve = await startServe(['--store', `mlflow:${mlflowFolder}`, '--db', path.join(home, 'cache.sqlite'), '--no-watch', '--allow-write', '--known-hosts', path.join(home, 'known_hosts')], { home });
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the Settings page', () => {
  it('adds a source with a mapping previewed on the cached runs, switches the cache to another source, and refuses a URL that cannot work', async () => {
    const { page, consoleErrors } = await openPage(browser, `${serve.url}#/settings`);
    const active = page.getByTestId('active-source');
    await active.getByText('MLflow: mlflow-sqlite').waitFor();
    await expect(active.textContent()).resolves.toMatch(/no sync issues/);

    await page.getByRole('button', { name: 'Add a source' }).click();
    const form = page.getByTestId('source-form');
    await form.getByLabel('Name').fill('Ladder (MLflow)');
    await form.getByLabel('Kind').selectOption('mlflow');
    await form.getByLabel('Folder').fill(mlflowFolder);
    await expect(form.getByTestId('source-url').textContent()).resolves.toBe(`mlflow:${mlflowFolder}`);
    // Before a mapping: no run has N and D.
    const preview = form.getByTestId('mapping-preview');
    await preview.getByText(/No run has both parameters and tokens yet/).waitFor();
    await form.getByLabel(/^params/).fill('params.n_params');
    await form.getByLabel(/^tokens/).fill('tags.tokens');
    await form.getByLabel(/^group/).fill('run.root');
    await preview.getByText(/^2 runs\. 1 run joins 1 scaling fit:/).waitFor();
    await expect(preview.locator('tbody tr').count()).resolves.toBe(2);
    await expect(preview.locator('tbody').textContent()).resolves.toContain('124M');
    for (const [viewport, name] of [[{ width: 1440, height: 900 }, '1440x900'], [{ width: 1280, height: 720 }, '1280x720']] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        await page.setViewportSize(viewport);
        await page.getByRole('button', { name: scheme === 'light' ? 'Light' : 'Dark', exact: true }).click();
        await form.scrollIntoViewIfNeeded();
        await screenshot(page, `settings-mapping-${name}-${scheme}`);
      }
    }
    await page.getByRole('button', { name: 'Light', exact: true }).click();
    // A typo is named before anything is saved.
    await form.getByLabel(/^seed/).fill('param.seed');
    await preview.getByText(/seed: "param.seed" is not a mlflow field/).waitFor();
    await form.getByLabel(/^seed/).fill('params.seed');
    await form.getByRole('button', { name: 'Save' }).click();
    const sources = page.getByTestId('sources');
    await sources.getByText('Ladder (MLflow)').waitFor();
    await expect(sources.textContent()).resolves.toContain('params=params.n_params, tokens=tags.tokens, group=run.root, seed=params.seed');

    // A second source, the W&B run folder; a folder path with a scheme it does not know is refused in place.
    await page.getByRole('button', { name: 'Add a source' }).click();
    await form.getByLabel('Name').fill('Offline W&B');
    await form.getByLabel('Kind').selectOption('wandb');
    await form.getByLabel('Folder').fill('s3://bucket/runs');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText(/unsupported scheme/).waitFor();
    await form.getByLabel('Folder').fill(wandbFolder);
    await form.getByRole('button', { name: 'Save' }).click();
    await sources.getByText('Offline W&B').waitFor();

    await sources.locator('tr', { hasText: 'Offline W&B' }).getByRole('button', { name: 'Use' }).click();
    await active.getByText(`wandb:${wandbFolder}`).waitFor();
    await active.getByText('W&B: wandb-offline').waitFor({ timeout: 30_000 });
    const runs = await callApi(serve.url, 'listRuns', {});
    expect((runs.body.value as RunList).runs.map((r) => r.name)).toEqual(['tiny-500']);
    const settingsFile = JSON.parse(fs.readFileSync(path.join(home, 'settings.json'), 'utf8')) as { storeUrl: string; sources: unknown[] };
    expect(settingsFile.storeUrl).toBe(`wandb:${wandbFolder}`);
    expect(settingsFile.sources).toHaveLength(2);
    for (const scheme of ['Light', 'Dark'] as const) {
      await page.getByRole('button', { name: scheme, exact: true }).click();
      await screenshot(page, `settings-sources-1280x720-${scheme.toLowerCase()}`);
    }
    // The refused save answered 400, which Chromium logs; nothing else may have gone wrong.
    expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);
    expect(consoleErrors).toHaveLength(1);
  }, 120_000);

  describe('with an SFTP host', () => {
    let sshd: SshdFixture;
    beforeAll(async () => {
      sshd = await startSshd();
    });
    afterAll(() => sshd?.stop());

    it('shows the host key fingerprint first, and trusts the key only when asked', async () => {
      const { page, consoleErrors } = await openPage(browser, `${serve.url}#/settings`);
      const ssh = page.getByTestId('ssh-panel');
      await ssh.getByLabel('Host key of').fill(`sftp://tester@127.0.0.1:${sshd.port}/data`);
      await ssh.getByRole('button', { name: 'Show its fingerprint' }).click();
      await ssh.getByText(sshd.hostKeyFingerprint).first().waitFor();
      expect(fs.existsSync(path.join(home, 'known_hosts'))).toBe(false);
      await ssh.getByRole('button', { name: `Trust ${sshd.hostKeyFingerprint}` }).click();
      await ssh.getByText(/^Trusted \[127.0.0.1\]:\d+/).waitFor();
      expect(fs.readFileSync(path.join(home, 'known_hosts'), 'utf8')).toContain(`[127.0.0.1]:${sshd.port}`);
      await ssh.getByRole('button', { name: 'Show its fingerprint' }).click();
      await ssh.getByText(/is trusted: its key/).waitFor();
      expect(consoleErrors).toEqual([]);
    }, 60_000);
  });
});
