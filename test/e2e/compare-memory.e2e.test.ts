// The Compare page keeps a comparison across pages: set up as a user does (x axis, smoothing, view, a
// drag-zoom), leave for the Runs page through the sidebar and come back through the sidebar, and the
// comparison is as it was left; a short list of recent comparisons reopens earlier ones.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunList } from '../../shared/domain/run-views';
import { launchBrowser, openPage } from './support/browser';
import { syncedDemoLab } from './support/demo-lab';
import { callApi, startServe, type ServeProcess } from './support/start-serve';

let browser: Browser;
let serve: ServeProcess;
let ablation: string[];
let ladder: string[];

const params = (page: Page) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '');

async function chartDrawn(page: Page, x: string): Promise<void> {
  await page.locator(`[data-testid="series-chart"][data-has-data="true"][data-x-kind="${x}"]`).first().waitFor();
  await expect.poll(() => page.locator('[data-testid="metric-chart"] .muted.small', { hasText: 'updating' }).count()).toBe(0);
}

async function sidebar(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
}

beforeAll(async () => {
  browser = await launchBrowser();
  const { store, db } = await syncedDemoLab('compare-memory');
  serve = await startServe(['--store', store, '--db', db, '--no-watch']);
  const runs = async (filter: object) => ((await callApi(serve.url, 'listRuns', { ...filter, columns: [] })).body.value as RunList).runs.map((r) => r.id);
  ablation = await runs({ ablation: 'abl-010', text: '708M' });
  ladder = (await runs({ text: 'ladder' })).slice(0, 3);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('Compare keeps its comparison across pages', () => {
  it('comes back from another page as it was left, and lists the recent comparisons', async () => {
    expect(ablation).toHaveLength(4);
    expect(ladder).toHaveLength(3);
    const { page, consoleErrors } = await openPage(browser, `${serve.url}#/compare?runs=${ablation.join(',')}`);
    await chartDrawn(page, 'step');
    await page.getByTestId('x-axis').getByRole('button', { name: 'Tokens', exact: true }).click();
    await chartDrawn(page, 'tokens');
    const slider = page.getByTestId('smoothing-slider');
    await slider.focus();
    await slider.fill('0.8');
    await expect.poll(() => params(page).get('smooth')).toBe('0.8');
    const box = (await page.getByTestId('chart-pointer').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => params(page).get('from')).not.toBeNull();
    await page.getByTestId('view').getByRole('button', { name: 'Seed groups' }).click();
    await chartDrawn(page, 'tokens');
    const left = params(page).toString();

    await sidebar(page, 'Runs');
    await page.getByTestId('run-row').first().waitFor();
    await sidebar(page, 'Compare');
    await chartDrawn(page, 'tokens');
    await expect.poll(() => params(page).toString()).toBe(left);
    expect(await page.getByTestId('smoothing-slider').inputValue()).toBe('0.8');
    expect(await page.getByTestId('reset-zoom').count()).toBe(1);
    expect(await page.getByTestId('view').getByRole('button', { name: 'Seed groups' }).getAttribute('aria-pressed')).toBe('true');

    // A second comparison; the first is one choice away in the recent comparisons.
    await page.evaluate((hash) => (window.location.hash = hash), `#/compare?runs=${ladder.join(',')}`);
    await chartDrawn(page, 'step');
    const menu = page.getByTestId('recent-comparisons');
    await expect.poll(async () => (await menu.locator('option').allInnerTexts()).slice(1).join(' | ')).toMatch(/abl-010 .* \+2 more · train\/loss/);
    await menu.selectOption({ index: 1 });
    await chartDrawn(page, 'tokens');
    expect(params(page).toString()).toBe(left);
    await page.goBack();
    await chartDrawn(page, 'step');
    expect(params(page).get('runs')).toBe(ladder.join(','));

    // A new window of the app opened on Compare reopens the newest comparison.
    const fresh = await page.context().newPage();
    await fresh.goto(`${serve.url}#/compare`);
    await chartDrawn(fresh, 'step');
    expect(params(fresh).get('runs')).toBe(ladder.join(','));

    // Dropping every run leaves an empty page that lists where one can go back to.
    for (const id of ladder) await page.getByRole('button', { name: `Remove ${id}` }).click();
    await page.getByTestId('recent-comparisons-list').waitFor();
    expect(await page.getByTestId('recent-comparisons-list').locator('li').count()).toBeGreaterThanOrEqual(2);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
