// No work lost between pages, in Chromium on the demo lab: a page's filters, selection and scroll are
// there again when the user comes back by the sidebar or by Back; a link into another page opens it at
// the top; a `?id=` deep link scrolls its target into view and flashes it.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage } from './support/browser';
import { servedDemoLab } from './support/demo-lab';

const lab = servedDemoLab('page-memory');

const scrollTop = (page: Page, selector: string) => page.locator(selector).evaluate((el) => el.scrollTop);
const scrollTo = async (page: Page, selector: string, top: number) => {
  await page.locator(selector).evaluate((el, y) => el.scrollTo(0, y), top);
  // The scroll event that records it comes with the next frame.
  await page.waitForFunction(([s, y]) => Math.abs(document.querySelector(s as string)!.scrollTop - (y as number)) < 2, [selector, top] as const);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
};
const sidebar = (page: Page, title: string) => page.locator('a.nav-link', { hasText: title }).click();

describe('page state across navigation', () => {
  it('brings the Runs page back with its filter, selection and table scroll after a trip by the sidebar', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/runs`, { width: 1280, height: 720 });
    await page.waitForSelector('[data-testid=run-row]');
    await page.getByRole('button', { name: /^finished/ }).click();
    await page.locator('[data-testid=run-row] input[type=checkbox]').nth(1).check();
    await scrollTo(page, '.runs-scroll', 600);
    const left = page.url();
    expect(left).toMatch(/status=finished/);
    expect(left).toMatch(/selected=r-/);

    await sidebar(page, 'Team');
    await page.waitForSelector('[data-testid=person-load]');
    await sidebar(page, 'Runs');
    await page.waitForSelector('[data-testid=run-row]');
    expect(page.url()).toBe(left);
    await expect.poll(() => scrollTop(page, '.runs-scroll')).toBe(600);
    expect(await page.getByTestId('compare-selected').textContent()).toBe('Compare 1 run');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('opens another page at the top, and puts the scroll back on the sidebar and on Back', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/team`, { width: 1280, height: 720 });
    await page.waitForSelector('[data-testid=person-load]');
    await page.locator('[data-testid=person-load] .load-button').first().click();
    await page.waitForSelector('.team-drill');
    await scrollTo(page, 'main', 900);

    await sidebar(page, 'Proposals');
    await page.waitForSelector('.proposals-page');
    expect(await scrollTop(page, 'main')).toBe(0);
    await sidebar(page, 'Team');
    await expect.poll(() => scrollTop(page, 'main')).toBe(900);

    // A link inside the page (here: the drill-down's proposal) is a new page: it opens at the top.
    await page.locator('.team-drill a[href^="#/proposals"]').first().click();
    await page.waitForSelector('[data-testid=proposal-detail]');
    await expect.poll(() => scrollTop(page, 'main')).toBeLessThan(40);

    await page.goBack();
    await page.waitForSelector('[data-testid=person-load]');
    await expect.poll(() => scrollTop(page, 'main')).toBe(900);
    // The drill-down that was open is open again.
    await expect.poll(() => page.locator('.team-drill').count()).toBe(1);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('scrolls a ?id= deep link into view and highlights it', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/runs`, { width: 1280, height: 720 });
    await page.waitForSelector('[data-testid=run-row]');
    const last = await page.evaluate(async () => {
      const response = await fetch('api/listAblations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      const body = (await response.json()) as { value: { ablations: { id: string }[] } };
      return body.value.ablations.at(-1)!.id;
    });
    await page.evaluate((id) => (window.location.hash = `#/ablations?id=${id}`), last);
    const card = page.locator(`[data-deep-link="${last}"]`);
    await card.waitFor();
    await expect.poll(() => card.evaluate((el) => el.classList.contains('deep-link-target'))).toBe(true);
    // Scrolled to: its top near the top of the main area, though it is the last card of a long page.
    await expect.poll(() => card.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(40);
    expect(await scrollTop(page, 'main')).toBeGreaterThan(500);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
