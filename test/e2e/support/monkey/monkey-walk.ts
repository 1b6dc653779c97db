// The monkey: a seeded random walk through the app as a restless user would take it — clicks on
// whatever is on screen, selects, typing (sensible and not), keys, drag-zoom and hover on charts,
// scrolling, the sidebar, back and forward, and a change of window size — failing at the first
// render failure, uncaught error, unhandled rejection, console error or failed API call. The
// failure names the seed and the last actions, so `TESSERA_MONKEY_SEED` replays it exactly.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { screenshotDir } from '../browser';
import { snapshotSettledPage, type PageSnapshot, type PageTarget } from './page-targets';
import { seededRandom, type SeededRandom } from './seeded-random';
import { installPageWatch, type PageWatch } from './page-watch';

export interface WalkOptions {
  /** A fresh page; the walk installs its watch, then opens `url`. */
  page: Page;
  /** The app's address (the served renderer), without a route. */
  url: string;
  seed: number;
  actions: number;
  /** How long a page may keep requests in flight after an action before it counts as hung (default 30 s). */
  settleTimeoutMs?: number;
  /** The routes to start from, one visit each before the random part (every page is covered). */
  startRoutes: string[];
  /** How a person replays this walk (printed on failure). */
  replayHint?: string;
  /** Called before every action with its log line. */
  onAction?: (line: string) => void;
}

export interface WalkReport {
  seed: number;
  actions: number;
  byKind: Record<string, number>;
  /** How many actions were taken on each page (the route's page part). */
  byPage: Record<string, number>;
  /** Actions whose target moved or vanished before the input reached it (not failures). */
  missed: number;
  elapsedMs: number;
}

export class WalkFailure extends Error {
  constructor(
    message: string,
    readonly seed: number,
    readonly actionIndex: number,
    readonly lastActions: string[],
  ) {
    super(message);
    this.name = 'WalkFailure';
  }
}

const LAST_ACTIONS_SHOWN = 30;
const VIEWPORTS = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];
const KEYS = [
  'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', 'Escape', 'Tab', 'Shift+Tab', 'Space', 'Home', 'End', 'PageDown',
  'PageUp', 'j', 'k', 'h', 'l', 'a', 'd', 'p', 'c', 'f', 'n', 'b', '?', 'Control+k', 'Backspace', '1',
];
const TEXT = ['', 'loss', 'abl-0', 'p-01', 'baseline', 'mtp', 'NaN', 'ana', 'eval/c4', 'ladder 1.1B', '"quoted" <b>bold</b>', "'; DROP TABLE runs;--", '*', 'ü 🙂 ∞', 'x'.repeat(300)];
const NUMBERS = ['0', '1', '-1', '5', '0.5', '100', '1e6', '', '99999', '3'];
const DATES = ['2026-01-01', '2026-11-20', '1999-12-31', '', '2031-05-05'];
const WEIGHTS = { click: 46, select: 10, fill: 8, key: 12, drag: 5, hover: 4, scroll: 6, route: 3, history: 3, resize: 1 } as const;
type ActionKind = keyof typeof WEIGHTS;

function textFor(random: SeededRandom, inputType: string | undefined): string {
  if (inputType === 'number') return random.pick(NUMBERS);
  if (inputType === 'date') return random.pick(DATES);
  return random.pick(TEXT);
}

function pageOf(route: string): string {
  return route.replace(/^#\/?/, '').split('?')[0] || 'runs';
}

/** One action: chosen from what is on screen, described, then performed through real input. */
async function act(page: Page, random: SeededRandom, snapshot: PageSnapshot, startRoutes: string[]): Promise<{ kind: ActionKind; line: string; run: () => Promise<void> }> {
  const of = (kind: PageTarget['kind']) => snapshot.targets.filter((t) => t.kind === kind);
  const available: Partial<Record<ActionKind, number>> = { key: WEIGHTS.key, route: WEIGHTS.route, history: WEIGHTS.history, resize: WEIGHTS.resize };
  if (of('click').length > 0) available.click = WEIGHTS.click;
  if (of('select').length > 0) available.select = WEIGHTS.select;
  if (of('fill').length > 0) available.fill = WEIGHTS.fill;
  if (of('surface').length > 0) Object.assign(available, { drag: WEIGHTS.drag, hover: WEIGHTS.hover });
  if (of('scroller').length > 0) available.scroll = WEIGHTS.scroll;
  const kind = random.weighted<ActionKind>(available);
  const locator = (target: PageTarget) => page.locator(`[data-monkey="${target.tag}"]`);
  switch (kind) {
    case 'click': {
      const target = random.pick(of('click'));
      return { kind, line: `click ${target.label}`, run: () => page.mouse.click(target.x, target.y) };
    }
    case 'select': {
      const target = random.pick(of('select'));
      const value = target.options && target.options.length > 0 ? random.pick(target.options) : '';
      return { kind, line: `select "${value}" in ${target.label}`, run: async () => void (await locator(target).selectOption(value, { timeout: 1500 })) };
    }
    case 'fill': {
      const target = random.pick(of('fill'));
      const text = textFor(random, target.inputType);
      const enter = random.next() < 0.3;
      return {
        kind,
        line: `type "${text.slice(0, 40)}"${enter ? ' + Enter' : ''} into ${target.label}`,
        run: async () => {
          await locator(target).fill(text, { timeout: 1500 });
          if (enter) await locator(target).press('Enter', { timeout: 1500 });
        },
      };
    }
    case 'key': {
      const key = random.pick(KEYS);
      return { kind, line: `press ${key}`, run: () => page.keyboard.press(key) };
    }
    case 'drag': {
      const target = random.pick(of('surface'));
      const left = target.x - target.width / 2;
      const [a, b] = [random.next(), random.next()].map((f) => left + target.width * (0.08 + 0.84 * f));
      const y = target.y - target.height / 2 + target.height * (0.2 + 0.5 * random.next());
      return {
        kind,
        line: `drag ${Math.round(a!)}→${Math.round(b!)} at y ${Math.round(y)} on ${target.label}`,
        run: async () => {
          await page.mouse.move(a!, y);
          await page.mouse.down();
          await page.mouse.move(b!, y, { steps: 4 });
          await page.mouse.up();
        },
      };
    }
    case 'hover': {
      const target = random.pick(of('surface'));
      const x = target.x - target.width / 2 + target.width * random.next();
      const y = target.y - target.height / 2 + target.height * random.next();
      return { kind, line: `hover ${Math.round(x)},${Math.round(y)} on ${target.label}`, run: () => page.mouse.move(x, y, { steps: 2 }) };
    }
    case 'scroll': {
      const target = random.pick(of('scroller'));
      const dy = random.pick([-2000, -600, -200, 200, 600, 2000]);
      const dx = random.next() < 0.2 ? random.pick([-400, 400]) : 0;
      return {
        kind,
        line: `scroll ${dx},${dy} in ${target.label}`,
        run: async () => {
          await page.mouse.move(target.x, target.y);
          await page.mouse.wheel(dx, dy);
        },
      };
    }
    case 'route': {
      const route = random.pick(startRoutes);
      return { kind, line: `go to ${route}`, run: () => page.evaluate((hash) => void (window.location.hash = hash), route) };
    }
    case 'history': {
      const back = random.next() < 0.7;
      return { kind, line: back ? 'browser back' : 'browser forward', run: () => page.evaluate((b) => (b ? history.back() : history.forward()), back) };
    }
    case 'resize': {
      const size = random.pick(VIEWPORTS);
      return { kind, line: `resize to ${size.width}×${size.height}`, run: () => page.setViewportSize(size) };
    }
  }
}

/** An input that raced a re-render (the target moved or went away) is a miss, not a failure. */
function isMiss(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Timeout|not attached|detached|not visible|not an HTMLSelectElement|not an <input>|Element is not|did not find some options/i.test(message);
}

export async function monkeyWalk(options: WalkOptions): Promise<WalkReport> {
  const { page, seed } = options;
  const random = seededRandom(seed);
  const watch: PageWatch = await installPageWatch(page, options.settleTimeoutMs);
  await page.goto(`${options.url}${options.startRoutes[0] ?? ''}`);
  const log: string[] = [];
  const report: WalkReport = { seed, actions: 0, byKind: {}, byPage: {}, missed: 0, elapsedMs: 0 };
  const started = Date.now();

  const fail = async (index: number, reason: string): Promise<never> => {
    // A failed API call's body is read asynchronously: give its details a moment to arrive.
    await page.waitForTimeout(150);
    const more = watch.problems.filter((problem) => !reason.includes(problem));
    if (more.length > 0) reason += `\n${more.join('\n')}`;
    const shot = path.join(screenshotDir, `monkey-failure-seed-${seed}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    const last = log.slice(-LAST_ACTIONS_SHOWN);
    throw new WalkFailure(
      `Monkey walk failed at action ${index} of ${options.actions} (seed ${seed}):\n  ${reason.split('\n').join('\n  ')}\n` +
        `Screenshot: ${shot}\n${options.replayHint ? `Replay: ${options.replayHint}\n` : ''}` +
        `The last ${last.length} actions:\n${last.map((line) => `  ${line}`).join('\n')}`,
      seed,
      index,
      last,
    );
  };

  const check = async (index: number): Promise<PageSnapshot> => {
    const snapshot = await page.evaluate(snapshotSettledPage, watch.settleTimeoutMs);
    if (snapshot.stillPending) await fail(index, `the page did not settle within ${watch.settleTimeoutMs / 1000} s (requests in flight, or it kept changing): ${snapshot.stillPending.join(', ')}`);
    // The render failure first: it says what the user saw; the console errors say why.
    if (snapshot.renderFailure) await fail(index, `render failure on ${snapshot.route}: ${snapshot.renderFailure}`);
    if (watch.problems.length > 0) await fail(index, watch.problems.join('\n'));
    return snapshot;
  };

  // Every page once, from its sidebar route, before the random part.
  let index = 0;
  for (const route of options.startRoutes) {
    const line = `#${index} [start] go to ${route}`;
    log.push(line);
    options.onAction?.(line);
    await page.evaluate((hash) => void (window.location.hash = hash), route);
    await check(index++);
  }
  let snapshot = await check(index);
  for (; index < options.actions; index++) {
    const action = await act(page, random, snapshot, options.startRoutes);
    const where = pageOf(snapshot.route);
    const line = `#${index} [${snapshot.route.slice(0, 70)}] ${action.line}`;
    log.push(line);
    options.onAction?.(line);
    report.byKind[action.kind] = (report.byKind[action.kind] ?? 0) + 1;
    report.byPage[where] = (report.byPage[where] ?? 0) + 1;
    try {
      await action.run();
      // Typing is debounced (200 ms) before it reaches the URL or the API.
      if (action.kind === 'fill') await page.waitForTimeout(260);
    } catch (error) {
      if (!isMiss(error)) await fail(index, `the action itself failed: ${(error as Error).message.split('\n')[0]}`);
      report.missed++;
      log[log.length - 1] += ' (missed: the target moved)';
    }
    snapshot = await check(index);
  }
  report.actions = index;
  report.elapsedMs = Date.now() - started;
  return report;
}
