// Every transition of the Compare page's x-axis and view controls, clicked as a user clicks them: each
// ordered pair of x units in each view (runs, seed groups, delta), each ordered pair of views with log x
// and log y on and off, and log x/y switched on and off in every view at every unit. After each click the
// chart must draw the new view (not the old data in the new unit), the page must not fail, no tick may
// read NaN or Invalid, no path may hold NaN, and the console must stay clean. And a page that fails to
// render recovers in place.
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { X_KINDS, type RunList, type XKind } from '../../shared/domain/run-views';
import { launchBrowser, openPage } from './support/browser';
import { syncedDemoLab } from './support/demo-lab';
import { callApi, startServe, type ServeProcess } from './support/start-serve';

let browser: Browser;
let serve: ServeProcess;
let runIds: string[];
let baselineIds: string[];

const UNIT_BUTTONS: Record<XKind, string> = { step: 'Step', tokens: 'Tokens', flops: 'FLOPs', time: 'Wall time', 'relative-time': 'Relative time' };
const VIEWS = { lines: 'Runs', seeds: 'Seed groups', delta: 'Delta vs baseline' } as const;
type View = keyof typeof VIEWS;

/** What an x tick of each unit reads like. */
const TICK_SHAPES: Record<XKind, RegExp> = {
  step: /^-?\d+(\.\d+)?[kMBT]?$/,
  tokens: /^-?\d+(\.\d+)?[kMBT]?$/,
  flops: /^(0|\d+(\.\d+)?e\d+)$/,
  time: /^(\d\d:\d\d(:\d\d)?|[A-Z][a-z]{2} \d{1,2})$/,
  'relative-time': /^(−?\d+(\.\d+)? s|−?\d+ (min|h|d)( \d+ (s|min|h))?)$/,
};

/**
 * A walk through every ordered pair of `nodes` exactly once (an Eulerian circuit of the complete directed
 * graph, by Hierholzer's algorithm), starting and ending at the first node.
 */
function everyOrderedPair<T extends string>(nodes: readonly T[]): T[] {
  const unused = new Map(nodes.map((n) => [n, nodes.filter((m) => m !== n)]));
  const stack = [nodes[0]!];
  const walk: T[] = [];
  while (stack.length > 0) {
    const at = stack.at(-1)!;
    const next = unused.get(at)!.shift();
    if (next === undefined) walk.push(stack.pop()!);
    else stack.push(next);
  }
  return walk.reverse();
}

interface Step {
  what: string;
  x: XKind;
  xLog: boolean;
  yLog: boolean;
}

/** The x ticks read in one go with the unit the chart says it draws: they must agree at every moment. */
async function expectTicksMatchDrawnUnit(page: Page, what: string): Promise<void> {
  const drawn = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="series-chart"]')].map((chart) => ({
      x: chart.getAttribute('data-x-kind'),
      hasData: chart.getAttribute('data-has-data') === 'true',
      ticks: [...chart.querySelectorAll('.recharts-xAxis-tick-labels text')].map((t) => t.textContent ?? ''),
    })),
  );
  expect(await page.getByTestId('page-error').count(), `${what}: the page failed to render`).toBe(0);
  for (const chart of drawn) {
    if (chart.hasData) expect(chart.ticks.length, `${what}: x ticks of a chart drawing ${chart.x}`).toBeGreaterThan(1);
    for (const tick of chart.ticks) expect(tick, `${what}: x tick "${tick}" on a chart drawing ${chart.x}`).toMatch(TICK_SHAPES[chart.x as XKind]);
  }
}

/** Waits for the chart to draw the view the controls show, then checks what a user would see. */
async function expectDrawn(page: Page, consoleErrors: string[], step: Step): Promise<void> {
  // Before the new data arrives the chart may still show the old view, but in the old view's own unit.
  await expectTicksMatchDrawnUnit(page, step.what);
  const chart = page.locator(`[data-testid="series-chart"][data-x-kind="${step.x}"][data-x-log="${step.xLog}"][data-y-log="${step.yLog}"]`);
  await chart.first().waitFor({ timeout: 20_000 }).catch(() => {
    throw new Error(`${step.what}: the chart never drew ${step.x}${step.xLog ? ' on log x' : ''}`);
  });
  await expect.poll(() => page.locator('[data-testid="metric-chart"] .muted.small', { hasText: 'updating' }).count(), { message: step.what }).toBe(0);
  expect(await page.getByTestId('page-error').count(), `${step.what}: the page failed to render`).toBe(0);
  const hasData = await chart.first().getAttribute('data-has-data');
  const note = await page.getByTestId('chart-note').count();
  expect(hasData === 'true' || note > 0, `${step.what}: neither data nor a note saying why there is none`).toBe(true);
  const ticks = await page.locator('[data-testid="series-chart"] .recharts-xAxis-tick-labels text').allTextContents();
  if (hasData === 'true') expect(ticks.length, `${step.what}: x ticks`).toBeGreaterThan(1);
  for (const tick of ticks) expect(tick, `${step.what}: x tick "${tick}"`).toMatch(TICK_SHAPES[step.x]);
  const yTicks = await page.locator('[data-testid="series-chart"] .recharts-yAxis-tick-labels text').allTextContents();
  expect(yTicks.filter((t) => /NaN|Invalid|Infinity/.test(t)), `${step.what}: y ticks`).toEqual([]);
  const nanShapes = await page.locator('[data-testid="series-chart"] :is(path[d*="NaN"], line[x1="NaN"], line[y1="NaN"], text[x="NaN"], text[y="NaN"])').count();
  expect(nanShapes, `${step.what}: shapes at NaN`).toBe(0);
  expect(consoleErrors, `${step.what}: console errors`).toEqual([]);
}

/** Compare on the four runs in `view` at x unit `x`, from a fresh load (nothing cached). */
async function compareAt(page: Page, view: View, x: XKind): Promise<void> {
  const params = new URLSearchParams({ runs: runIds.join(','), baseline: baselineIds.join(',') });
  if (view !== 'lines') params.set('view', view);
  if (x !== 'step') params.set('x', x);
  await page.goto('about:blank');
  await page.goto(`${serve.url}#/compare?${params.toString().replace(/%2C/g, ',')}`);
}

/**
 * Chart answers held back 150 ms, as a large lab's would be: the moment between a click and its data,
 * when the old data is still on screen, is then long enough to see.
 */
async function slowChartAnswers(page: Page): Promise<void> {
  await page.route(/\/api\/(getSeries|getSeedGroups|getDeltas)$/, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 150));
    await route.continue();
  });
}

async function pickView(page: Page, view: View) {
  await page.getByTestId('view').getByRole('button', { name: VIEWS[view], exact: true }).click();
}

async function pickUnit(page: Page, x: XKind) {
  await page.getByTestId('x-axis').getByRole('button', { name: UNIT_BUTTONS[x], exact: true }).click();
}

async function setLog(page: Page, axis: 'x' | 'y', on: boolean) {
  await page.getByLabel(`log ${axis}`, { exact: true }).setChecked(on);
}

beforeAll(async () => {
  browser = await launchBrowser();
  const { store, db } = await syncedDemoLab('transitions');
  serve = await startServe(['--store', store, '--db', db, '--no-watch']);
  // Two variants with two seeds each at one size: every view (runs, seed groups, delta) has something to draw.
  const list = (await callApi(serve.url, 'listRuns', { ablation: 'abl-010', text: '708M', columns: [] })).body.value as RunList;
  runIds = list.runs.map((r) => r.id);
  baselineIds = list.runs.filter((r) => r.variant === 'baseline').map((r) => r.id);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('Compare: every transition of the x-axis and view controls', () => {
  it('has the runs it needs: two variants, two seeds each', () => {
    expect(runIds).toHaveLength(4);
    expect(baselineIds).toHaveLength(2);
  });

  it('goes from each x unit to each other in each view, each time to a unit not fetched before', async () => {
    const { page, consoleErrors } = await openPage(browser, 'about:blank');
    await slowChartAnswers(page);
    let transitions = 0;
    for (const view of Object.keys(VIEWS) as View[]) {
      for (const from of X_KINDS) {
        // A fresh page knows only `from`; going back to it between the others is instant (cached), so
        // each step away is a real wait with `from`'s data on screen.
        await compareAt(page, view, from);
        await expectDrawn(page, consoleErrors, { what: `${view} at ${from}`, x: from, xLog: false, yLog: false });
        for (const to of X_KINDS.filter((x) => x !== from)) {
          await pickUnit(page, to);
          await expectDrawn(page, consoleErrors, { what: `${view}: ${from} → ${to}`, x: to, xLog: false, yLog: false });
          await pickUnit(page, from);
          await expectDrawn(page, consoleErrors, { what: `${view}: back to ${from}`, x: from, xLog: false, yLog: false });
          transitions++;
        }
      }
    }
    expect(transitions).toBe(3 * X_KINDS.length * (X_KINDS.length - 1));
    await page.context().close();
  });

  it('walks every ordered pair of views with log x and log y on and off, and switches the logs in every view and unit', async () => {
    const { page, consoleErrors } = await openPage(browser, 'about:blank');
    await slowChartAnswers(page);
    await compareAt(page, 'lines', 'step');
    const views = everyOrderedPair(Object.keys(VIEWS) as View[]);
    for (const [xLog, yLog] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      await setLog(page, 'x', xLog);
      await setLog(page, 'y', yLog);
      for (let i = 1; i < views.length; i++) {
        await pickView(page, views[i]!);
        await expectDrawn(page, consoleErrors, { what: `${views[i - 1]} → ${views[i]} (log x ${xLog}, log y ${yLog})`, x: 'step', xLog, yLog });
      }
    }
    await setLog(page, 'x', false);
    await setLog(page, 'y', false);
    for (const view of Object.keys(VIEWS) as View[]) {
      await pickView(page, view);
      for (const x of X_KINDS) {
        await pickUnit(page, x);
        for (const [axis, on] of [['x', true], ['y', true], ['x', false], ['y', false]] as const) {
          await setLog(page, axis, on);
          const xLog = await page.getByLabel('log x', { exact: true }).isChecked();
          const yLog = await page.getByLabel('log y', { exact: true }).isChecked();
          await expectDrawn(page, consoleErrors, { what: `${view}, ${x}: log ${axis} ${on ? 'on' : 'off'}`, x, xLog, yLog });
        }
      }
    }
    await page.context().close();
  });
});

describe('a page that fails to render', () => {
  it('recovers in place with "Try again", keeping the route, and a visit elsewhere and back does not bring the error back', async () => {
    const { page, consoleErrors } = await openPage(browser, 'about:blank');
    // A core that answers what this renderer cannot draw (as a server of another version might): the page
    // throws while rendering. Only this answer is wrong; the rest of the app is real.
    const broken = async (route: Route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: { x: 'tokens', xLog: false, width: 1, from: 0, to: 1, smoothing: 0, series: null } }) });
    await page.route(/\/api\/getSeries$/, broken);
    const view = `#/compare?runs=${runIds.join(',')}&x=tokens&smooth=0.6&from=1000000&to=900000000`;
    await page.goto(`${serve.url}${view}`);
    await page.getByTestId('page-error').waitFor();
    expect(await page.getByTestId('page-error').innerText()).toContain('This page failed to render');
    expect(consoleErrors.length).toBeGreaterThan(0);
    consoleErrors.length = 0;

    await page.unroute(/\/api\/getSeries$/, broken);
    await page.getByTestId('page-error-retry').click();
    await page.locator('[data-testid="series-chart"][data-has-data="true"][data-x-kind="tokens"]').waitFor();
    expect(new URL(page.url()).hash).toBe(view);
    expect(await page.getByTestId('smoothing-slider').inputValue()).toBe('0.6');
    await expect.poll(() => page.getByTestId('reset-zoom').count()).toBe(1);
    expect(consoleErrors).toEqual([]);

    // Broken again, then away to Runs and back: the page renders afresh instead of showing the old error.
    await page.route(/\/api\/getSeries$/, broken);
    await page.getByTestId('x-axis').getByRole('button', { name: 'Step', exact: true }).click();
    await page.getByTestId('page-error').waitFor();
    consoleErrors.length = 0;
    await page.unroute(/\/api\/getSeries$/, broken);
    await page.locator('nav a', { hasText: 'Runs' }).click();
    await page.getByTestId('run-row').first().waitFor();
    await page.goBack();
    await page.locator('[data-testid="series-chart"][data-has-data="true"][data-x-kind="step"]').waitFor();
    expect(await page.getByTestId('page-error').count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
