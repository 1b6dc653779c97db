// The monkey test: a seeded random walk of some thousands of actions through every page of the demo
// lab in Chromium (see support/monkey/monkey-walk.ts), failing on any render failure, uncaught error,
// unhandled rejection, console error or failed API call, with the seed and the last actions.
//   TESSERA_MONKEY_SEED=N        replay the walk of seed N (`random` picks one and prints it)
//   TESSERA_MONKEY_ACTIONS=N     a longer (or shorter) walk
//   TESSERA_MONKEY_URL=URL       walk a `tessera serve` already running (e.g. on the large demo lab) instead
//   TESSERA_MONKEY_SETTLE_S=S    how long a page may keep requests in flight before it counts as hung (30)
// And tests of the test: the same seed takes the same steps, and a failure injected into the page
// (an API answer that breaks a page's render, an unhandled rejection) is caught and reported.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { demoLabServedTwice } from './support/demo-lab';
import { monkeyWalk, WalkFailure, type WalkOptions } from './support/monkey/monkey-walk';
import type { ServeProcess } from './support/start-serve';

const DEFAULT_SEED = 20261123;
const DEFAULT_ACTIONS = 2000;

function walkSeed(): number {
  const given = process.env.TESSERA_MONKEY_SEED;
  if (given === 'random') return Math.floor(Math.random() * 2 ** 31);
  if (given !== undefined && given !== '') {
    const seed = Number(given);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`TESSERA_MONKEY_SEED must be a whole number ≥ 0 or "random", not "${given}"`);
    return seed;
  }
  return DEFAULT_SEED;
}

function settleSeconds(): number | undefined {
  const given = process.env.TESSERA_MONKEY_SETTLE_S;
  if (given === undefined || given === '') return undefined;
  const seconds = Number(given);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new Error(`TESSERA_MONKEY_SETTLE_S must be a number of seconds > 0, not "${given}"`);
  return seconds;
}

function walkLength(): number {
  const given = process.env.TESSERA_MONKEY_ACTIONS;
  if (given === undefined || given === '') return DEFAULT_ACTIONS;
  const actions = Number(given);
  if (!Number.isInteger(actions) || actions < 1) throw new Error(`TESSERA_MONKEY_ACTIONS must be a whole number ≥ 1, not "${given}"`);
  return actions;
}

/** The sidebar's routes, in its order: the walk starts by visiting each. */
async function sidebarRoutes(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('a.nav-link');
    return await page.$$eval('a.nav-link', (links) => links.map((link) => link.getAttribute('href') ?? ''));
  } finally {
    await context.close();
  }
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  return context.newPage();
}

async function walk(browser: Browser, options: Omit<WalkOptions, 'page'>) {
  const page = await freshPage(browser);
  try {
    return await monkeyWalk({ ...options, page });
  } finally {
    await page.context().close();
  }
}

/** Runs a walk that must fail; returns its failure. */
async function failingWalk(browser: Browser, options: Omit<WalkOptions, 'page'>, prepare: (page: Page) => Promise<void>): Promise<WalkFailure> {
  const page = await freshPage(browser);
  try {
    await prepare(page);
    await monkeyWalk({ ...options, page });
  } catch (error) {
    if (error instanceof WalkFailure) return error;
    throw error;
  } finally {
    await page.context().close();
  }
  throw new Error('the walk passed although a failure was injected');
}

/** Every list in a JSON value replaced by an object: code that maps over it throws while rendering. */
function breakLists(value: unknown): unknown {
  if (Array.isArray(value)) return { broken: true };
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, breakLists(v)]));
  return value;
}

let browser: Browser;
let writable: ServeProcess;
let readOnly: ServeProcess;
let routes: string[];

beforeAll(async () => {
  ({ writable, readOnly } = await demoLabServedTwice('monkey'));
  browser = await launchBrowser();
  routes = await sidebarRoutes(browser, writable.url);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([writable?.stop(), readOnly?.stop()]);
});

describe('the monkey', () => {
  it('walks every page of the demo lab without a render failure, uncaught error, console error or failed call', { timeout: 30 * 60_000 }, async () => {
    const seed = walkSeed();
    const actions = walkLength();
    const url = process.env.TESSERA_MONKEY_URL || writable.url;
    expect(routes.length).toBeGreaterThanOrEqual(10);
    const report = await walk(browser, {
      url,
      seed,
      actions,
      settleTimeoutMs: (settleSeconds() ?? 30) * 1000,
      startRoutes: routes,
      replayHint: `${process.env.TESSERA_MONKEY_URL ? `TESSERA_MONKEY_URL=${url} ` : ''}TESSERA_MONKEY_SEED=${seed} TESSERA_MONKEY_ACTIONS=${actions} npx vitest run -c vitest.e2e.config.ts test/e2e/monkey.e2e.test.ts -t "every page"`,
    });
    console.log(`monkey: seed ${seed}, ${report.actions} actions in ${(report.elapsedMs / 1000).toFixed(0)} s (${report.missed} missed their target)`);
    console.log(`  by kind: ${JSON.stringify(report.byKind)}\n  by page: ${JSON.stringify(report.byPage)}`);
    expect(report.actions).toBe(actions);
    // The walk did reach every page, not just the first few.
    for (const route of routes) expect(report.byPage[route.replace(/^#\//, '')] ?? 0, route).toBeGreaterThan(0);
  });

  it('takes the same steps for the same seed (on a read-only server)', { timeout: 10 * 60_000 }, async () => {
    const lines: string[][] = [[], []];
    for (const run of [0, 1]) {
      await walk(browser, { url: readOnly.url, seed: 7, actions: 60, startRoutes: routes, onAction: (line) => lines[run]!.push(line) });
    }
    expect(lines[0]!.length).toBe(60);
    expect(lines[1]).toEqual(lines[0]);
  });

  it('catches a page that fails to render, naming the seed and the last actions', { timeout: 5 * 60_000 }, async () => {
    const failure = await failingWalk(browser, { url: readOnly.url, seed: 3, actions: 400, startRoutes: routes }, async (page) => {
      // The Team page's answers, with every list broken: the page cannot render them.
      await page.route(/\/api\/getWorkSplit$/, async (route) => {
        const response = await route.fetch();
        const body = (await response.json()) as unknown;
        await route.fulfill({ response, json: breakLists(body) });
      });
    });
    expect(failure.message).toMatch(/render failure on #\/team/);
    expect(failure.message).toContain('seed 3');
    expect(failure.message).toContain('TypeError');
    // The actions up to it: the start visits of the pages before Team.
    expect(failure.lastActions.length).toBe(routes.indexOf('#/team') + 1);
    expect(failure.lastActions.at(-1)).toContain('go to #/team');
  });

  it('catches an unhandled rejection and a console error in the middle of a walk', { timeout: 5 * 60_000 }, async () => {
    for (const [inject, expected] of [
      ['rejection', 'uncaught error or unhandled rejection: injected rejection'],
      ['console', 'console error: injected console error'],
    ] as const) {
      let page: Page | null = null;
      const failure = await failingWalk(
        browser,
        {
          url: readOnly.url,
          seed: 11,
          actions: 400,
          startRoutes: routes,
          onAction: (line) => {
            if (!line.startsWith('#40 ')) return;
            void page!.evaluate((kind) => {
              setTimeout(() => {
                if (kind === 'rejection') void Promise.reject(new Error('injected rejection'));
                else console.error('injected console error');
              }, 0);
            }, inject);
          },
        },
        async (p) => void (page = p),
      );
      expect(failure.message).toContain(expected);
      expect(failure.seed).toBe(11);
      expect(failure.actionIndex).toBeGreaterThanOrEqual(40);
      expect(failure.lastActions).toHaveLength(30);
    }
  });
});
