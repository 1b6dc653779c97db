// What the monkey watches while it walks: console errors, uncaught errors and unhandled rejections,
// API calls that failed (with the core's own error), dialogs, a crashed tab; and, counted in the page,
// the app's requests in flight (page-targets waits for none before it lists what to act on).
import type { Page } from 'playwright-core';

export interface PageWatch {
  /** Everything wrong seen so far, in words; the walk fails as soon as there is one. */
  problems: string[];
  settleTimeoutMs: number;
}

declare global {
  interface Window {
    __tesseraMonkey?: { inflight: Map<number, string> };
  }
}

export async function installPageWatch(page: Page, settleTimeoutMs = 30_000): Promise<PageWatch> {
  // Counts the app's fetches in the page itself (EventSource, the push channel, is not one).
  await page.addInitScript(() => {
    const state = { inflight: new Map<number, string>() };
    let next = 0;
    window.__tesseraMonkey = state;
    const original = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const id = next++;
      state.inflight.set(id, String(input instanceof Request ? input.url : input));
      return original(input, init).finally(() => setTimeout(() => state.inflight.delete(id), 0));
    };
  });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const where = message.location();
    problems.push(`console error: ${message.text()}${where.url ? ` (${where.url.replace(/^.*\//, '')}:${where.lineNumber})` : ''}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught error or unhandled rejection: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(0, 6).join('\n')}` : ''}`));
  page.on('crash', () => problems.push('the tab crashed'));
  page.on('dialog', (dialog) => {
    problems.push(`an unexpected ${dialog.type()} dialog: "${dialog.message()}"`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('response', (response) => {
    const match = /\/api\/([A-Za-z]+)$/.exec(new URL(response.url()).pathname);
    if (!match || response.ok()) return;
    const method = match[1];
    const status = response.status();
    // The console error Chromium logs for it says only the status; the body says what the core said.
    void response
      .json()
      .then((body: { error?: { code?: string; message?: string } }) => problems.push(`API ${method} failed (${status} ${body.error?.code}): ${body.error?.message}`))
      .catch(() => problems.push(`API ${method} failed with HTTP ${status}`));
  });
  return { problems, settleTimeoutMs };
}
