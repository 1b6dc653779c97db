// Loss curves and ablations on the demo lab, as a researcher uses them: filter and select runs on the
// Runs page, pin a baseline, compare them, change the x axis, smooth, zoom, group seeds, read the delta,
// export, and open an ablation's curves; in light, dark and contrast themes, without console errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import type { SeriesResult } from '../../shared/domain/run-views';
import { launchBrowser, screenshot } from './support/browser';
import { callApi, repoRoot, startServe, type ServeProcess } from './support/start-serve';

let browser: Browser;
let serve: ServeProcess;
let diverged: string;

async function syncedDemoLab(): Promise<{ store: string; db: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-curves-e2e-'));
  const store = path.join(dir, 'lab');
  const db = path.join(dir, 'cache.sqlite');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small', asOf: new Date('2026-11-23T09:00:00Z') });
  const cache = openCacheDatabase({ file: db, migrationsDir: path.join(repoRoot, 'migrations') });
  try {
    await syncFolder(cache, store);
    diverged = cache.sqlite
      .prepare("SELECT r.id FROM runs r JOIN series s ON s.run_pk = r.pk WHERE s.key = 'train/loss' AND s.non_finite_count > 0 ORDER BY r.id LIMIT 1")
      .pluck()
      .get() as string;
  } finally {
    cache.close();
  }
  return { store, db };
}

async function openPage(url: string, theme = 'light'): Promise<{ page: Page; consoleErrors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, acceptDownloads: true });
  await context.addInitScript((t) => localStorage.setItem('tessera.theme', t), theme);
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  await page.goto(url);
  return { page, consoleErrors };
}

const hashParam = (page: Page, key: string) => new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get(key);

/** Waits until the chart's data for the current view has arrived and been drawn. */
async function chartReady(page: Page): Promise<void> {
  await page.locator('[data-testid="series-chart"][data-has-data="true"]').first().waitFor();
  await expect.poll(() => page.locator('[data-testid="metric-chart"] .muted.small', { hasText: 'updating' }).count()).toBe(0);
}

beforeAll(async () => {
  browser = await launchBrowser();
  const { store, db } = await syncedDemoLab();
  serve = await startServe(['--store', store, '--db', db, '--no-watch']);
});
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
});

describe('curves and ablations on the demo lab', () => {
  it('selects runs on the Runs page, pins a baseline and opens them in Compare', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/runs`);
    await page.getByTestId('run-row').first().waitFor();
    await page.getByTestId('filter-ablation').selectOption('abl-010');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(16);
    await page.getByTestId('runs-search').fill('708M');
    await expect.poll(() => page.getByTestId('run-row').count()).toBe(4);
    await page.getByTestId('group-by').selectOption('variant');
    await expect.poll(() => page.getByTestId('run-group').count()).toBe(2);
    await page.getByLabel('Select every run shown').check();
    const baselineRow = page.locator('[data-testid="run-row"]', { hasText: 'baseline 708M s1' });
    await baselineRow.getByRole('button', { name: /^Pin .* as baseline$/ }).click();
    await expect.poll(() => hashParam(page, 'baseline')).toMatch(/^r-/);
    await screenshot(page, 'curves-runs-selected');
    await page.getByTestId('compare-selected').click();
    await expect.poll(() => new URL(page.url()).hash).toMatch(/^#\/compare\?/);
    expect(hashParam(page, 'runs')!.split(',')).toHaveLength(4);
    expect(hashParam(page, 'baseline')!.split(',')).toHaveLength(2);
    expect(hashParam(page, 'view')).toBe('delta');
    await chartReady(page);
    const legend = await page.getByTestId('legend-entry').allInnerTexts();
    expect(legend.join(' | ')).toContain('mup − baseline');
    // The baseline pinned on the Runs page is the one the select shows, not "choose…".
    expect(await page.getByTestId('baseline-select').locator('option:checked').innerText()).toBe('baseline (2)');
    await screenshot(page, 'curves-compare-delta');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('changes the x axis, smooths, zooms at full resolution, groups seeds and exports', async () => {
    const runs = ['r-0197', 'r-0190', 'r-0192', 'r-0189'];
    const { page, consoleErrors } = await openPage(`${serve.url}#/compare?runs=${runs.join(',')}`);
    await chartReady(page);
    expect(await page.getByTestId('legend-entry').count()).toBe(4);
    const tickText = () => page.locator('.recharts-xAxis-tick-labels text').allTextContents();

    await page.getByTestId('x-axis').getByRole('button', { name: 'Tokens' }).click();
    await expect.poll(() => hashParam(page, 'x')).toBe('tokens');
    await chartReady(page);
    await expect.poll(async () => (await tickText()).join(' ')).toMatch(/\dB/);

    const slider = page.getByTestId('smoothing-slider');
    await slider.focus();
    await slider.fill('0.9');
    await expect.poll(() => hashParam(page, 'smooth')).toBe('0.9');
    await chartReady(page);
    // Raw lines stay behind their smoothed lines, faint.
    await expect.poll(() => page.locator('path.series-line.faint').count()).toBe(4);
    await screenshot(page, 'curves-compare-tokens-smoothed');

    const pointer = page.getByTestId('chart-pointer');
    const box = (await pointer.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    const tooltip = page.getByTestId('chart-tooltip');
    await tooltip.waitFor();
    const values = (await tooltip.locator('.value').allInnerTexts()).map(Number);
    expect(values).toHaveLength(4);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.7, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => hashParam(page, 'from')).not.toBeNull();
    const from = Number(hashParam(page, 'from'));
    const to = Number(hashParam(page, 'to'));
    expect(to).toBeGreaterThan(from);
    await chartReady(page);
    // The zoomed view is the visible range again at full resolution: what the API gives for it.
    const zoomed = (await callApi(serve.url, 'getSeries', { runIds: runs, metrics: ['train/loss'], width: 100, from, to, x: 'tokens' })).body.value as SeriesResult;
    expect(zoomed.series.every((s) => s.xs.every((x) => x >= from && x <= to))).toBe(true);
    await screenshot(page, 'curves-compare-zoomed');
    await page.getByTestId('reset-zoom').click();
    await expect.poll(() => hashParam(page, 'from')).toBeNull();

    await page.getByTestId('view').getByRole('button', { name: 'Seed groups' }).click();
    await chartReady(page);
    await expect.poll(() => page.getByTestId('legend-entry').allInnerTexts()).toEqual([expect.stringContaining('baseline'), expect.stringContaining('mup')]);
    await page.getByTestId('seed-band').getByRole('button', { name: '±1 sd' }).click();
    await expect.poll(() => hashParam(page, 'band')).toBe('std');
    await chartReady(page);
    expect(await page.locator('path.series-band').count()).toBe(2);
    await screenshot(page, 'curves-compare-seeds');

    const csv = page.waitForEvent('download');
    await page.getByTestId('export-csv-drawn').click();
    const drawn = await csv;
    expect(drawn.suggestedFilename()).toMatch(/-as-drawn\.csv$/);
    const csvText = fs.readFileSync((await drawn.path())!, 'utf8');
    expect(csvText.split('\n')[0]).toBe('series,kind,tokens,y,lower,upper');
    expect(csvText).toContain('band');
    // The full history: every stored point of every run, as many rows as the runs logged.
    const history = page.waitForEvent('download');
    await page.getByTestId('export-csv-history').click();
    const full = await history;
    expect(full.suggestedFilename()).toBe('train_loss-full-history.csv');
    const historyRows = fs.readFileSync((await full.path())!, 'utf8').trim().split('\n');
    expect(historyRows[0]).toBe('run,label,step,tokens,time,value');
    const stored = (await callApi(serve.url, 'getSeries', { runIds: runs, metrics: ['train/loss'], width: 100 })).body.value as SeriesResult;
    expect(historyRows.length - 1).toBe(stored.series.reduce((sum, s) => sum + s.pointCount, 0));
    expect(new Set(historyRows.slice(1).map((row) => row.split(',')[0]))).toEqual(new Set(runs));
    const png = page.waitForEvent('download');
    await page.getByRole('button', { name: 'PNG' }).click();
    const pngBytes = fs.readFileSync((await (await png).path())!);
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('draws a divergence as markers, and looks right in the dark and contrast themes', async () => {
    for (const theme of ['dark', 'contrast']) {
      const { page, consoleErrors } = await openPage(`${serve.url}#/compare?runs=${diverged}&metrics=train/loss,train/grad_norm`, theme);
      await chartReady(page);
      const markers = page.locator('[data-testid="nonfinite-markers"] path');
      await expect.poll(() => markers.count()).toBeGreaterThan(0);
      expect(Number(await markers.first().getAttribute('data-count'))).toBeGreaterThan(0);
      // The legend says what the markers are; past the divergence the tooltip says since when.
      expect(await page.getByTestId('legend-markers').first().innerText()).toContain('NaN');
      const pointer = page.getByTestId('chart-pointer').first();
      const box = (await pointer.boundingBox())!;
      await page.mouse.move(box.x + box.width * 0.995, box.y + box.height / 2);
      await expect.poll(() => page.getByTestId('tooltip-diverged').first().innerText()).toMatch(/(NaN|Infinity) since \d/);
      await screenshot(page, `curves-compare-divergence-${theme}`);
      expect(consoleErrors).toEqual([]);
      await page.context().close();
    }
  });

  it('lists every ablation with verdicts and opens one into small multiples of its curves', async () => {
    const { page, consoleErrors } = await openPage(`${serve.url}#/ablations`);
    const card = page.locator('[data-testid="ablation-card"][data-ablation="abl-001"]');
    await card.waitFor();
    expect(await page.getByTestId('ablation-card').count()).toBe(12);
    const verdicts = await card.getByTestId('verdict').allInnerTexts();
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.every((v) => ['better', 'worse', 'within noise', 'no noise estimate'].includes(v))).toBe(true);
    await card.getByTestId('open-ablation').click();
    await expect.poll(() => hashParam(page, 'id')).toBe('abl-001');
    const multiples = page.getByTestId('small-multiple');
    await expect.poll(() => multiples.count()).toBeGreaterThanOrEqual(3);
    await page.locator('[data-testid="small-multiple-chart"][data-has-data="true"]').first().waitFor();
    await page.getByTestId('ablation-curves').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'curves-ablation-open');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
