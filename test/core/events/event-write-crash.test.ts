// Events written by a process killed with SIGKILL at random moments: the store's events/ holds only
// whole, valid event files (a temporary file a kill leaves behind is named so the sync never sees
// it), every event the writer reported written is there, what waited in the outbox lands once on the
// next start, and the cache synced after each kill holds exactly the events in the store.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCacheDatabase, type CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { Outbox } from '../../../electron/core/events/outbox';
import { parseEventFile } from '../../../electron/core/store/parse-event-file';
import { IssueList } from '../../../electron/core/store/sync-issue';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { TEMP_FILE_PREFIX } from '../../../electron/core/store-access/store-transport';
import { walkLabStore } from '../../../electron/core/sync/walk-lab-store';
import { bundleEntry } from '../sync/support/bundle-entry';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { migrationsDir, proposalMarkdown, tempDir } from './support/triage-lab';

const KILLS = 8;
const EVENT_NAME = /^[0-9A-HJKMNP-TV-Z]{26}\.json$/;

let dir: string;
let store: string;
let outboxDir: string;
let childScript: string;

beforeAll(async () => {
  dir = tempDir('event-crash');
  store = path.join(dir, 'store');
  outboxDir = path.join(dir, 'outbox');
  fs.mkdirSync(path.join(store, 'proposals'), { recursive: true });
  fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Crash lab' }));
  for (const id of ['p-1', 'p-2']) {
    fs.writeFileSync(path.join(store, 'proposals', `${id}.md`), proposalMarkdown({ id, title: `Proposal ${id}`, owner: 'ana', status: 'active', kind: 'exploratory' }, 'Body.'));
  }
  childScript = await bundleEntry(path.join(__dirname, 'support', 'event-write-child-entry.ts'), 'event-write-child');
});

afterAll(() => {
  fs.rmSync(childScript, { force: true });
  fs.rmSync(dir, { recursive: true, force: true });
});

interface ChildRun {
  finished: boolean;
  written: string[];
}

/** Runs the writer child; kills it `killAfterMs` after it started, unless it finished first. */
function runWriterChild(count: number, tag: string, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, store, outboxDir, String(count), tag], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      if (killAfterMs !== undefined && timer === undefined && out.includes('started\n')) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (data: Buffer) => (err += data.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // Only whole lines: a kill can cut the last one.
      const written = [...out.matchAll(/^written (\S+) \S+$/gm)].map((m) => m[1]!);
      if (out.includes('\ndone\n')) resolve({ finished: true, written });
      else if (signal === 'SIGKILL') resolve({ finished: false, written });
      else reject(new Error(`event writer child exited with ${code}: ${err}`));
    });
  });
}

interface EventsFolder {
  /** id → the event's text, for every whole event file. */
  events: Map<string, string>;
  temporary: string[];
  /** Anything that is neither: a partial or foreign file. */
  bad: string[];
}

function readEventsFolder(): EventsFolder {
  const found: EventsFolder = { events: new Map(), temporary: [], bad: [] };
  const root = path.join(store, 'events');
  if (!fs.existsSync(root)) return found;
  for (const entry of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(store, path.join(entry.parentPath, entry.name));
    if (entry.name.startsWith(TEMP_FILE_PREFIX)) {
      found.temporary.push(rel);
      continue;
    }
    const id = path.basename(entry.name, '.json');
    const issues = new IssueList(rel);
    const bytes = fs.readFileSync(path.join(store, rel));
    const record = EVENT_NAME.test(entry.name) ? parseEventFile(bytes, id, issues) : null;
    if (record && issues.issues.length === 0) found.events.set(id, bytes.toString('utf8'));
    else found.bad.push(`${rel}: ${issues.issues.map((i) => i.message).join(' ') || 'not an event file name'}`);
  }
  return found;
}

function cacheEventIds(cache: CacheDatabase): string[] {
  return cache.sqlite.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[];
}

describe('SIGKILL during event writes', () => {
  it('leaves only whole event files, loses nothing reported written, and delivers the outbox once', async () => {
    const cache = openCacheDatabase({ file: path.join(dir, 'cache.sqlite'), migrationsDir });
    const seed = Date.now() % 100_000;
    const random = createSeededRandom(seed).next;
    const reported = new Set<string>();
    let interrupted = 0;
    // What a kill between the write and the rename leaves, planted so the sync always meets one.
    const half = JSON.stringify({ id: '01KB0000000000000000000000', at: '2026-11-20T10:00:00.000Z', author: 'ana', type: 'comment', target: 'p-1', text: 'cut' });
    fs.mkdirSync(path.join(store, 'events', '2026', '11'), { recursive: true });
    fs.writeFileSync(path.join(store, 'events', '2026', '11', `${TEMP_FILE_PREFIX}0123456789abcdef`), half.slice(0, half.length / 2));
    try {
      for (let k = 0; k < KILLS; k++) {
        const delay = Math.round(20 + 280 * random());
        const run = await runWriterChild(100_000, `k${k}`, delay);
        const context = `kill ${k} after ${delay} ms (seed ${seed})`;
        if (!run.finished) interrupted++;
        run.written.forEach((id) => reported.add(id));

        const folder = readEventsFolder();
        expect(folder.bad, context).toEqual([]);
        for (const id of reported) expect(folder.events.has(id), `${context}: event ${id} was reported written`).toBe(true);
        // Whatever waits in the outbox is whole; the kill may have come after it reached the store.
        const outbox = new Outbox(outboxDir).list();
        expect(outbox.unreadable, context).toEqual([]);

        // The sync sees the whole files, never a temporary one.
        const walked = await walkLabStore(new LocalFolderTransport(store));
        expect(walked.filter((f) => path.basename(f.path).startsWith(TEMP_FILE_PREFIX)), context).toEqual([]);
        const summary = await syncFolder(cache, store);
        expect(summary.issues, context).toEqual([]);
        expect(cacheEventIds(cache), context).toEqual([...folder.events.keys()].sort());
      }
      expect(interrupted, `seed ${seed}`).toBeGreaterThanOrEqual(KILLS - 1);

      // The next start delivers what the outbox kept, once.
      const pendingBefore = new Outbox(outboxDir).list().pending.map((entry) => entry.event.id);
      const restart = await runWriterChild(0, 'restart');
      expect(restart.finished).toBe(true);
      expect(new Outbox(outboxDir).list().pending).toEqual([]);
      const folder = readEventsFolder();
      expect(folder.bad, `${folder.temporary.length} temporary files left by the kills, ignored by the sync`).toEqual([]);
      for (const id of [...reported, ...pendingBefore]) expect(folder.events.has(id), `event ${id}`).toBe(true);
      // No event went in twice under two ids: each text names its own event.
      const texts = [...folder.events.values()].map((text) => /event (k\d+-\d+) /.exec(text)?.[1]).filter((name) => name !== undefined);
      expect(texts.length).toBeGreaterThan(KILLS);
      expect(new Set(texts).size).toBe(texts.length);

      const summary = await syncFolder(cache, store);
      expect(summary.issues).toEqual([]);
      expect(cacheEventIds(cache)).toEqual([...folder.events.keys()].sort());
    } finally {
      cache.close();
    }
  });
});
