// The Scaling page on the demo lab, as a researcher uses it: pick the ladder, read the fit with
// its intervals and a prediction, exclude an outlier and take it back, and open the ablations'
// effective-compute view — both a demo ablation (every arm at one tokens-per-parameter ratio, read
// along that ratio) and one run at two ratios (read off the frontiers), written into the store beside them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AblationScalingView, ScalingFitView } from '../../shared/api/scaling-methods';
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
    // It opens on the newest ladder.
    await expect.poll(() => picker.inputValue(), { timeout: 60_000 }).toBe('group:ladder-v3');
    const params = page.getByTestId('params-table');
    await params.waitFor();
    await expect.poll(() => page.getByTestId('bootstrap-status').innerText(), { timeout: 120_000 }).toContain('Intervals from 1,000 bootstrap resamples');

    const fit = (await callApi(serve.url, 'getScalingFit', { group: 'ladder-v3', bootstrap: 1000 })).body.value as ScalingFitView;
    const alphaRow = params.locator('tr[data-param="alpha"]');
    expect(await alphaRow.innerText()).toContain(Number((fit.fit!.params.alpha as number).toPrecision(4)).toString());
    expect(await alphaRow.locator('td').nth(1).innerText()).toMatch(/^80 % \[0\.3\d+, 0\.3\d+\]\s+95 % \[0\.3\d+, 0\.3\d+\]$/);
    expect(await params.getAttribute('data-identifiable')).toBe('true');
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

  it('shows an ablation run at two ratios as an effective-compute curve with its verdict, given once the intervals are in', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/scaling?scope=ablation:abl-two-ratio`);
    const panel = page.getByTestId('variant-twice');
    await panel.waitFor({ timeout: 60_000 });
    await expect.poll(() => panel.getByTestId('multiplier-value').innerText(), { timeout: 60_000 }).toBe('2×');
    await expect.poll(() => page.getByTestId('bootstrap-status').innerText(), { timeout: 120_000 }).toContain('Intervals from 1,000');
    await expect.poll(() => panel.getByTestId('verdict').innerText(), { timeout: 60_000 }).toContain('The gain holds with scale');
    expect(await panel.getByTestId('multiplier-interval').innerText()).toMatch(/95 %: (1\.9\d*|2)× to (2|2\.0\d*)×/);
    await panel.getByTestId('multiplier-chart-twice').waitFor();
    await screenshot(page, 'scaling-ablation-two-ratio');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it("reads the demo's single-ratio ablation along each arm's power law in compute: mtp-2's gain grows; a variant's fit opens from it", async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/scaling?scope=ablation:abl-001`);
    const note = page.getByTestId('method-note');
    await note.waitFor({ timeout: 60_000 });
    expect(await note.innerText()).toContain('Every arm was trained at one tokens-per-parameter ratio (baseline 20, mtp-2 20, mtp-4 20)');
    const panel = page.getByTestId('variant-mtp-2');
    await panel.getByTestId('multiplier-chart-mtp-2').waitFor();
    await expect.poll(() => page.getByTestId('bootstrap-status').innerText(), { timeout: 180_000 }).toContain('Intervals from 1,000 bootstrap resamples');
    expect(await panel.getByTestId('multiplier-value').innerText()).toMatch(/^1\.\d+×$/);
    await expect.poll(() => panel.getByTestId('verdict').innerText(), { timeout: 60_000 }).toContain('The gain grows with scale');
    expect(await page.getByTestId('verdict-rule').innerText()).toContain('Verdicts are read at the largest compute both arms were fitted on');
    await screenshot(page, 'scaling-ablation-design-ratio');
    await page.getByRole('button', { name: 'Dark' }).click();
    await screenshot(page, 'scaling-ablation-design-ratio-dark');
    await page.getByRole('button', { name: 'Light' }).click();
    await page.getByTestId('arms-table').getByRole('row', { name: /mtp-2/ }).getByRole('button', { name: 'Open its fit' }).click();
    await page.getByTestId('loss-compute-chart').waitFor();
    expect(await page.getByTestId('scope-picker').inputValue()).toBe('ablation:abl-001:mtp-2');
    // An arm at one ratio: its Chinchilla parameters are greyed with the reason; the power law in compute is what it supports.
    await page.getByTestId('not-identifiable').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('not-identifiable').innerText()).toMatch(/^Not identifiable\. Every run trains on about 20 tokens per parameter/);
    expect(await page.getByTestId('params-table').getAttribute('data-identifiable')).toBe('false');
    await expect.poll(() => page.getByTestId('law-table').locator('tr[data-param="gamma"] td').nth(1).innerText(), { timeout: 120_000 }).toMatch(/^80 % \[0\.1\d+, 0\.1\d+\]/);
    expect(await page.getByTestId('params-table').locator('tr[data-param="alpha"] td').nth(1).innerText()).toBe('not identified');
    await screenshot(page, 'scaling-not-identifiable');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});

/** "0.959× (95 %: 0.946× to 0.971×)" or "1.5× … 1.21× or more, no upper bound": the interval's ends as numbers. */
function interval95(text: string): [number, number] {
  const bounded = /95 %: ([\d.]+)× to ([\d.]+)×/.exec(text);
  if (bounded) return [Number(bounded[1]), Number(bounded[2])];
  const open = /95 %: ([\d.]+)× or more, no upper bound/.exec(text);
  if (open) return [Number(open[1]), Infinity];
  throw new Error(`no 95 % interval in "${text}"`);
}

/** What the shared rule says the numbers allow: a gain, a cost, or neither. */
function allowedDirection([lo, hi]: [number, number]): 'gain' | 'cost' | 'neither' {
  return lo > 1 ? 'gain' : hi < 1 ? 'cost' : 'neither';
}

describe('verdicts beside their numbers on the demo lab', () => {
  it("abl-006 (Muon): a cost at the largest compute, as the multiplier's interval below 1× says, never 'the gain holds'", async () => {
    // Before the bootstrap there is no verdict at all.
    const plain = (await callApi(serve.url, 'getAblationScaling', { ablation: 'abl-006', bootstrap: 0 })).body.value as AblationScalingView;
    expect(plain.variants[0]!.verdict).toMatchObject({ kind: 'pending', text: 'No verdict until the bootstrap intervals are in' });
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
      const { page, consoleErrors } = await openBrowserPage(browser, `${serve.url}#/scaling?scope=ablation:abl-006`, viewport);
      const panel = page.getByTestId('variant-muon');
      await expect.poll(() => page.getByTestId('bootstrap-status').innerText(), { timeout: 120_000 }).toContain('Intervals from 1,000');
      const verdict = panel.getByTestId('verdict');
      await expect.poll(() => verdict.getAttribute('data-verdict'), { timeout: 60_000 }).not.toBe('pending');
      const text = await verdict.innerText();
      const range = interval95(await panel.getByTestId('multiplier-interval').innerText());
      expect(allowedDirection(range)).toBe('cost');
      expect(text).toMatch(/^▼ A cost at the largest compute, growing with scale/);
      expect(text).not.toMatch(/gain holds|∞/);
      expect(await panel.innerText()).not.toContain('∞');
      expect(await page.getByTestId('arms-table').evaluate((t) => t.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
      for (const theme of ['Light', 'Dark', 'Contrast']) {
        await page.getByRole('button', { name: theme, exact: true }).click();
        await screenshot(page, `verdict-abl-006-${viewport.width}-${theme.toLowerCase()}`);
      }
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }
  });

  it('p-011 (dropped, its gain vanished): the proposal says what the interval allows, in the words of the Scaling page', async () => {
    const view = (await callApi(serve.url, 'getAblationScaling', { ablation: 'abl-009', bootstrap: 200 })).body.value as AblationScalingView;
    const rephrase = view.variants.find((v) => v.key === 'rephrase-25')!;
    for (const viewport of [{ width: 1440, height: 900 }, { width: 1280, height: 720 }]) {
      const { page, consoleErrors } = await openBrowserPage(browser, `${serve.url}#/proposals?id=p-011`, viewport);
      const line = page.getByTestId('multiplier-rephrase-25');
      await line.waitFor({ timeout: 120_000 });
      const text = await line.innerText();
      const direction = allowedDirection(interval95(text));
      expect(await line.getAttribute('data-verdict')).toBe(rephrase.verdict.kind);
      expect(text).toContain(rephrase.verdict.text.charAt(0).toLowerCase() + rephrase.verdict.text.slice(1));
      // The words follow from the interval beside them: no gain is claimed unless the interval lies above 1×.
      if (direction !== 'gain') expect(text).not.toMatch(/the gain (holds|grows)/);
      expect(text).not.toContain('∞');
      expect(direction).toBe('neither');
      await page.getByTestId('multipliers-abl-009').scrollIntoViewIfNeeded();
      for (const theme of ['Light', 'Dark', 'Contrast']) {
        await page.getByRole('button', { name: theme, exact: true }).click();
        await screenshot(page, `verdict-p-011-${viewport.width}-${theme.toLowerCase()}`);
      }
      // Its link opens the ablation on the Scaling page.
      await page.getByRole('link', { name: /Fits, curves and how the verdict is read/ }).click();
      await expect.poll(() => page.getByTestId('scope-picker').inputValue(), { timeout: 60_000 }).toBe('ablation:abl-009');
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }
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
