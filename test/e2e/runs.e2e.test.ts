// The Runs page in Chromium on the demo lab, as the new-user walkthrough found it and as it should be:
// the header scrolls sideways with its rows, run names are not cut while short columns sit wide, a run
// opens in a drawer beside the full table with its status message in words, the message is something
// to filter by, and a filter that matches nothing says so.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from './support/browser';
import { servedDemoLab } from './support/demo-lab';

const lab = servedDemoLab('runs');

const left = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => Math.round(el.getBoundingClientRect().left));

describe('the runs table', () => {
  it('keeps its header over its columns when scrolled sideways, and does not cut run names at 1440', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/runs`, { width: 1440, height: 900 });
    await page.getByTestId('run-row').first().waitFor();
    // Every run name of the first screen is shown whole.
    const cut = await page.locator('[data-testid=run-row] .run-name').evaluateAll((names) => names.filter((n) => n.scrollWidth > n.clientWidth + 1).map((n) => n.textContent));
    const shown = await page.getByTestId('run-row').count();
    // The demo's one long name (an async-checkpoint smoke test) may be cut; the ladder and ablation names may not.
    expect(cut.length, cut.join(', ')).toBeLessThanOrEqual(Math.max(1, Math.floor(shown / 10)));

    await page.setViewportSize({ width: 1280, height: 720 });
    const head = '.runs-head [role=columnheader]:last-child';
    const cell = '[data-testid=run-row] [role=cell]:last-child';
    await expect.poll(() => page.locator('.runs-scroll').evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.locator('.runs-scroll').evaluate((el) => el.scrollBy(300, 0));
    await expect.poll(async () => (await left(page, head)) - (await left(page, cell))).toBe(0);
    expect(await left(page, head)).toBeLessThan(1280 - 40);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('opens a run in a drawer beside the full-height table, with its status message in words, and closes on Escape', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/runs`, { width: 1280, height: 720 });
    await page.getByTestId('run-row').first().waitFor();
    const tableHeight = await page.locator('.runs-scroll').evaluate((el) => el.clientHeight);
    await page.getByTestId('runs-search').fill('became NaN');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(1);
    const row = page.getByTestId('run-row').first();
    await row.locator('.run-name').click();
    const drawer = page.getByTestId('run-detail');
    await drawer.waitFor();
    await expect.poll(() => drawer.getByTestId('run-status').innerText()).toContain('loss became NaN at step 4350');
    expect(await drawer.getByTestId('run-status').innerText()).toContain('failed');
    // Beside the table, not below it: the table kept its height and is not under the drawer.
    const box = (await drawer.boundingBox())!;
    expect(box.x + box.width).toBeGreaterThanOrEqual(1279);
    expect(box.height).toBeGreaterThanOrEqual(719);
    expect(await page.locator('.runs-scroll').evaluate((el) => el.clientHeight)).toBe(tableHeight);
    const tableRight = await page.locator('.runs-table').evaluate((el) => el.getBoundingClientRect().right);
    expect(tableRight).toBeLessThanOrEqual(box.x);
    await screenshot(page, 'runs-drawer');

    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.count()).toBe(0);
    expect(new URL(page.url()).hash).not.toContain('run=');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('says so when the filters match no run, and clears them in one click', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/runs?q=no-such-run-anywhere&status=failed`, { width: 1280, height: 720 });
    const empty = page.getByTestId('runs-no-match');
    await empty.waitFor();
    expect(await empty.innerText()).toContain('No run matches these filters');
    expect(await page.getByTestId('runs-table').count()).toBe(0);
    await empty.getByRole('button', { name: 'Clear the filters' }).click();
    await page.getByTestId('run-row').first().waitFor();
    expect(new URL(page.url()).hash).toBe('#/runs');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('shows FLOPs and token counts in Config differences with an exponent, not as 21 digits', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/runs?group=ladder-v3&sort=flops:asc`, { width: 1440, height: 900 });
    const rows = page.getByTestId('run-row');
    await rows.first().waitFor();
    const ids = await rows.evaluateAll((all) => all.slice(0, 2).map((row) => row.getAttribute('data-run-id')!));
    await page.goto(`${lab.serve.url}#/compare?runs=${ids.join(',')}`);
    const diff = page.getByTestId('config-diff');
    await diff.locator('table').waitFor();
    const text = await diff.innerText();
    expect(text).toMatch(/compute\.flops\s+\d(\.\d+)?e\d\d\s+\d(\.\d+)?e\d\d/);
    expect(text).not.toMatch(/\d{10}/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keeps a pressed toggle readable under the mouse in every theme (never white on grey)', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/runs?status=finished`, { width: 1280, height: 720 });
    await page.getByTestId('run-row').first().waitFor();
    const pressed = page.locator('.status-filter .btn[aria-pressed=true]');
    for (const theme of ['Light', 'Dark', 'Contrast']) {
      await page.getByRole('button', { name: theme, exact: true }).click();
      await pressed.hover();
      await page.waitForTimeout(50);
      // WCAG contrast of its text on its own background, as drawn under the mouse.
      const contrast = await pressed.evaluate((el) => {
        // rgb(0–255) or, for color-mix(), color(srgb 0–1).
        const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => Number(v) * (css.startsWith('color(') ? 255 : 1));
        const luminance = ([r, g, b]: number[]) => {
          const c = [r!, g!, b!].map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
          return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
        };
        const style = getComputedStyle(el);
        const [a, b] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))].sort((x, y) => y - x);
        return (a! + 0.05) / (b! + 0.05);
      });
      expect(contrast, theme).toBeGreaterThanOrEqual(4.5);
    }
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
