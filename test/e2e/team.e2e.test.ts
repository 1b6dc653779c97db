// The Team page on the demo lab, as a lead opens it in a meeting: the balance-now line, the weekly
// split with phase bands, the area, person and load views, and the proposals behind a click.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceNow, WorkSplit } from '../../shared/worksplit';
import { launchBrowser, openPage as openBrowserPage, screenshot } from './support/browser';
import { syncedDemoLab } from './support/demo-lab';
import { callApi, startServe, type ServeProcess } from './support/start-serve';


let browser: Browser;

const openPage = (url: string) => openBrowserPage(browser, url);
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe('the Team page on the demo lab', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    const { store, db } = await syncedDemoLab('team');
    serve = await startServe(['--store', store, '--db', db, '--no-watch']);
  });
  afterAll(() => serve?.stop());

  it('shows balance now, the weekly split with its phases, the groups and the person table, cleanly in every theme', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/team`);
    const balanceLine = page.getByTestId('balance-now');
    await balanceLine.waitFor();
    const balance = (await callApi(serve.url, 'getBalanceNow', {})).body.value as BalanceNow;
    expect(balance.phase?.name).toBe('Pre-launch de-risking');
    await expect.poll(() => balanceLine.innerText()).toContain('Pre-launch de-risking');
    const lineText = await balanceLine.innerText();
    expect(lineText).toContain(`${Math.round(balance.actual! * 100)} %`);
    expect(lineText).toContain(`${Math.round(balance.phase!.target * 100)} %`);
    // The phase name and the actual share are big enough to read across a room.
    const actualSize = await page.locator('.balance-now-actual').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(actualSize).toBeGreaterThanOrEqual(40);

    for (const id of ['weekly-share-people', 'weekly-share-compute']) {
      const chart = page.getByTestId(id);
      await chart.locator('.recharts-area').first().waitFor();
      expect(await chart.locator('.phase-band').count()).toBe(2);
      expect(await chart.locator('.target-line').count()).toBe(2);
      // Each band is named (its full name and target in the label's title when the band is narrow).
      expect(await chart.locator('.phase-band-label title').allTextContents()).toEqual(['Scale-up · target 50 %', 'Pre-launch de-risking · target 20 %']);
      expect(await chart.locator('.phase-chip').allInnerTexts()).toEqual([
        expect.stringMatching(/^Scale-up \d+ % exploratory · target 50 % \([+−±]\d+ pts\)$/),
        expect.stringMatching(/^Pre-launch de-risking \d+ % exploratory · target 20 % \([+−±]\d+ pts\)$/),
      ]);
    }
    expect(await page.getByTestId('group-split-area').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    const personBars = page.getByTestId('group-split-person').locator('.recharts-yAxis-tick-labels text, .recharts-cartesian-axis-tick-value');
    expect(await personBars.allTextContents()).toContain('Ana Ruiz');
    const table = page.getByTestId('person-load');
    expect(await table.locator('tbody tr').count()).toBe(14);
    expect(await table.locator('td.load-over').count()).toBeGreaterThan(0);
    expect(await table.locator('td.load-under').count()).toBeGreaterThan(0);
    // Without colour: every flagged cell carries its marker and says so in its label.
    const overLabel = await table.locator('td.load-over button').first().getAttribute('aria-label');
    expect(overLabel).toMatch(/over-committed$/);
    expect(await table.locator('td.load-over .load-marker').first().innerText()).toBe('▲');

    await screenshot(page, 'team-light');
    await page.getByRole('button', { name: 'Dark' }).click();
    await screenshot(page, 'team-dark');
    await page.getByRole('button', { name: 'Contrast' }).click();
    await screenshot(page, 'team-contrast');
    await page.getByRole('button', { name: 'Light' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('.main').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await screenshot(page, 'team-light-lower');
    expect(consoleErrors).toEqual([]);
  });

  it('opens the proposals behind a week, a phase band and a person-week, each linking to its proposal', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/team`);
    const chart = page.getByTestId('weekly-share-people');
    await chart.locator('.recharts-area').first().waitFor();
    const drill = page.getByTestId('team-drill');

    // Pointing at a week shows its numbers; a click there opens its proposals.
    const plot = await chart.locator('.recharts-cartesian-grid').boundingBox();
    await page.mouse.move(plot!.x + plot!.width * 0.6, plot!.y + plot!.height * 0.6);
    await chart.locator('.chart-tooltip').waitFor();
    await page.mouse.click(plot!.x + plot!.width * 0.6, plot!.y + plot!.height * 0.6);
    await drill.waitFor();
    await expect.poll(() => drill.locator('h2').innerText()).toMatch(/^Week of \d+ \w{3} \(\d{4}-W\d{2}\)$/);
    const links = drill.locator('.team-drill-list a');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.first().getAttribute('href')).toMatch(/^#\/proposals\?id=p-\d{3}$/);
    expect(await chart.locator('.week-highlight').count()).toBe(1);
    await screenshot(page, 'team-drill-week');

    // The band of the current phase.
    await chart.locator('.phase-band').nth(1).click();
    await expect.poll(() => drill.locator('h2').innerText()).toBe('Pre-launch de-risking');
    expect(await drill.locator('.team-drill-list li').count()).toBeGreaterThan(3);

    // An over-committed cell: its proposals claim more than the whole week.
    await page.getByTestId('person-load').locator('td.load-over button').first().click();
    await expect.poll(() => drill.locator('h2').innerText()).toMatch(/, week of /);
    expect(await drill.innerText()).toContain('over-committed');
    const shares = await drill.locator('.team-drill-amount .muted').allInnerTexts();
    const sum = shares.map((s) => Number(s.replace(/[^\d]/g, ''))).reduce((a, b) => a + b, 0);
    expect(sum).toBeGreaterThan(100);

    // A bar of the split by area.
    const areaBar = page.getByTestId('group-split-area').locator('.recharts-bar-rectangle').first();
    await areaBar.hover();
    await areaBar.click();
    await expect.poll(() => drill.locator('h2').innerText()).toBe('Area data');
    expect(await drill.locator('.team-drill-list li').count()).toBeGreaterThan(0);

    // Following a proposal link leaves for the Proposals page with its id.
    const href = await drill.locator('.team-drill-list a').first().getAttribute('href');
    await page.keyboard.press('Escape');
    await drill.waitFor({ state: 'detached' });
    await page.goto(`${serve.url}${href}`);
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(href);
    expect(consoleErrors).toEqual([]);
  });

  it('narrows every view to the current phase', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/team?range=phase`);
    const chart = page.getByTestId('weekly-share-people');
    await chart.locator('.recharts-area').first().waitFor();
    expect(await chart.locator('.phase-band').count()).toBe(1);
    expect(await chart.locator('.phase-chip').allInnerTexts()).toEqual([expect.stringMatching(/^Pre-launch de-risking /)]);
    const balance = (await callApi(serve.url, 'getBalanceNow', {})).body.value as BalanceNow;
    const split = (await callApi(serve.url, 'getWorkSplit', { by: 'week' })).body.value as WorkSplit;
    const phaseWeeks = split.phases.find((p) => p.name === balance.phase!.name)!.weeks;
    expect(await page.getByTestId('person-load').locator('thead th').count()).toBe(phaseWeeks.length + 3);
    await screenshot(page, 'team-current-phase');
    expect(consoleErrors).toEqual([]);
  });

  it('switches the area, person and balance views to chip-hours', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/team?measure=compute`);
    await page.getByTestId('balance-now').waitFor();
    await expect.poll(() => page.getByTestId('balance-now').innerText()).toContain('chip-hours');
    await page.getByTestId('group-split-area').getByText('chip-hours', { exact: true }).waitFor();
    expect(consoleErrors).toEqual([]);
  });
});

describe('the Team page on an empty store', () => {
  let serve: ServeProcess;
  beforeAll(async () => {
    const store = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-team-empty-'));
    fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Empty lab' }));
    serve = await startServe(['--store', store, '--db', path.join(store, '..', `${path.basename(store)}.sqlite`), '--no-watch']);
  });
  afterAll(() => serve?.stop());

  it('says there are no proposals and no phase, instead of drawing empty charts', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/team`);
    await page.getByText('No proposals yet').waitFor();
    expect(await page.getByTestId('balance-now').innerText()).toContain('No phase set for today');
    expect(await page.locator('.recharts-surface').count()).toBe(0);
    await screenshot(page, 'team-empty');
    expect(consoleErrors).toEqual([]);
  });
});
