// The Scaling page on the demo lab, as a researcher uses it: pick the ladder, read the fit with
// its intervals and a prediction, exclude an outlier and take it back, and open the ablations'
// effective-compute view — both a demo ablation (every arm at one tokens-per-parameter ratio, read
// along that ratio) and one run at two ratios (read off the frontiers), written into the store beside them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScalingFitView } from '../../shared/api/scaling-methods';
import { logSpaced, predictLoss, syntheticIsoFlopObservations } from '../../shared/scaling';
import { launchBrowser, openPage as openBrowserPage, screenshot } from './support/browser';
import { syncedDemoLab } from './support/demo-lab';
import { callApi, startServe, type ServeProcess } from './support/start-serve';

const LAW = { E: 1.72, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
const C4 = 'eval/heldout/c4/loss';

/** An ablation run at 4 sizes and 2 tokens-per-parameter ratios; the variant is the baseline with 2× the compute. */
function writeTwoRatioAblation(store: string): void {
  const twice = { ...LAW, A: LAW.A * 2 ** -LAW.alpha };
  let i = 0;
  for (const [variant, law] of [['baseline', LAW], ['twice', twice]] as const) {
    for (const N of logSpaced(1.24e8, 1.46e9, 4)) {
      for (const tpp of [10, 40]) {
        const id = `r-e2e-${i++}`;
        const D = Math.round(N * tpp);
        const dir = path.join(store, 'runs', id);
        fs.mkdirSync(dir, { recursive: true });
        const run = { id, created_at: '2026-10-01T00:00:00Z', group: 'two-ratio', ablation: 'abl-two-ratio', variant, model: { params: N }, data: { tokens: D } };
        fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(run));
        fs.writeFileSync(path.join(dir, 'metrics.jsonl'), `${JSON.stringify({ step: 1000, tokens: D, [C4]: predictLoss(law, N, D) })}\n`);
      }
    }
  }
  fs.writeFileSync(
    path.join(store, 'ablations', 'abl-two-ratio.yaml'),
    `id: abl-two-ratio\ntitle: "Two tokens-per-parameter ratios"\nmetric: ${C4}\ncompare_at: tokens\nbaseline: baseline\n`,
  );
}

/** An isoFLOP design beside the ladder: at each of 3 budgets, 5 sizes sharing the compute. */
function writeIsoFlopGroup(store: string): void {
  const runs = syntheticIsoFlopObservations({ params: LAW, budgets: [1e19, 1e20, 1e21], sizesPerBudget: 5, spanDecades: 1.2 });
  for (const [i, run] of runs.entries()) {
    const id = `r-iso-${i}`;
    const dir = path.join(store, 'runs', id);
    fs.mkdirSync(dir, { recursive: true });
    const D = Math.round(run.D);
    fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify({ id, created_at: '2026-10-01T00:00:00Z', group: 'isoflop', model: { params: run.N }, data: { tokens: D } }));
    fs.writeFileSync(path.join(dir, 'metrics.jsonl'), `${JSON.stringify({ step: 1000, tokens: D, [C4]: predictLoss(LAW, run.N, D) })}\n`);
  }
}


let browser: Browser;
let serve: ServeProcess;

const openPage = (url: string) => openBrowserPage(browser, url);

beforeAll(async () => {
  browser = await launchBrowser();
  const { store, db } = await syncedDemoLab('scaling', (store) => {
    writeTwoRatioAblation(store);
    writeIsoFlopGroup(store);
  });
  serve = await startServe(['--store', store, '--db', db, '--no-watch', '--allow-write']);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('the Scaling page on the demo lab', () => {
  it('fits the ladder with intervals, predicts beyond it, and takes an excluded point out of the fit and back', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/scaling`);
    const picker = page.getByTestId('scope-picker');
    await picker.waitFor();
    await picker.selectOption('group:ladder-v3');
    const params = page.getByTestId('params-table');
    await params.waitFor();
    await expect.poll(() => page.getByTestId('bootstrap-status').innerText(), { timeout: 120_000 }).toContain('Intervals from 1,000 bootstrap resamples');

    const fit = (await callApi(serve.url, 'getScalingFit', { group: 'ladder-v3', bootstrap: 1000 })).body.value as ScalingFitView;
    const alphaRow = params.locator('tr[data-param="alpha"]');
    expect(await alphaRow.innerText()).toContain(Number((fit.fit!.params.alpha as number).toPrecision(4)).toString());
    expect(await alphaRow.locator('td').nth(1).innerText()).toMatch(/^\[0\.3\d+, 0\.3\d+\]$/);
    expect(await page.getByTestId('holdout').innerText()).toMatch(/predicts the largest within \d+\.\d\d %/);

    const prediction = page.getByTestId('prediction-panel');
    await expect.poll(() => prediction.getByTestId('extrapolation').innerText(), { timeout: 60_000 }).toMatch(/^10×/);
    await prediction.getByRole('button', { name: '100× data' }).click();
    await expect.poll(() => prediction.getByTestId('extrapolation').innerText(), { timeout: 60_000 }).toMatch(/^100(\.\d)?×/);
    await expect.poll(() => prediction.getByRole('alert').innerText(), { timeout: 60_000 }).toContain('reaches 100× beyond the largest compute');
    expect(await prediction.getByTestId('prediction-loss').innerText()).toMatch(/Predicted loss\s+\d\.\d{3}\s+80 % \[\d\.\d{3}, \d\.\d{3}\]/);
    await screenshot(page, 'scaling-ladder-light');

    const points = page.getByTestId('fit-point');
    expect(await points.count()).toBe(23);
    const target = points.first();
    const runId = (await target.getAttribute('data-run-id'))!;
    await target.click();
    const editor = page.getByTestId('exclusion-editor');
    await editor.getByLabel('Reason for excluding').fill('loss spike in the last eval');
    await editor.getByRole('button', { name: 'Exclude from the fit' }).click();
    await expect.poll(() => page.locator(`[data-testid="fit-point"][data-run-id="${runId}"]`).getAttribute('data-excluded'), { timeout: 60_000 }).toBe('true');
    const excluded = page.getByTestId('excluded-runs');
    await expect.poll(() => excluded.innerText(), { timeout: 60_000 }).toContain('loss spike in the last eval');
    await expect.poll(() => page.locator('[data-testid="params-table"] + p').innerText(), { timeout: 60_000 }).toContain('fitted to 22 runs');
    await screenshot(page, 'scaling-ladder-excluded');
    await excluded.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.locator(`[data-testid="fit-point"][data-run-id="${runId}"]`).getAttribute('data-excluded'), { timeout: 60_000 }).toBe('false');
    await expect.poll(() => page.locator('[data-testid="params-table"] + p').innerText(), { timeout: 60_000 }).toContain('fitted to 23 runs');

    await page.getByRole('button', { name: 'Dark' }).click();
    await screenshot(page, 'scaling-ladder-dark');
    await page.getByRole('button', { name: 'Contrast' }).click();
    await screenshot(page, 'scaling-ladder-contrast');
    await page.getByRole('button', { name: 'Light' }).click();
    await page.locator('.main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot(page, 'scaling-ladder-lower');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('draws the isoFLOP profiles of an isoFLOP design, and compares the three estimates of a', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/scaling?scope=group:isoflop`);
    const panel = page.getByTestId('isoflop-panel');
    await panel.getByTestId('isoflop-chart').waitFor({ timeout: 60_000 });
    expect(await panel.innerText()).toContain('3 of 3 compute bins usable');
    expect(await panel.locator('.isoflop-curve').count()).toBe(3);
    const a = LAW.beta / (LAW.alpha + LAW.beta);
    const isoRow = await panel.getByRole('row', { name: /IsoFLOP profiles/ }).innerText();
    expect(Number(isoRow.match(/(0\.\d+) ±/)![1])).toBeCloseTo(a, 1);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(page, 'scaling-isoflop');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows an ablation run at two ratios as an effective-compute curve with its verdict', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/scaling?scope=ablation:abl-two-ratio`);
    const panel = page.getByTestId('variant-twice');
    await panel.waitFor({ timeout: 60_000 });
    await expect.poll(() => panel.getByTestId('multiplier-value').innerText(), { timeout: 60_000 }).toBe('2×');
    expect(await panel.getByTestId('verdict').innerText()).toContain('The gain holds with scale');
    await panel.getByTestId('multiplier-chart-twice').waitFor();
    await expect.poll(() => page.getByTestId('bootstrap-status').innerText(), { timeout: 120_000 }).toContain('Intervals from 1,000');
    expect(await panel.innerText()).toMatch(/95 % \[(1\.9\d*|2)×, (2|2\.0\d*)×\]/);
    await screenshot(page, 'scaling-ablation-two-ratio');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("reads the demo's single-ratio ablation along its ratio: mtp-2's gain grows with scale; a variant's fit opens from it", async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/scaling?scope=ablation:abl-001`);
    const note = page.getByTestId('method-note');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.innerText()).toContain('Every arm was trained at one tokens-per-parameter ratio (baseline 20, mtp-2 20, mtp-4 20)');
    const panel = page.getByTestId('variant-mtp-2');
    await panel.getByTestId('multiplier-chart-mtp-2').waitFor();
    // Three arms × 1,000 resamples take a while: cancel, see what was kept, then run them all.
    const status = page.getByTestId('bootstrap-status');
    await status.getByRole('button', { name: 'Cancel' }).click({ timeout: 60_000 });
    await expect.poll(() => status.innerText(), { timeout: 60_000 }).toMatch(/Intervals from [\d,]+ of 1,000 resamples \(cancelled\)/);
    await status.getByRole('button', { name: 'Run all 1,000' }).click();
    await expect.poll(() => status.innerText(), { timeout: 180_000 }).toContain('Intervals from 1,000 bootstrap resamples');
    expect(await panel.getByTestId('multiplier-value').innerText()).toMatch(/^1\.\d+×$/);
    expect(await panel.getByTestId('verdict').innerText()).toContain('The gain grows with scale');
    await screenshot(page, 'scaling-ablation-design-ratio');
    await page.getByRole('button', { name: 'Dark' }).click();
    await screenshot(page, 'scaling-ablation-design-ratio-dark');
    await page.getByRole('button', { name: 'Light' }).click();
    await page.getByTestId('arms-table').getByRole('row', { name: /mtp-2/ }).getByRole('button', { name: 'Open its fit' }).click();
    await page.getByTestId('loss-compute-chart').waitFor();
    expect(await page.getByTestId('scope-picker').inputValue()).toBe('ablation:abl-001:mtp-2');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

describe('the Scaling page with nothing to fit', () => {
  let empty: ServeProcess;
  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-scaling-empty-'));
    const store = path.join(dir, 'lab');
    fs.mkdirSync(path.join(store, 'runs', 'r-1'), { recursive: true });
    fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Empty lab' }));
    // A run without model.params or data.tokens cannot be a point of a scaling fit.
    fs.writeFileSync(path.join(store, 'runs', 'r-1', 'run.json'), JSON.stringify({ id: 'r-1', created_at: '2026-10-01T00:00:00Z' }));
    fs.writeFileSync(path.join(store, 'runs', 'r-1', 'metrics.jsonl'), '{"step": 1, "train/loss": 3.2}\n');
    empty = await startServe(['--store', store, '--db', path.join(dir, 'cache.sqlite'), '--no-watch']);
  });
  afterAll(() => empty?.stop());

  it('says what a fit needs', async () => {
    const { page, consoleErrors } = await openPage(`${empty.url}#/scaling`);
    await expect.poll(() => page.locator('.state').innerText(), { timeout: 60_000 }).toContain('Nothing to fit yet');
    expect(await page.locator('.state').innerText()).toContain('model.params');
    await page.getByRole('button', { name: 'Contrast' }).click();
    await screenshot(page, 'scaling-empty-contrast');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
