// The weekly review end to end in Chromium at 1920×1080 against `tessera serve` on the demo lab:
// walk the agenda with the keyboard only, decide on a proposal in the meeting (the event file lands
// in the store's events/), close the review (a review event file; the next agenda starts there);
// every slide kind in screenshots with its type sizes measured (body ≥ 24 px, chart labels ≥ 18 px);
// a slide saved as PNG; the PDF export through the print style sheet, one 1920×1080 page per slide,
// turned into PNGs by pdftoppm; and a read-only room display that follows the store live.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoLab } from '../../electron/core/demo';
import { openCacheDatabase } from '../../electron/core/db/open-cache-database';
import { syncFolder } from '../../electron/core/sync/sync-folder';
import { launchBrowser, screenshot } from './support/browser';
import { callApi, repoRoot, startServe, type ServeProcess } from './support/start-serve';

const VIEWPORT = { width: 1920, height: 1080 };
const outputDir = path.join(repoRoot, 'test-output');
const DAY_MS = 86_400_000;

let browser: Browser;
let serve: ServeProcess;
let store: string;
let labDir: string;
/** Far enough back that the demo lab has every kind of slide: runs finished, failed, diverged, scaling fits. */
const wideSince = new Date(Math.floor((Date.now() - 60 * DAY_MS) / 3_600_000) * 3_600_000).toISOString();

interface StoreEvent {
  rel: string;
  json: Record<string, unknown>;
}

function storeEvents(): StoreEvent[] {
  const out: StoreEvent[] = [];
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir)) {
      const full = path.join(dir, name);
      if (fs.statSync(full).isDirectory()) walk(full);
      else out.push({ rel: path.relative(store, full).split(path.sep).join('/'), json: JSON.parse(fs.readFileSync(full, 'utf8')) as Record<string, unknown> });
    }
  };
  walk(path.join(store, 'events'));
  return out;
}

async function openPage(url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
  // This browser is Ana's: "Who am I" is kept by the browser, not the server.
  await context.addInitScript(() => window.localStorage.setItem('tessera.identity', 'ana'));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, errors };
}

const presentation = (page: Page) => page.getByTestId('presentation');

/** The dialog is on top of the slide, not merely in the page. */
const dialogOnTop = (page: Page) => page.evaluate(() => document.elementFromPoint(960, 540)?.closest('.dialog-backdrop') != null);

/** The slide on screen once everything it shows has arrived. */
async function settledSlide(page: Page): Promise<{ kind: string; key: string; number: number; count: number }> {
  await page.waitForFunction(() => {
    const root = document.querySelector('[data-testid="presentation"]');
    return root?.getAttribute('data-busy') === 'false' && !root.querySelector('.slide-loading');
  }, null, { timeout: 120_000 });
  const slide = presentation(page).locator('.review-slide');
  const [number, count] = ((await slide.locator('.slide-number').textContent()) ?? '').split('/').map((t) => Number(t.trim()));
  return { kind: (await slide.getAttribute('data-slide-kind'))!, key: (await slide.getAttribute('data-slide-key'))!, number: number!, count: count! };
}

/** Text on the slide below 24 px (HTML) or 18 px (chart labels), with where it is. */
function tooSmallText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const slide = document.querySelector('[data-testid="presentation"] .review-slide')!;
    const bad: string[] = [];
    for (const element of Array.from(slide.querySelectorAll('*'))) {
      const text = Array.from(element.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (text === '' || element.getClientRects().length === 0) continue;
      const inSvg = element.closest('svg') !== null;
      const size = parseFloat(getComputedStyle(element).fontSize);
      const least = inSvg ? 18 : 24;
      if (size < least) bad.push(`${element.tagName.toLowerCase()}.${String(element.getAttribute('class') ?? '')}: ${size}px "${text.slice(0, 40)}"`);
    }
    return bad;
  });
}

beforeAll(async () => {
  labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tessera-review-e2e-'));
  store = path.join(labDir, 'lab');
  await generateDemoLab({ outDir: store, seed: 1, size: 'small' });
  const db = path.join(labDir, 'cache.sqlite');
  const cache = openCacheDatabase({ file: db, migrationsDir: path.join(repoRoot, 'migrations') });
  try {
    await syncFolder(cache, store);
  } finally {
    cache.close();
  }
  browser = await launchBrowser();
  serve = await startServe(['--store', store, '--db', db, '--no-watch', '--allow-write']);
}, 300_000);
afterAll(async () => {
  await serve?.stop();
  await browser?.close();
  if (labDir) fs.rmSync(labDir, { recursive: true, force: true });
});

describe('the weekly review, from the keyboard', () => {
  it('walks the agenda, decides on a proposal in place and closes the review', async () => {
    const { page, errors } = await openPage(`${serve.url}#/review`);
    await page.getByTestId('present').waitFor();
    await screenshot(page, 'review-page');

    await page.keyboard.press('f');
    await presentation(page).waitFor();
    // The app's frame is covered: nothing of the sidebar is on screen.
    expect(await page.evaluate(() => document.elementFromPoint(20, 300)?.closest('.sidebar'))).toBeNull();
    let slide = await settledSlide(page);
    expect(slide).toMatchObject({ kind: 'agenda', number: 1 });
    const count = slide.count;
    expect(count).toBeGreaterThanOrEqual(6);

    // → and Space walk forward to the end, ← back, Home and End jump.
    const kinds: string[] = [slide.kind];
    for (let i = 1; i < count; i++) {
      await page.keyboard.press(i % 2 === 0 ? 'Space' : 'ArrowRight');
      slide = await settledSlide(page);
      expect(slide.number).toBe(i + 1);
      kinds.push(slide.kind);
    }
    expect(kinds[0]).toBe('agenda');
    expect(kinds.at(-1)).toBe('close');
    expect(kinds).toEqual(expect.arrayContaining(['ablation', 'proposal', 'decisions', 'balance']));
    await page.keyboard.press('ArrowRight');
    expect((await settledSlide(page)).number).toBe(count);
    await page.keyboard.press('ArrowLeft');
    expect((await settledSlide(page)).number).toBe(count - 1);
    await page.keyboard.press('Home');
    expect((await settledSlide(page)).number).toBe(1);
    await page.keyboard.press('End');
    expect((await settledSlide(page)).number).toBe(count);
    await page.keyboard.press('3');
    expect((await settledSlide(page)).number).toBe(3);

    // g: the overview, ↓ and Enter go to the next slide.
    await page.keyboard.press('g');
    await page.getByTestId('slide-overview').waitFor();
    await screenshot(page, 'review-overview');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('slide-overview').count()).toBe(0);
    expect((await settledSlide(page)).number).toBe(4);

    // t: the next proposal to decide on; d opens the rationale dialog; Enter writes the decision.
    await page.keyboard.press('Home');
    await page.keyboard.press('t');
    slide = await settledSlide(page);
    expect(slide.kind).toBe('proposal');
    const proposalId = slide.key.replace('proposal:', '');
    await screenshot(page, 'review-proposal');
    const before = storeEvents().length;
    await page.keyboard.press('d');
    const dialog = page.getByTestId('rationale-dialog');
    await dialog.waitFor();
    expect(await dialog.locator('h2').innerText()).toContain('Drop');
    expect(await dialogOnTop(page)).toBe(true);
    const rationale = 'Decided in the review: the gain at 1.46B is within noise of the smaller sizes.';
    await page.keyboard.type(rationale);
    await screenshot(page, 'review-rationale-dialog');
    await page.keyboard.press('Enter');
    // Written, then synced into the cache before the dialog closes.
    await expect.poll(() => dialog.count(), { timeout: 60_000 }).toBe(0);
    await presentation(page).getByTestId('slide-decision').waitFor();
    expect(await presentation(page).getByTestId('slide-decision').innerText()).toContain(rationale);
    expect((await settledSlide(page)).key).toBe(`proposal:${proposalId}`);
    await screenshot(page, 'review-proposal-decided');
    const decision = storeEvents().filter((e) => e.json.rationale === rationale);
    expect(storeEvents()).toHaveLength(before + 1);
    expect(decision).toHaveLength(1);
    expect(decision[0]!.json).toMatchObject({ type: 'decision', target: proposalId, decision: 'drop', author: 'ana' });
    expect(decision[0]!.rel).toMatch(/^events\/\d{4}\/\d{2}\/[0-9A-Z]{26}\.json$/);

    // The decisions slide lists it with its reason.
    const decisionsAt = kinds.indexOf('decisions') + 1;
    await page.keyboard.press(String(decisionsAt));
    expect((await settledSlide(page)).kind).toBe('decisions');
    expect(await presentation(page).locator('.decision-list').innerText()).toContain(rationale);

    // End, Enter: close the review with notes.
    await page.keyboard.press('End');
    expect((await settledSlide(page)).kind).toBe('close');
    await screenshot(page, 'review-close');
    await page.keyboard.press('Enter');
    const close = page.getByTestId('close-review-dialog');
    await close.waitFor();
    expect(await dialogOnTop(page)).toBe(true);
    const notes = `Dropped ${proposalId}. Next: the 3B ladder points.`;
    await page.keyboard.type(notes);
    await screenshot(page, 'review-close-dialog');
    await page.keyboard.press('Enter');
    await presentation(page).getByTestId('review-closed').waitFor({ timeout: 60_000 });
    const reviews = storeEvents().filter((e) => e.json.type === 'review' && e.json.notes === notes);
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.json).toMatchObject({ author: 'ana', type: 'review' });
    // The next agenda starts at the review just closed: the decision taken before it is no longer new.
    slide = await settledSlide(page);
    expect(slide.kind).toBe('close');
    expect(slide.count).toBeLessThan(count);
    await screenshot(page, 'review-closed');
    const agenda = await callApi(serve.url, 'getReviewAgenda', {});
    expect(agenda.body.value).toMatchObject({ source: 'review', since: reviews[0]!.json.at, decisions: [] });

    // Escape leaves the presentation.
    await page.keyboard.press('Escape');
    await expect.poll(() => presentation(page).count()).toBe(0);
    await page.getByTestId('present').waitFor();
    expect(errors).toEqual([]);
  }, 300_000);
});

describe('every kind of slide', () => {
  it('is readable from the back of the room (24 px text, 18 px chart labels) and saves as PNG', async () => {
    const { page, errors } = await openPage(`${serve.url}#/review?since=${encodeURIComponent(wideSince)}&present=1`);
    await presentation(page).waitFor();
    let slide = await settledSlide(page);
    const seen = new Set<string>();
    const problems: string[] = [];
    let firstAblation = 0;
    for (let i = 0; i < slide.count; i++) {
      if (i > 0) {
        await page.keyboard.press('ArrowRight');
        slide = await settledSlide(page);
      }
      if (slide.kind === 'ablation' && firstAblation === 0) firstAblation = slide.number;
      problems.push(...(await tooSmallText(page)).map((p) => `slide ${slide.number} (${slide.kind}): ${p}`));
      if (!seen.has(slide.kind)) {
        seen.add(slide.kind);
        await screenshot(page, `review-slide-${slide.kind}`);
      }
    }
    expect([...seen].sort()).toEqual(
      ['agenda', 'ablation', 'balance', 'close', 'decisions', 'proposal', 'runs-diverged', 'runs-failed', 'runs-finished', 'runs-stale', 'scaling-fit', 'scaling-multiplier'].sort(),
    );
    expect(problems).toEqual([]);
    // The check bites: a 12 px note on a slide is caught.
    await page.evaluate(() => {
      const probe = document.createElement('span');
      probe.className = 'probe';
      probe.style.fontSize = '12px';
      probe.textContent = 'tiny';
      document.querySelector('[data-testid="presentation"] .slide-body')!.append(probe);
    });
    expect(await tooSmallText(page)).toEqual(['span.probe: 12px "tiny"']);
    await page.evaluate(() => document.querySelector('.probe')!.remove());
    // Values are printed on the slides: an ablation's deltas come with their numbers as text.
    await page.keyboard.press(String(firstAblation)[0]!);
    if (firstAblation >= 10) await page.keyboard.press(String(firstAblation)[1]!);
    expect((await settledSlide(page)).kind).toBe('ablation');
    const rows = presentation(page).locator('.review-chart .interval-row');
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await presentation(page).locator('.review-chart .row-value').count()).toBe(await rows.count());

    // s saves the slide on screen as a 1920×1080 PNG.
    const download = page.waitForEvent('download');
    await page.keyboard.press('s');
    const file = path.join(outputDir, 'screenshots', 'review-saved-slide.png');
    await (await download).saveAs(file);
    const png = fs.readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1920, 1080]);
    expect(png.length).toBeGreaterThan(20_000);
    expect(errors).toEqual([]);
  }, 600_000);
});

describe('the PDF export', () => {
  it('prints one landscape 1920×1080 page per slide with no app chrome', async () => {
    const { page, errors } = await openPage(`${serve.url}#/review?since=${encodeURIComponent(wideSince)}&print=1`);
    const print = page.getByTestId('review-print');
    await page.waitForSelector('[data-testid="review-print"][data-print-ready="true"]', { timeout: 300_000 });
    const slides = await print.locator('.print-page').count();
    expect(slides).toBeGreaterThan(10);
    const pdfDir = path.join(outputDir, 'review-pdf');
    fs.rmSync(pdfDir, { recursive: true, force: true });
    fs.mkdirSync(pdfDir, { recursive: true });
    const pdfFile = path.join(pdfDir, 'review.pdf');
    await page.pdf({ path: pdfFile, preferCSSPageSize: true, printBackground: true });
    const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBe(slides);
    // 1920×1080 CSS pixels are 1440×810 points.
    expect(info).toMatch(/Page size:\s+1440 x 810 pts/);
    execFileSync('pdftoppm', ['-png', '-r', '48', pdfFile, path.join(pdfDir, 'page')]);
    const pages = fs.readdirSync(pdfDir).filter((f) => f.endsWith('.png')).sort();
    expect(pages).toHaveLength(slides);
    const first = fs.readFileSync(path.join(pdfDir, pages[0]!));
    expect([first.readUInt32BE(16), first.readUInt32BE(20)]).toEqual([960, 540]);
    // The printed text is the slides', not the app's: no sidebar, no page header.
    const text = execFileSync('pdftotext', ['-layout', pdfFile, '-'], { encoding: 'utf8' });
    expect(text).toContain('Weekly review');
    expect(text).toContain('Close the review');
    expect(text).not.toContain('Who am I');
    expect(text).not.toContain('Export PDF');
    expect(errors).toEqual([]);
  }, 600_000);

  it('Export PDF prints only once every slide is ready', async () => {
    const { page, errors } = await openPage(`${serve.url}#/review`);
    await page.getByTestId('export-pdf').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { printedReady: string[] };
      w.printedReady = [];
      window.print = () => w.printedReady.push(document.querySelector('[data-testid="review-print"]')?.getAttribute('data-print-ready') ?? 'missing');
    });
    await page.getByTestId('export-pdf').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (window as unknown as { printedReady: string[] }).printedReady), { timeout: 120_000 }).toEqual(['true']);
    // The print view goes away after printing.
    await expect.poll(() => page.getByTestId('review-print').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 300_000);
});

describe('a room display', () => {
  it('serves the review read-only and follows the store live', async () => {
    const roomDb = path.join(labDir, 'room.sqlite');
    const token = 'meeting-room-display';
    const room = await startServe(['--store', store, '--db', roomDb, '--host', '0.0.0.0', '--insecure-http', '--token', token]);
    try {
      const url = new URL(room.url);
      const base = `http://127.0.0.1:${url.port}/?token=${token}`;
      const { page, errors } = await openPage(`${base}#/review?since=${encodeURIComponent(wideSince)}&present=1`);
      await presentation(page).waitFor();
      // The room's own sync fills its cache after it opened: the slides follow as it goes.
      const auth = { Authorization: `Bearer ${token}` };
      await expect
        .poll(async () => ((await callApi(base, 'getSyncProgress', {}, auth)).body.value as { running: boolean; finishedAt: string | null }), { timeout: 120_000, interval: 500 })
        .toMatchObject({ running: false, finishedAt: expect.any(String) });
      await expect
        .poll(
          async () => {
            await page.keyboard.press('Home');
            await page.keyboard.press('t');
            return (await settledSlide(page)).kind;
          },
          { timeout: 120_000, interval: 1000 },
        )
        .toBe('proposal');
      // t again until a proposal not decided since the review (its slide offers the triage keys).
      let slide = await settledSlide(page);
      for (let i = 0; i < slide.count && (await presentation(page).getByTestId('slide-triage').count()) === 0; i++) {
        await page.keyboard.press('t');
        slide = await settledSlide(page);
      }
      // Triage is switched off, and says why.
      expect(await presentation(page).getByTestId('slide-triage').innerText()).toContain('Read-only display');
      await page.keyboard.press('d');
      await expect.poll(() => presentation(page).locator('.presentation-notice').innerText()).toContain('Read-only display');
      expect(await page.getByTestId('rationale-dialog').count()).toBe(0);
      await screenshot(page, 'review-room-display');

      // A decision taken elsewhere reaches the room's decision slide without a reload.
      const decisionsTitle = async () => {
        await page.keyboard.press('End');
        await page.keyboard.press('ArrowLeft');
        await page.keyboard.press('ArrowLeft');
        await settledSlide(page);
        return presentation(page).locator('.review-slide h1').innerText();
      };
      const titleBefore = await decisionsTitle();
      const countBefore = Number(/^(\d+)/.exec(titleBefore)?.[1] ?? 0);
      const target = slide.key.replace('proposal:', '');
      const rationale = 'Taken on the presenter’s screen while the room display watched.';
      expect(await callApi(serve.url, 'decide', { proposalId: target, decision: 'park', rationale, author: 'ana' })).toMatchObject({ body: { ok: true } });
      await expect.poll(async () => presentation(page).locator('.review-slide h1').innerText(), { timeout: 120_000, interval: 1000 }).toBe(
        `${countBefore + 1} decisions since the last review`,
      );
      expect(await presentation(page).locator('.decision-list').innerText()).toContain(rationale);
      expect(errors).toEqual([]);
    } finally {
      await room.stop();
    }
  }, 300_000);
});
