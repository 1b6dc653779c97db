// The Evals page on the demo lab, as a lead deciding which evals to trust: the suites with their kind,
// noise floors and detectable effects, held-out C4 loss a good proxy and public ARC-Easy a poor one,
// the small-against-large scatter, the seeds calculator, and the triage board flagging a decision that
// rests on a public, poorly predicting benchmark. Also an empty store.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvalQualityReport, SeedsNeededAnswer } from '../../shared/api/evals-methods';
import { launchBrowser, openPage as openBrowserPage, screenshot } from './support/browser';
import { syncedDemoLab } from './support/demo-lab';
import { callApi, startServe, type ServeProcess } from './support/start-serve';

const C4 = 'eval/heldout/c4/loss';
const ARC = 'eval/public/arc-easy/acc';

/**
 * The demo lab plus one proposal whose only ablation decides on ARC-Easy (its runs are the MTP
 * ablation's, so the decision rests on a public benchmark that predicts poorly), synced into a cache.
 */
function addArcProposal(store: string): void {
  fs.writeFileSync(path.join(store, 'ablations', 'abl-arc.yaml'), `id: abl-arc\ntitle: ARC-Easy read of the MTP heads\nproposal: p-arc\nmetric: ${ARC}\ncompare_at: tokens\nbaseline: baseline\n`);
  fs.writeFileSync(
    path.join(store, 'proposals', 'p-arc.md'),
    `---\nid: p-arc\ntitle: Adopt MTP on ARC-Easy gains\nowner: mei\narea: model\nkind: exploratory\nstatus: proposed\ncreated: 2026-11-01\nexpected: {metric: ${ARC}, delta: 0.008}\n---\nARC-Easy went up at 124M.\n`,
  );
}

let browser: Browser;

const openPage = (url: string) => openBrowserPage(browser, url);

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the Evals page on the demo lab', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    const { store, db } = await syncedDemoLab('evals', addArcProposal);
    serve = await startServe(['--store', store, '--db', db, '--no-watch']);
  });
  afterAll(() => serve?.stop());

  it('groups the evals by suite with their kind, noise floor and detectable effects; C4 is a good proxy, ARC-Easy a poor one', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/evals`);
    const table = page.getByTestId('evals-table');
    await table.waitFor();
    expect(await table.locator('.suite-row').allInnerTexts()).toEqual([
      expect.stringMatching(/^Internal held-out\s+eval\/heldout\/\s+held-out$/),
      expect.stringMatching(/^Public benchmarks\s+eval\/public\/\s+public benchmark — may be contaminated$/),
    ]);
    expect(await table.locator('tbody[data-suite="eval/heldout/"] tr[data-metric]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-metric')))).toEqual([C4, 'eval/heldout/code/loss']);
    expect(await table.locator(`tr[data-metric="${C4}"] [data-verdict]`).getAttribute('data-verdict')).toBe('good');
    expect(await table.locator(`tr[data-metric="${C4}"] [data-verdict]`).innerText()).toBe('good proxy');
    expect(await table.locator(`tr[data-metric="${ARC}"] [data-verdict]`).innerText()).toBe('poor proxy');

    const report = (await callApi(serve.url, 'getEvalQuality', {})).body.value as EvalQualityReport;
    const c4 = report.suites[0]!.evals.find((e) => e.metric === C4)!;
    // The demo's C4 seed noise is about 0.0012 by construction.
    expect(c4.noiseFloor.std!).toBeGreaterThan(0.0009);
    expect(c4.noiseFloor.std!).toBeLessThan(0.0016);
    const cells = await table.locator(`tr[data-metric="${C4}"] td`).allInnerTexts();
    expect(cells[2]).toBe(String(Number(c4.noiseFloor.std!.toPrecision(3))));
    expect(await table.locator(`tr[data-metric="${C4}"] td`).nth(2).getAttribute('title')).toContain(`${c4.noiseFloor.df} degrees of freedom`);
    expect(cells.slice(3, 7)).toEqual(['–', ...c4.detectableEffects.slice(1).map((d) => String(Number(d.mde!.toPrecision(3))))]);
    expect(cells[7]).toBe(`${c4.ablationsUsing.length} of ${c4.ablationsMeasuring}`);
    expect(cells[9]).toMatch(/^0\.\d\d \[0\.\d\d, 0\.\d\d\] n 14$/);

    // The scatter opens on the eval most ablations decide on: C4.
    const scatter = page.getByTestId('predictivity-scatter');
    await scatter.locator('.pair-point').first().waitFor();
    expect(await scatter.locator('.pair-point').count()).toBe(c4.predictivity.n);
    expect(await scatter.locator('.quadrant-agree').count()).toBe(2);
    expect(await scatter.locator('.diagonal-line').count()).toBe(1);

    await screenshot(page, 'evals-light');
    await page.getByRole('button', { name: 'Dark' }).click();
    await screenshot(page, 'evals-dark');
    await page.getByRole('button', { name: 'Contrast' }).click();
    await screenshot(page, 'evals-contrast');
    await page.getByRole('button', { name: 'Light' }).click();
    expect(consoleErrors).toEqual([]);
  });

  it('selects ARC-Easy: its scatter shows small-scale deltas that do not predict, and the URL keeps the choice', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/evals`);
    await page.getByTestId('evals-table').locator(`tr[data-metric="${ARC}"] button`).click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('metric=eval%2Fpublic%2Farc-easy%2Facc');
    const panel = page.getByTestId('scatter-panel');
    await expect.poll(() => panel.locator('h2').innerText()).toContain(ARC);
    expect(await panel.locator('h2').innerText()).toContain('poor proxy');
    expect(await panel.locator('.pair-point').count()).toBe(14);
    // Hovering a point names its ablation and both deltas.
    await panel.locator('.pair-point').first().hover();
    await expect.poll(() => panel.locator('.chart-tooltip').innerText()).toMatch(/vs .+ in abl-\d{3}[\s\S]*Δ at \d/);
    await page.locator('.main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot(page, 'evals-arc-scatter');
    expect(consoleErrors).toEqual([]);
  });

  it('computes the seeds per arm for a typed delta, as the API does', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/evals?metric=${encodeURIComponent(C4)}`);
    const calculator = page.getByTestId('seeds-calculator');
    await calculator.waitFor();
    await calculator.getByLabel('Expected delta').fill('-0.003');
    const api = (await callApi(serve.url, 'seedsNeededFor', { metric: C4, delta: -0.003 })).body.value as SeedsNeededAnswer;
    expect(api.seeds).toBeGreaterThanOrEqual(2);
    await expect.poll(() => calculator.locator('output').innerText()).toMatch(new RegExp(`^${api.seeds} seeds per arm \\(${2 * api.seeds!} runs at each size\\)`));
    await calculator.getByLabel('Expected delta').fill('abc');
    await expect.poll(() => calculator.locator('output').innerText()).toContain('is not a number');
    expect(consoleErrors).toEqual([]);
  });

  it('flags the decision resting on ARC-Easy alone on its triage card and its page, and no card resting on C4', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/proposals?view=triage`);
    const board = page.getByTestId('triage-board');
    await board.waitFor();
    const card = board.locator('[data-proposal="p-arc"]');
    await card.getByTestId('eval-evidence-warning').waitFor();
    expect(await card.locator('[data-code]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['poor-proxy', 'public-only']);
    expect(await card.locator('[data-code="public-only"]').getAttribute('title')).toContain('may be contaminated');
    expect(await board.getByTestId('eval-evidence-warning').count()).toBe(1);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'evals-triage-card');

    await page.goto(`${serve.url}#/proposals?id=p-arc`);
    const detail = page.getByTestId('eval-evidence-warning');
    await detail.locator('li').first().waitFor();
    expect(await detail.locator('li').allInnerTexts()).toEqual([
      expect.stringMatching(/poor-proxy eval.*predict large-scale ones poorly/),
      expect.stringMatching(/public benchmarks only.*Rests on public benchmarks alone/),
    ]);
    await expect.poll(() => page.getByTestId('seeds-needed').innerText()).toMatch(/expected Δ 0\.008 on eval\/public\/arc-easy\/acc: \d+ per arm/);
    await screenshot(page, 'evals-proposal-warning');
    expect(consoleErrors).toEqual([]);
  });
});

describe('the Evals page on an empty store', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-evals-empty-'));
    fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Empty lab' }));
    serve = await startServe(['--store', store, '--db', path.join(store, '..', `${path.basename(store)}.sqlite`), '--no-watch']);
  });
  afterAll(() => serve?.stop());

  it('says how evals get there instead of an empty table', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/evals`);
    await page.getByText('No eval metrics yet').waitFor();
    expect(await page.getByTestId('evals-table').count()).toBe(0);
    await screenshot(page, 'evals-empty');
    expect(consoleErrors).toEqual([]);
  });
});
