// One hostile store file never stops a pass: JSON and YAML nested thousands of levels deep (which
// once threw RangeError out of the whole sync), and any exception a reader throws on one file,
// become issues on that file while every other file is synced; later passes go the same way.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { exportSeries } from '../../../electron/core/queries/export-series';
import { deriveRunId } from '../../../electron/core/sources/run-id';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import { syncStore } from '../../../electron/core/sync/sync-store';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { eventsFileName, TfEventsFileWriter } from '../../helpers/tfevents-writer';
import { createStore, makeTempDir, metricsLines, openTestCache, runJson } from './support/lab-store-fixture';

let dir: string;
let cache: CacheDatabase;

beforeEach(() => {
  dir = makeTempDir('tessera-hostile-');
  cache = openTestCache(path.join(dir, 'cache.db'));
});
afterEach(() => {
  cache.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
const issuesOf = (file: string) =>
  cache.sqlite.prepare('SELECT line, code, message FROM sync_issues WHERE path = ? ORDER BY line').all(file) as { line: number | null; code: string; message: string }[];
const runIds = () => cache.sqlite.prepare('SELECT id FROM runs ORDER BY id').pluck().all();

describe('deeply nested store files', () => {
  it('are each an issue on their file, and every other file of the store is synced', async () => {
    const store = createStore({
      'runs/r-deep/run.json': runJson('r-deep', { config: { x: 0 } }).replace('"x":0', `"x":${nested(5000)}`),
      'runs/r-lines/run.json': runJson('r-lines'),
      'runs/r-lines/metrics.jsonl': `${metricsLines([{ step: 1, loss: 1 }])}{"step":2,"loss":${nested(20_000)}}\n${nested(20_000)}\n${metricsLines([{ step: 3, loss: 3 }])}`,
      'runs/r-zz-after/run.json': runJson('r-zz-after'),
      'runs/r-zz-after/metrics.jsonl': metricsLines([{ step: 0, loss: 2 }]),
      'ablations/abl-deep.yaml': `id: abl-deep\ntitle: deep\nextra: ${nested(5000)}\n`,
      'ablations/abl-ok.yaml': 'id: abl-ok\ntitle: fine\n',
      'proposals/p-deep.md': `---\nid: p-deep\ntitle: deep\nowner: ana\nextra: ${nested(200)}\n---\nBody.\n`,
      'events/2026/10/E1.json': JSON.stringify({ id: 'E1', at: '2026-10-01T00:00:00Z', author: 'ana', type: 'comment', target: 'r-lines', text: 'x' }).replace('"text":"x"', `"text":"x","extra":${nested(5000)}`),
      'events/2026/10/E2.json': JSON.stringify({ id: 'E2', at: '2026-10-01T00:00:00Z', author: 'ana', type: 'comment', target: 'r-lines', text: 'fine' }),
    });
    for (let pass = 0; pass < 2; pass++) {
      await syncFolder(cache, store);
      expect(runIds()).toEqual(['r-lines', 'r-zz-after']);
      expect(exportSeries(cache.sqlite, 'r-lines', 'loss')).toEqual([[1, 1], [3, 3]]);
      expect(exportSeries(cache.sqlite, 'r-zz-after', 'loss')).toEqual([[0, 2]]);
      expect(cache.sqlite.prepare('SELECT id FROM ablations').pluck().all()).toEqual(['abl-ok']);
      expect(cache.sqlite.prepare('SELECT id FROM events').pluck().all()).toEqual(['E2']);
      expect(issuesOf('runs/r-deep/run.json').map((i) => i.code)).toEqual(['too-deep']);
      expect(issuesOf('runs/r-lines/metrics.jsonl').map((i) => [i.line, i.code])).toEqual([[2, 'too-deep'], [3, 'too-deep']]);
      expect(issuesOf('events/2026/10/E1.json').map((i) => i.code)).toEqual(['too-deep']);
      expect(issuesOf('proposals/p-deep.md').map((i) => i.code)).toEqual(['too-deep']);
      expect(issuesOf('ablations/abl-deep.yaml').length).toBeGreaterThan(0);
    }
  });

  it('a metrics file appended after a deep line goes on from there', async () => {
    const store = createStore({ 'runs/r/run.json': runJson('r'), 'runs/r/metrics.jsonl': `{"step":0,"x":${nested(64)}}\n` });
    await syncFolder(cache, store);
    fs.appendFileSync(path.join(store, 'runs/r/metrics.jsonl'), metricsLines([{ step: 1, loss: 0.5 }]));
    await syncFolder(cache, store);
    expect(exportSeries(cache.sqlite, 'r', 'loss')).toEqual([[1, 0.5]]);
    expect(issuesOf('runs/r/metrics.jsonl').map((i) => [i.line, i.code])).toEqual([[1, 'too-deep']]);
  });
});

describe('file names that are not valid UTF-8', () => {
  it('are refused with an issue that says so, where before they were skipped silently', async () => {
    const store = createStore({ 'ablations/abl-ok.yaml': 'id: abl-ok\ntitle: fine\n' });
    fs.mkdirSync(path.join(store, 'events/2026/10'), { recursive: true });
    const bytesPath = (folder: string, name: Buffer) => Buffer.concat([Buffer.from(path.join(store, folder) + path.sep), name]);
    fs.writeFileSync(bytesPath('ablations', Buffer.from([0x61, 0xff, 0x2e, 0x79, 0x61, 0x6d, 0x6c])), 'id: x\n');
    fs.writeFileSync(bytesPath('events/2026/10', Buffer.from([0xc3, 0x28, 0x2e, 0x6a, 0x73, 0x6f, 0x6e])), '{}');
    await syncFolder(cache, store);
    const issues = cache.sqlite.prepare('SELECT path, code, message FROM sync_issues ORDER BY path').all() as { path: string; code: string; message: string }[];
    expect(issues).toEqual([
      { path: 'ablations/a\ufffd.yaml', code: 'invalid-id', message: '"a\ufffd" (not valid UTF-8) is not a valid id: the file is refused.' },
      { path: 'events/2026/10/\ufffd(.json', code: 'invalid-id', message: '"\ufffd(" (not valid UTF-8) is not a valid event id: the file is refused.' },
    ]);
    expect(cache.sqlite.prepare('SELECT id FROM ablations').pluck().all()).toEqual(['abl-ok']);
  });
});

/** A real folder transport whose reads of chosen files throw what no reader expects. */
class FailingReads extends LocalFolderTransport {
  constructor(root: string, private readonly failing: Set<string>) {
    super(root);
  }
  private check(storePath: string) {
    if (this.failing.has(storePath)) throw new TypeError(`cannot read properties of undefined (reading ${storePath})`);
  }
  override async readSmallFile(storePath: string, maxBytes: number): Promise<Buffer> {
    this.check(storePath);
    return super.readSmallFile(storePath, maxBytes);
  }
  override async *readRange(storePath: string, start: number, end?: number, chunkBytes?: number): AsyncIterable<Buffer> {
    this.check(storePath);
    yield* super.readRange(storePath, start, end, chunkBytes);
  }
}

describe('an exception while reading one file', () => {
  it('becomes an issue on that file in a lab store, the rest is synced, and the next pass reads the file again', async () => {
    const store = createStore({
      'runs/r-1/run.json': runJson('r-1'),
      'runs/r-1/metrics.jsonl': metricsLines([{ step: 0, loss: 1 }]),
      'runs/r-2/run.json': runJson('r-2'),
      'runs/r-2/metrics.jsonl': metricsLines([{ step: 0, loss: 2 }]),
      'runs/r-3/run.json': runJson('r-3'),
    });
    const failing = new Set(['runs/r-1/run.json', 'runs/r-2/metrics.jsonl']);
    const sync = () => syncStore({ db: cache, transport: new FailingReads(store, failing), format: 'labstore' });
    await sync();
    expect(runIds()).toEqual(['r-2', 'r-3']);
    expect(issuesOf('runs/r-1/run.json')).toEqual([{ line: null, code: 'read-error', message: expect.stringContaining('TypeError: cannot read properties of undefined') }]);
    expect(issuesOf('runs/r-2/metrics.jsonl')).toEqual([{ line: null, code: 'read-error', message: expect.stringContaining('the rest of the store was synced') }]);

    // The next pass looks at them again, changed or not: a fault that passed leaves no trace.
    failing.clear();
    fs.appendFileSync(path.join(store, 'runs/r-2/metrics.jsonl'), metricsLines([{ step: 1, loss: 1.5 }]));
    await sync();
    expect(runIds()).toEqual(['r-1', 'r-2', 'r-3']);
    expect(exportSeries(cache.sqlite, 'r-2', 'loss')).toEqual([[0, 2], [1, 1.5]]);
    expect(cache.sqlite.prepare('SELECT count(*) FROM sync_issues').pluck().get()).toBe(0);
  });

  it('becomes an issue on that file in a TensorBoard source, and the other runs are synced', async () => {
    const logdir = path.join(dir, 'logs');
    const bad = path.join('bad', eventsFileName(1_700_000_000));
    new TfEventsFileWriter(path.join(logdir, bad)).scalar('loss', 1, 1);
    new TfEventsFileWriter(path.join(logdir, 'good', eventsFileName(1_700_000_000))).scalar('loss', 2, 1);
    await syncStore({ db: cache, transport: new FailingReads(logdir, new Set([bad])), format: 'tensorboard' });
    expect(exportSeries(cache.sqlite, deriveRunId('good'), 'loss')).toEqual([[1, 2]]);
    expect(issuesOf(bad)).toEqual([{ line: null, code: 'read-error', message: expect.stringContaining('TypeError') }]);
  });
});
