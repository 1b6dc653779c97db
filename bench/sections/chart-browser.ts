// Time from a chart's data arriving in the page to the chart drawn with it, in Chromium: a generated
// lab store of long, spiky runs, `tessera serve` syncing it, the Compare page with every run, and the
// page's own performance marks (tessera:chart-data when getSeries has answered, tessera:chart-drawn on
// the frame after the chart rendered it).
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { SyncProgressInfo } from '../../shared/api/app-methods';
import { BENCH_METRIC } from './chart-lab';
import { startBenchServe, waitForSync } from './serve-process';

const CHROMIUM = [process.env.TESSERA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export async function launchBenchChromium(): Promise<Browser> {
  const executablePath = CHROMIUM.find((c) => c && fs.existsSync(c));
  if (!executablePath) throw new Error('no Chromium found for the chart benchmark (set TESSERA_CHROMIUM)');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
}

/** `runs` runs of `points` lines each, with the bench cache's decaying, spiky, occasionally non-finite loss. */
export function writeChartStore(dir: string, runs: number, points: number): { store: string; runIds: string[] } {
  const store = path.join(dir, 'store');
  fs.mkdirSync(store, { recursive: true });
  fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'chart bench' }));
  const runIds: string[] = [];
  for (let r = 0; r < runs; r++) {
    const id = `draw-${String(r).padStart(2, '0')}`;
    const runDir = path.join(store, 'runs', id);
    fs.mkdirSync(runDir, { recursive: true });
    fs.writeFileSync(path.join(runDir, 'run.json'), JSON.stringify({ id, created_at: '2026-10-01T00:00:00Z', model: { params: 1.1e9 } }));
    const fd = fs.openSync(path.join(runDir, 'metrics.jsonl'), 'w');
    let text = '';
    for (let step = 0; step < points; step++) {
      const seed = (step * 7919 + r + 1) % 250007;
      const spike = (step * 104729 + r + 1) % 49999 === 0;
      const noise = (((step * 2654435761 + (r + 1) * 97) % 1000003) / 1000003 - 0.5) * 0.05;
      const loss = seed === 0 ? '"NaN"' : spike ? String(20 + ((step + r) % 13)) : (2 + 3 / Math.sqrt(step + 1) + noise).toFixed(5);
      text += `{"step":${step},"tokens":${step * 4096},"time":${1.7e9 + step * 0.5},"${BENCH_METRIC}":${loss}}\n`;
      if (text.length > 1 << 20) {
        fs.writeSync(fd, text);
        text = '';
      }
    }
    fs.writeSync(fd, text);
    fs.closeSync(fd);
    runIds.push(id);
  }
  return { store, runIds };
}

async function lastDrawAfterData(page: Page): Promise<number> {
  for (let tries = 0; tries < 600; tries++) {
    const gap = await page.evaluate(() => {
      const data = performance.getEntriesByName('tessera:chart-data').at(-1);
      const drawn = performance.getEntriesByName('tessera:chart-drawn').at(-1);
      return data && drawn && drawn.startTime > data.startTime ? drawn.startTime - data.startTime : null;
    });
    if (gap !== null) return gap;
    await page.waitForTimeout(50);
  }
  throw new Error('the chart was not drawn within 30 s of its data arriving');
}

export interface DrawingTimes {
  first: number;
  zooms: number[];
  lines: number;
  pointsDrawn: number;
}

/** Milliseconds from data arrival to drawn chart, once on opening and once per zoom (x in steps). */
export async function measureChartDrawing(workDir: string, runs: number, points: number, zooms: [number, number][]): Promise<DrawingTimes> {
  const { store, runIds } = writeChartStore(workDir, runs, points);
  const token = 'chart-bench-token';
  const serve = await startBenchServe({ store, dbFile: path.join(workDir, 'serve-cache.sqlite'), home: path.join(workDir, 'home'), token });
  const browser = await launchBenchChromium();
  try {
    const progress = async () => JSON.parse((await serve.client.call('getSyncProgress', {})).body).value as SyncProgressInfo;
    await waitForSync(progress, (p) => !p.running && p.finishedAt !== null, 600_000);
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    const compare = `#/compare?runs=${runIds.join(',')}`;
    await page.goto(`${serve.url}?token=${token}${compare}`);
    await page.locator('[data-testid="series-chart"][data-has-data="true"]').waitFor({ timeout: 120_000 });
    const first = await lastDrawAfterData(page);
    const times: number[] = [];
    for (const [from, to] of zooms) {
      await page.evaluate(() => performance.clearMarks());
      await page.evaluate((hash) => (window.location.hash = hash), `${compare}&from=${from}&to=${to}`);
      times.push(await lastDrawAfterData(page));
    }
    const lines = await page.locator('path.series-line').count();
    const series = JSON.parse(
      (await serve.client.call('getSeries', { runIds, metrics: [BENCH_METRIC], width: 1200 })).body,
    ) as { value: { series: { xs: number[] }[] } };
    const pointsDrawn = series.value.series.reduce((sum, s) => sum + s.xs.length, 0);
    return { first, zooms: times, lines, pointsDrawn };
  } finally {
    await browser.close();
    await serve.stop();
  }
}
