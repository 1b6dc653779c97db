// What the walkthrough at 1280×720 found cut: the triage board's last column, and the Team person
// table's first visible week half under its sticky Person column.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot } from './support/browser';
import { servedDemoLab } from './support/demo-lab';

const lab = servedDemoLab('layout-1280');
const VIEWPORT = { width: 1280, height: 720 };

/** The left edge of the first week column not under the sticky Person column, and that column's right edge. */
function personTableEdges(page: Page): Promise<{ sticky: number; firstWeek: number; scrollLeft: number }> {
  return page.getByTestId('person-load').evaluate((panel) => {
    const scroller = panel.querySelector<HTMLElement>('.table-scroll')!;
    const sticky = panel.querySelector('th.person-col')!.getBoundingClientRect().right;
    const weeks = Array.from(panel.querySelectorAll('thead th:not(.person-col)'), (th) => th.getBoundingClientRect());
    const firstWeek = weeks.find((box) => box.right > sticky + 1)!.left;
    return { sticky: Math.round(sticky), firstWeek: Math.round(firstWeek), scrollLeft: scroller.scrollLeft };
  });
}

describe('at 1280×720', () => {
  it('shows every column of the triage board', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/proposals?view=triage`, VIEWPORT);
    const board = page.getByTestId('triage-board');
    await board.locator('.triage-card').first().waitFor();
    expect(await board.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    const columns = await board.locator('.triage-column').evaluateAll((all) => all.map((c) => c.getBoundingClientRect().right));
    expect(columns).toHaveLength(6);
    expect(Math.max(...columns)).toBeLessThanOrEqual(VIEWPORT.width);
    // No card's content (a long decision badge) sticks out of its card.
    const overflowing = await board.locator('.triage-card').evaluateAll((cards) => cards.filter((c) => c.scrollWidth > c.clientWidth + 1).length);
    expect(overflowing).toBe(0);
    await screenshot(page, 'triage-board-1280');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('starts the person table at a whole week beside its sticky Person column, and scrolls by whole weeks', async () => {
    const { page, consoleErrors } = await openPage(lab.browser, `${lab.serve.url}#/team`, VIEWPORT);
    const table = page.getByTestId('person-load');
    await table.locator('tbody tr').first().waitFor();
    await table.scrollIntoViewIfNeeded();
    const opened = await personTableEdges(page);
    expect(opened.scrollLeft).toBeGreaterThan(0);
    expect(Math.abs(opened.firstWeek - opened.sticky)).toBeLessThanOrEqual(1);
    await table.locator('.table-scroll').evaluate((el) => el.scrollBy({ left: -130 }));
    await expect.poll(async () => (await personTableEdges(page)).scrollLeft).toBeLessThan(opened.scrollLeft);
    await page.waitForTimeout(400);
    const scrolled = await personTableEdges(page);
    expect(Math.abs(scrolled.firstWeek - scrolled.sticky)).toBeLessThanOrEqual(1);
    await screenshot(page, 'team-person-table-1280');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
