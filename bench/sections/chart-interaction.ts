// Hovering and drag-zooming a heavy comparison in Chromium: the large demo lab synced by `tessera serve`,
// the Compare page (1440×900) with the lab's 20 runs of the most points, then the pointer as a user moves
// it. A hover frame is the time from a pointer move's event to the end of the first frame after it (a
// requestAnimationFrame callback posts a message, which runs once that frame's rendering work is done).
// Beside it, the renderer main thread's CPU time per move (from a Chromium trace: thread time of its
// tasks), which other load on the machine stretches less than the frame's wall time. Zoom to drawn is the
// time from the mouse-up that ends a drag to the frame the chart is drawn with the zoomed range's data
// (the page's tessera:chart-drawn mark after its tessera:chart-data mark).
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { SyncProgressInfo } from '../../shared/api/app-methods';
import type { RunList } from '../../shared/domain/run-views';
import { launchBenchChromium } from './chart-browser';
import { startBenchServe, waitForSync } from './serve-process';
import { largeDemoLab } from './sync-bench-stores';

const RUNS = 20;
const MOVES = 120;
/** A mouse reports about every 16 ms (60 Hz); the moves are paced so. */
const MOVE_EVERY_MS = 16;
/** Drags as fractions of the plot's width: short and long, left, middle and right. */
const DRAGS: [number, number][] = [
  [0.1, 0.3],
  [0.4, 0.6],
  [0.65, 0.9],
  [0.2, 0.8],
  [0.5, 0.56],
];

export interface InteractionTimes {
  runs: number;
  pointsDrawn: number;
  hoverFrames: number[];
  longTasks: number;
  /** Renderer main-thread CPU per pointer move, ms. */
  hoverCpuPerMove: number;
  zooms: { drawn: number; data: number }[];
}

async function installFrameProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __longTasks: number };
    w.__frames = [];
    w.__longTasks = 0;
    new PerformanceObserver((list) => (w.__longTasks += list.getEntries().length)).observe({ type: 'longtask' });
    window.addEventListener(
      'mousemove',
      (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__frames.push(performance.now() - start);
          channel.port2.postMessage(null);
        });
      },
      { capture: true },
    );
  });
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/** CPU milliseconds of the busiest renderer main thread's tasks in a Chromium trace. */
function rendererMainCpu(trace: Buffer): number {
  const events = (JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const cpu = new Map<string, number>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && mains.has(thread)) cpu.set(thread, (cpu.get(thread) ?? 0) + (e.tdur ?? 0) / 1000);
  }
  return Math.max(0, ...cpu.values());
}

type Box = { x: number; y: number; width: number; height: number };

/** MOVES pointer moves across the plot, paced as a mouse reports them. */
async function moveAcross(page: Page, box: Box): Promise<void> {
  const started = Date.now();
  for (let i = 0; i < MOVES; i++) {
    const wait = started + i * MOVE_EVERY_MS - Date.now();
    if (wait > 0) await page.waitForTimeout(wait);
    await page.mouse.move(box.x + box.width * (0.1 + (0.8 * i) / (MOVES - 1)), box.y + box.height * (0.3 + 0.4 * ((i * 7) % 10) / 10));
  }
  await page.waitForTimeout(300);
}

async function hoverFrames(page: Page, box: Box): Promise<{ frames: number[]; longTasks: number }> {
  await installFrameProbe(page);
  await moveAcross(page, box);
  return page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __longTasks: number };
    return { frames: w.__frames, longTasks: w.__longTasks };
  });
}

/** The same moves again under a trace (which costs time of its own, so apart from the frame times). */
async function hoverCpuPerMove(browser: Browser, page: Page, box: Box): Promise<number> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
  await moveAcross(page, box);
  return rendererMainCpu(await browser.stopTracing()) / MOVES;
}

/** Marks the mouse-up, drags from a to b (fractions of the plot), and waits for the zoomed data drawn. */
async function zoom(page: Page, box: Box, [a, b]: [number, number]): Promise<{ drawn: number; data: number }> {
  await page.evaluate(() => {
    performance.clearMarks();
    window.addEventListener('mouseup', (event) => performance.mark('bench:mouse-up', { startTime: event.timeStamp }), { capture: true, once: true });
  });
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * a, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * b, y, { steps: 6 });
  await page.mouse.up();
  for (let tries = 0; tries < 1200; tries++) {
    const times = await page.evaluate(() => {
      const up = performance.getEntriesByName('bench:mouse-up').at(-1);
      const data = performance.getEntriesByName('tessera:chart-data').at(-1);
      const drawn = performance.getEntriesByName('tessera:chart-drawn').at(-1);
      return up && data && drawn && data.startTime > up.startTime && drawn.startTime > data.startTime ? { drawn: drawn.startTime - up.startTime, data: data.startTime - up.startTime } : null;
    });
    if (times) return times;
    await page.waitForTimeout(25);
  }
  throw new Error(`the zoom to ${a}–${b} of the plot was not drawn within 30 s`);
}

export async function measureChartInteraction(workDir: string): Promise<InteractionTimes> {
  const store = await largeDemoLab();
  const token = 'chart-interaction-token';
  const serve = await startBenchServe({ store, dbFile: path.join(workDir, 'interaction-cache.sqlite'), home: path.join(workDir, 'interaction-home'), token });
  try {
    const call = async <T>(method: string, input: unknown) => JSON.parse((await serve.client.call(method, input)).body).value as T;
    await waitForSync(() => call<SyncProgressInfo>('getSyncProgress', {}), (p) => !p.running && p.finishedAt !== null, 900_000);
    const heaviest = await call<RunList>('listRuns', { sort: { key: 'pointCount', dir: 'desc' }, limit: RUNS, columns: [] });
    const runIds = heaviest.runs.map((r) => r.id);
    const browser = await launchBenchChromium();
    try {
      const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
      await page.goto(`${serve.url}?token=${token}#/compare?runs=${runIds.join(',')}`);
      await page.locator('[data-testid="series-chart"][data-has-data="true"]').waitFor({ timeout: 120_000 });
      await page.waitForTimeout(500);
      const pointsDrawn = await page.evaluate(() => [...document.querySelectorAll('path.series-line')].reduce((sum, p) => sum + Number(p.getAttribute('data-points')), 0));
      const box = (await page.getByTestId('chart-pointer').boundingBox())!;
      const hovered = await hoverFrames(page, box);
      const cpuPerMove = await hoverCpuPerMove(browser, page, box);
      const zooms: { drawn: number; data: number }[] = [];
      for (const drag of DRAGS) {
        zooms.push(await zoom(page, box, drag));
        await page.getByTestId('reset-zoom').click();
        await page.getByTestId('reset-zoom').waitFor({ state: 'detached' });
        await page.waitForTimeout(300);
      }
      return { runs: runIds.length, pointsDrawn, hoverFrames: hovered.frames, longTasks: hovered.longTasks, hoverCpuPerMove: cpuPerMove, zooms };
    } finally {
      await browser.close();
    }
  } finally {
    await serve.stop();
  }
}
