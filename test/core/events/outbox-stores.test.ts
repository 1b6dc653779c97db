// One outbox ($TESSERA_HOME/outbox) serves every store a person opens. A decision queued while its
// lab could not be written waits for that lab alone: opening another lab (a store switch, the next
// start) neither writes it there nor lets it change that lab's proposal of the same id or show its
// rationale; it is listed as another store's, and lands in its own lab once that lab is writable.
// CI runs as root, where chmod does not stop writes: a FILE where `events/` belongs makes a store
// unwritable.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listFiles, readStoreEvents, startTestCore, tempDir, testCtx, writeTriageLab, type TestCore } from './support/triage-lab';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length > 0) cores.pop()!.close();
});

const home = () => tempDir('home');

async function open(store: string, dataDir: string, db = 'cache.sqlite') {
  const core = startTestCore({ store, dbFile: path.join(dataDir, db), outboxDir: path.join(dataDir, 'outbox') });
  cores.push(core);
  await core.deps.sync.syncNow();
  return core;
}

function close(core: TestCore) {
  cores.splice(cores.indexOf(core), 1);
  core.close();
}

function newLab(name: string): string {
  const store = tempDir(name);
  writeTriageLab(store);
  return store;
}

const blockEvents = (store: string) => fs.writeFileSync(path.join(store, 'events'), 'not a folder');
const unblockEvents = (store: string) => fs.rmSync(path.join(store, 'events'));

describe('pending events and the store they belong to', () => {
  it('are never written into another lab opened after them, nor change its proposal, and land in their own lab later', async () => {
    const data = home();
    const labA = newLab('lab-a');
    const labB = newLab('lab-b');
    blockEvents(labA);
    let a = await open(labA, data, 'a.sqlite');
    const queued = await a.handlers.decide({ proposalId: 'p-001', decision: 'drop', rationale: 'Lab A only: the gain vanished above 1B.', author: 'ana' }, testCtx);
    expect(queued.state).toBe('pending');
    close(a);

    // Lab B is opened with the same data folder (a store switch): its own start-up flush runs.
    const b = await open(labB, data, 'b.sqlite');
    await b.writer.flush();
    await b.handlers.retryPendingEvents({}, testCtx);
    expect(readStoreEvents(labB).size).toBe(0);
    const pendingInB = await b.handlers.listPendingEvents({}, testCtx);
    expect(pendingInB.count).toBe(0);
    expect(pendingInB.events).toEqual([]);
    expect(pendingInB.otherStores.map((p) => [p.event.id, p.store])).toEqual([[queued.event.id, { url: path.resolve(labA), name: 'Triage fixture lab' }]]);
    const proposalInB = await b.handlers.getProposal({ id: 'p-001' }, testCtx);
    expect([proposalInB.status, proposalInB.pending]).toEqual(['active', []]);
    const logInB = await b.handlers.listDecisions({ limit: 100 }, testCtx);
    expect(JSON.stringify(logInB)).not.toContain('Lab A only');
    expect((await b.handlers.listProposals({}, testCtx)).proposals.find((p) => p.id === 'p-001')!.pendingDecisions).toEqual([]);
    // B's own decision lands in B while A's waits.
    const own = await b.handlers.decide({ proposalId: 'p-002', decision: 'park', rationale: 'Lab B.', author: 'ana' }, testCtx);
    expect(own.state).toBe('written');
    expect([...readStoreEvents(labB).values()]).toEqual([own.event]);
    expect(listFiles(path.join(data, 'outbox'))).toEqual([`${queued.event.id}.json`]);
    close(b);

    // Back to lab A, writable now (a restart): the event lands there, and only there.
    unblockEvents(labA);
    a = await open(labA, data, 'a.sqlite');
    await expect.poll(() => listFiles(path.join(data, 'outbox'))).toEqual([]);
    expect([...readStoreEvents(labA).values()]).toEqual([queued.event]);
    expect([...readStoreEvents(labB).values()]).toEqual([own.event]);
  });

  it('are not written into a different lab found at the same location, which shows them as another store\'s', async () => {
    const data = home();
    const store = newLab('lab');
    blockEvents(store);
    let core = await open(store, data);
    const queued = await core.handlers.comment({ target: 'p-001', text: 'For the first lab.', author: 'ana' }, testCtx);
    expect(queued.state).toBe('pending');
    close(core);

    // Another lab now stands at that path (the mount swapped): its marker differs.
    fs.rmSync(store, { recursive: true });
    writeTriageLab(store);
    fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Another lab' }));
    core = await open(store, data);
    const retried = await core.handlers.retryPendingEvents({}, testCtx);
    expect(retried.written).toBe(0);
    expect(readStoreEvents(store).size).toBe(0);
    const listing = await core.handlers.listPendingEvents({}, testCtx);
    expect(listing.count).toBe(0);
    expect(listing.otherStores.map((p) => p.event.id)).toEqual([queued.event.id]);
  });

  it('checks the store right before writing, even when the cache still shows the lab the event was made for', async () => {
    const data = home();
    const store = newLab('lab');
    const core = await open(store, data);
    blockEvents(store);
    const queued = await core.handlers.decide({ proposalId: 'p-002', decision: 'adopt', rationale: 'For the first lab.', author: 'ana' }, testCtx);
    expect(queued.state).toBe('pending');
    // The lab is replaced under the running core, before any sync: the cache still knows the first one.
    fs.rmSync(store, { recursive: true });
    writeTriageLab(store);
    fs.writeFileSync(path.join(store, 'tessera-store.json'), JSON.stringify({ format: 'tessera-store', version: 1, name: 'Swapped in' }));
    const flushed = await core.writer.flush();
    expect(flushed.written).toEqual([]);
    expect(flushed.lastError).toMatch(/is not the store this event was made for \("Triage fixture lab" at /);
    expect(readStoreEvents(store).size).toBe(0);
  });

  it('of an older outbox entry that names no store, are kept and listed but written nowhere', async () => {
    const data = home();
    const store = newLab('lab');
    const outbox = path.join(data, 'outbox');
    fs.mkdirSync(outbox, { recursive: true });
    const event = { id: '01JDQ7AAAAAAAAAAAAAAAAAAAA', at: '2026-11-20T10:03:00.000Z', author: 'ana', type: 'decision', target: 'p-001', decision: 'drop', rationale: 'Old outbox.' };
    fs.writeFileSync(path.join(outbox, `${event.id}.json`), JSON.stringify({ version: 1, event, queuedAt: event.at, attempts: 1 }));
    const core = await open(store, data);
    await core.handlers.retryPendingEvents({}, testCtx);
    expect(readStoreEvents(store).size).toBe(0);
    const listing = await core.handlers.listPendingEvents({}, testCtx);
    expect(listing.otherStores.map((p) => [p.event.id, p.store])).toEqual([[event.id, null]]);
    expect(listFiles(outbox)).toEqual([`${event.id}.json`]);
  });
});
