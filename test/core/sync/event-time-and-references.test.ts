// Events the store holds but cannot mean: one dated years ahead (a wrong clock, a typo of 2036) is an
// issue and does not outrank decisions made now, until its time comes; one about a proposal, ablation
// or run the store does not define, or by a person team.yaml does not know, is an issue as well.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { MAX_EVENT_CLOCK_SKEW_MS } from '../../../electron/core/sync/sync-store-documents';
import { createStore, openTestCache, writeFiles } from './support/lab-store-fixture';

let root: string;
let cache: CacheDatabase;

const proposal = (id: string) => `---\nid: ${id}\ntitle: ${id}\nstatus: active\nkind: exploratory\n---\nBody.\n`;
const eventFile = (id: string, at: string) => `events/${at.slice(0, 4)}/${at.slice(5, 7)}/${id}.json`;

function decision(id: string, at: string, choice: string, extra: Record<string, unknown> = {}): Record<string, string> {
  return { [eventFile(id, at)]: JSON.stringify({ id, at, author: 'ana', type: 'decision', target: 'p-1', decision: choice, rationale: `because ${choice}`, ...extra }) };
}

const status = () => cache.sqlite.prepare("SELECT status FROM proposals WHERE id = 'p-1'").pluck().get();
const issues = () => cache.sqlite.prepare('SELECT path, code FROM sync_issues ORDER BY path, code').all() as { path: string; code: string }[];
const eventIds = () => cache.sqlite.prepare('SELECT id FROM events ORDER BY id').pluck().all();

beforeEach(() => {
  root = createStore({ 'proposals/p-1.md': proposal('p-1') });
  cache = openTestCache(path.join(path.dirname(root), 'cache.db'));
});
afterEach(() => cache.close());

describe('an event dated in the future', () => {
  it('is an issue, is not applied, and the decision made now sets the status, pass after pass', async () => {
    const now = new Date().toISOString();
    writeFiles(root, { ...decision('01FUTURE', '2036-01-01T00:00:00Z', 'adopt'), ...decision('01NOW', now, 'drop') });
    for (let pass = 0; pass < 2; pass++) {
      await syncFolder(cache, root);
      expect(status()).toBe('dropped');
      expect(eventIds()).toEqual(['01NOW']);
      expect(issues()).toEqual([{ path: 'events/2036/01/01FUTURE.json', code: 'future-time' }]);
    }
    const message = cache.sqlite.prepare("SELECT message FROM sync_issues WHERE code = 'future-time'").pluck().get();
    expect(message).toMatch(/^The event is dated 2036-01-01T00:00:00.000Z, after this machine's clock \(.*\): it is not applied before then\.$/);
  });

  it('within the clock skew is applied at once, and one just beyond it once its time has come', async () => {
    const soon = new Date(Date.now() + MAX_EVENT_CLOCK_SKEW_MS / 2).toISOString();
    const due = new Date(Date.now() + MAX_EVENT_CLOCK_SKEW_MS + 2500).toISOString();
    writeFiles(root, { ...decision('01SOON', soon, 'park'), ...decision('01DUE', due, 'adopt') });
    await syncFolder(cache, root);
    expect([status(), eventIds(), issues().map((i) => i.code)]).toEqual(['inconclusive', ['01SOON'], ['future-time']]);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(due) - MAX_EVENT_CLOCK_SKEW_MS - Date.now() + 200));
    await syncFolder(cache, root);
    expect([status(), eventIds(), issues()]).toEqual(['adopted', ['01DUE', '01SOON'], []]);
  });
});

describe('an event about nothing the store defines, or by nobody the team knows', () => {
  it('is kept and is an issue, which goes once the proposal or the person appears', async () => {
    writeFiles(root, {
      'team.yaml': 'people:\n  - {id: ana, name: Ana}\n',
      ...decision('01A', '2026-11-20T10:00:00Z', 'drop', { target: 'p-404' }),
      [eventFile('01B', '2026-11-20T11:00:00Z')]: JSON.stringify({ id: '01B', at: '2026-11-20T11:00:00Z', author: 'zed', type: 'comment', target: 'p-1', text: 'hi' }),
      [eventFile('01C', '2026-11-20T12:00:00Z')]: JSON.stringify({ id: '01C', at: '2026-11-20T12:00:00Z', author: 'ana', type: 'comment', target: 'r-none', text: 'hi' }),
    });
    await syncFolder(cache, root);
    expect(eventIds()).toEqual(['01A', '01B', '01C']);
    expect(issues()).toEqual([
      { path: 'events/2026/11/01A.json', code: 'unknown-target' },
      { path: 'events/2026/11/01B.json', code: 'unknown-author' },
      { path: 'events/2026/11/01C.json', code: 'unknown-target' },
    ]);
    const messages = cache.sqlite.prepare('SELECT message FROM sync_issues ORDER BY path').pluck().all();
    expect(messages).toEqual([
      'The decision is about "p-404", which is no proposal of this store.',
      'The author "zed" is not a person of team.yaml.',
      'The comment is about "r-none", which is no proposal, ablation or run of this store.',
    ]);
    // Unchanged, a second pass reports no change; a new proposal and person clear their issues.
    expect((await syncFolder(cache, root)).changed.issues).toBe(false);
    writeFiles(root, { 'proposals/p-404.md': proposal('p-404'), 'team.yaml': 'people:\n  - {id: ana, name: Ana}\n  - {id: zed, name: Zed}\n' });
    await syncFolder(cache, root);
    expect(issues()).toEqual([{ path: 'events/2026/11/01C.json', code: 'unknown-target' }]);
  });
});
