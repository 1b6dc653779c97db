// The event writer against a real store folder: the files it leaves are exactly format 1, named by
// their ULID, never replace another file, and a write that fails leaves nothing half-written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { createEventWriter, EventDraftError, MissingIdentityError } from '../../../electron/core/events/event-writer';
import { openEventStore } from '../../../electron/core/events/open-event-store';
import { Outbox } from '../../../electron/core/events/outbox';
import { storeLocationKey } from '../../../electron/core/events/store-identity';
import { parseEventFile } from '../../../electron/core/store/parse-event-file';
import { IssueList } from '../../../electron/core/store/sync-issue';
import { LocalFolderTransport } from '../../../electron/core/store-access/local-folder-transport';
import type { EventDraft } from '../../../shared/domain/store-events';
import { listFiles, readStoreEvents, repoRoot, tempDir } from './support/triage-lab';

function setup(options: { now?: () => Date; newId?: (t: number) => string } = {}) {
  const store = labStoreDir();
  const outboxDir = tempDir('outbox');
  const transport = new LocalFolderTransport(store);
  const writer = createEventWriter({ store: async () => transport, storeUrl: storeLocationKey(store), outbox: new Outbox(outboxDir).open(), retryIntervalMs: 0, ...options });
  return { store, outboxDir, writer };
}

/** An empty lab store: only its marker, which the writer checks before every write. */
function labStoreDir(): string {
  const store = tempDir('store');
  fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Writer lab' }));
  return store;
}

function parseBack(store: string, rel: string) {
  const issues = new IssueList(rel);
  const id = path.basename(rel, '.json');
  const record = parseEventFile(fs.readFileSync(path.join(store, rel)), id, issues);
  return { record, issues: issues.issues };
}

describe('event writer', () => {
  it('writes a decision as events/<yyyy>/<mm>/<ULID>.json with exactly the fields of format 1', async () => {
    const at = new Date('2026-11-20T10:03:00.000Z');
    const { store, outboxDir, writer } = setup({ now: () => at });
    const outcome = await writer.write({ type: 'decision', target: 'p-017', decision: 'drop', rationale: '  Gain vanishes above 1B; +2 knobs. ' }, 'ana');
    expect(outcome.state).toBe('written');
    const files = readStoreEvents(store);
    expect([...files.keys()]).toEqual([`events/2026/11/${outcome.event.id}.json`]);
    const written = files.get(outcome.path)!;
    expect(Object.keys(written)).toEqual(['id', 'at', 'author', 'type', 'target', 'decision', 'rationale']);
    expect(written).toEqual({
      id: outcome.event.id,
      at: '2026-11-20T10:03:00.000Z',
      author: 'ana',
      type: 'decision',
      target: 'p-017',
      decision: 'drop',
      rationale: 'Gain vanishes above 1B; +2 knobs.',
    });
    expect(isValid(written.id as string)).toBe(true);
    expect(decodeTime(written.id as string)).toBe(at.getTime());
    const { record, issues } = parseBack(store, outcome.path);
    expect(issues).toEqual([]);
    expect(record).toMatchObject({ id: outcome.event.id, type: 'decision', decision: 'drop', target: 'p-017', author: 'ana' });
    expect(listFiles(outboxDir)).toEqual([]);
  });

  it('writes comment, complexity and review events that the sync parser accepts as they are', async () => {
    const { store, writer } = setup();
    const drafts: EventDraft[] = [
      { type: 'comment', target: 'abl-007', text: 'Seed 3 looks off; rerun?' },
      { type: 'complexity', target: 'p-017', complexity: { usability_tax: 0.05, risk: 2, infra: 1, knobs: 2, code: 3 } },
      { type: 'review', notes: 'Weekly review 47' },
    ];
    const outcomes = [];
    for (const draft of drafts) outcomes.push(await writer.write(draft, 'raj'));
    const files = readStoreEvents(store);
    expect(files.size).toBe(3);
    const [comment, complexity, review] = outcomes.map((o) => files.get(o.path)!);
    expect(Object.keys(comment!)).toEqual(['id', 'at', 'author', 'type', 'target', 'text']);
    expect(comment!.text).toBe('Seed 3 looks off; rerun?');
    expect(complexity!.complexity).toEqual({ code: 3, knobs: 2, infra: 1, risk: 2, usability_tax: 0.05 });
    expect(Object.keys(complexity!.complexity as object)).toEqual(['code', 'knobs', 'infra', 'risk', 'usability_tax']);
    expect(Object.keys(review!)).toEqual(['id', 'at', 'author', 'type', 'notes']);
    for (const outcome of outcomes) {
      expect(path.basename(outcome.path)).toBe(`${outcome.event.id}.json`);
      expect(parseBack(store, outcome.path).issues).toEqual([]);
    }
  });

  it('refuses bad drafts, naming the field and what was expected, and writes nothing', async () => {
    const { store, outboxDir, writer } = setup();
    const bad: [EventDraft, RegExp][] = [
      [{ type: 'decision', target: 'p-1', decision: 'maybe' as 'drop', rationale: 'x' }, /decision: .*"maybe".*"adopt", "drop", "park", "continue"/],
      [{ type: 'decision', target: 'p-1', decision: 'adopt', rationale: '   ' }, /rationale: .*empty.*reason for the decision/],
      [{ type: 'decision', target: '../etc', decision: 'adopt', rationale: 'ok' }, /target/],
      [{ type: 'complexity', target: 'p-1', complexity: { code: 6, knobs: 1, infra: 1, risk: 1, usability_tax: 0 } }, /complexity\.code: .*6.*0 \(none\) to 5/],
      [{ type: 'complexity', target: 'p-1', complexity: { code: 1, knobs: 1, infra: 1, risk: 1, usability_tax: 5 } }, /usability_tax.*fraction from 0 to 1/],
      [{ type: 'complexity', target: 'p-1', complexity: { code: 1, knobs: 1, infra: 1, usability_tax: 0 } as never }, /complexity\.risk: .*missing/],
      [{ type: 'comment', target: 'p-1', text: '' }, /text/],
    ];
    for (const [draft, message] of bad) {
      const error = await writer.write(draft, 'ana').catch((e: unknown) => e);
      expect(error, JSON.stringify(draft)).toBeInstanceOf(EventDraftError);
      expect((error as Error).message).toMatch(message);
    }
    expect(listFiles(store)).toEqual(['tessera-store.json']);
    expect(listFiles(outboxDir)).toEqual([]);
  });

  it('refuses to write a decision without an identity, saying how to set one', async () => {
    const { store, writer } = setup();
    const error = await writer.write({ type: 'decision', target: 'p-1', decision: 'adopt', rationale: 'Clear win.' }, null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingIdentityError);
    expect((error as Error).message).toMatch(/does not know who you are.*Who am I/);
    expect(listFiles(store)).toEqual(['tessera-store.json']);
  });

  it('never replaces an existing file: a colliding id gets a fresh one and the old file stays as it was', async () => {
    const at = new Date('2026-11-20T10:03:00.000Z');
    const ids = ['01JDQ7AAAAAAAAAAAAAAAAAAAA', '01JDQ7BBBBBBBBBBBBBBBBBBBB'];
    const { store, writer } = setup({ now: () => at, newId: () => ids.shift()! });
    const occupied = path.join(store, 'events/2026/11/01JDQ7AAAAAAAAAAAAAAAAAAAA.json');
    fs.mkdirSync(path.dirname(occupied), { recursive: true });
    const original = '{"id": "01JDQ7AAAAAAAAAAAAAAAAAAAA", "at": "2026-11-19T00:00:00Z", "author": "raj", "type": "comment", "target": "p-1", "text": "first"}\n';
    fs.writeFileSync(occupied, original);
    const outcome = await writer.write({ type: 'decision', target: 'p-1', decision: 'park', rationale: 'Not yet.' }, 'ana');
    expect(outcome.state).toBe('written');
    expect(outcome.event.id).toBe('01JDQ7BBBBBBBBBBBBBBBBBBBB');
    expect(fs.readFileSync(occupied, 'utf8')).toBe(original);
    expect(readStoreEvents(store).get('events/2026/11/01JDQ7BBBBBBBBBBBBBBBBBBBB.json')).toMatchObject({ decision: 'park', author: 'ana' });
    expect(listFiles(store).filter((f) => f.startsWith('events/'))).toHaveLength(2);
  });

  it('writes into a lab store folder or file:// URL, and refuses TensorBoard, MLflow and W&B sources, saying why', async () => {
    const store = labStoreDir();
    for (const url of [store, `file://${store}`]) {
      const writer = createEventWriter({ store: async () => openEventStore(url), storeUrl: storeLocationKey(url), outbox: new Outbox(tempDir('outbox')).open(), retryIntervalMs: 0 });
      expect((await writer.write({ type: 'review', notes: url }, 'ana')).state).toBe('written');
    }
    expect(readStoreEvents(store).size).toBe(2);
    expect(() => openEventStore(`tensorboard:${store}`)).toThrow(/written to a lab store \(format 1\), and tensorboard:.* is a TensorBoard log directory/);
    expect(() => openEventStore(`mlflow:${store}`)).toThrow(/is an MLflow store/);
    expect(() => openEventStore(`wandb:${store}`)).toThrow(/is a folder of W&B runs/);
  });

  it('leaves no partial file anywhere when the disk refuses the bytes half-way (file size limit)', async () => {
    const store = labStoreDir();
    const outboxDir = tempDir('outbox');
    const script = path.join(tempDir('script'), 'write-one.mjs');
    await build({
      stdin: {
        contents: `
          import { createEventWriter } from './electron/core/events/event-writer';
          import { Outbox } from './electron/core/events/outbox';
          import { LocalFolderTransport } from './electron/core/store-access/local-folder-transport';
          const [store, outboxDir] = process.argv.slice(2);
          const transport = new LocalFolderTransport(store);
          const writer = createEventWriter({ store: async () => transport, storeUrl: store, outbox: new Outbox(outboxDir).open(), retryIntervalMs: 0 });
          writer.write({ type: 'decision', target: 'p-1', decision: 'drop', rationale: 'long '.repeat(2000) }, 'ana')
            .then((o) => console.log(JSON.stringify({ state: o.state })), (e) => console.log(JSON.stringify({ error: e.message })));
        `,
        resolveDir: repoRoot,
        loader: 'ts',
      },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: script,
      logLevel: 'silent',
    });
    // 2 KiB per file: the 10 KB event is cut off mid-write in the outbox and in the store alike.
    const child = spawnSync('bash', ['-c', 'ulimit -f 2 && exec "$0" "$@"', process.execPath, script, store, outboxDir], { encoding: 'utf8' });
    const result = JSON.parse(child.stdout.trim()) as { error?: string };
    expect(result.error).toMatch(/cannot be written now.*could not be kept in the local outbox either.*nothing was saved/);
    expect(listFiles(store)).toEqual(['tessera-store.json']);
    expect(listFiles(outboxDir)).toEqual([]);
  });
});
