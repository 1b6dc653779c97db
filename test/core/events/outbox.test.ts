// A store that cannot be written: the decision waits in the local outbox, is shown as pending,
// survives a restart (a new core on the same outbox folder) and lands once the store is writable.
// CI runs as root, where chmod does not stop writes, so the store is made unwritable by putting a
// FILE where a folder must be: `events` itself, or the whole store folder ("the mount is gone").
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../../electron/core/events/outbox';
import { listFiles, readStoreEvents, startTestCore, tempDir, testCtx, writeTriageLab, type TestCore } from './support/triage-lab';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length > 0) cores.pop()!.close();
});

function lab() {
  const store = tempDir('store');
  writeTriageLab(store);
  const home = tempDir('home');
  return { store, dbFile: path.join(home, 'cache.sqlite'), outboxDir: path.join(home, 'outbox') };
}

async function start(paths: ReturnType<typeof lab>) {
  const core = startTestCore(paths);
  cores.push(core);
  await core.deps.sync.syncNow();
  return core;
}

function stop(core: TestCore) {
  cores.splice(cores.indexOf(core), 1);
  core.close();
}

describe('outbox', () => {
  it('keeps a decision the store refuses, shows it pending, and writes it after a restart once the store is writable', async () => {
    const paths = lab();
    let core = await start(paths);
    fs.writeFileSync(path.join(paths.store, 'events'), 'not a folder');

    const result = await core.handlers.decide({ proposalId: 'p-001', decision: 'drop', rationale: 'Gain is within noise at 1B.', author: 'ana' }, testCtx);
    expect(result.state).toBe('pending');
    expect(result.state === 'pending' && result.reason).toMatch(/cannot be written now/);
    expect(listFiles(paths.outboxDir)).toEqual([`${result.event.id}.json`]);

    const pending = await core.handlers.listPendingEvents({}, testCtx);
    expect(pending.count).toBe(1);
    expect(pending.events[0]!.event).toEqual(result.event);
    expect(pending.events[0]!.lastError).toMatch(/cannot be written now/);
    const log = await core.handlers.listDecisions({ limit: 100 }, testCtx);
    expect(log.decisions.map((d) => [d.id, d.pending, d.rationale])).toEqual([[result.event.id, true, 'Gain is within noise at 1B.']]);
    const row = (await core.handlers.listProposals({}, testCtx)).proposals.find((p) => p.id === 'p-001')!;
    expect(row.status).toBe('active');
    expect(row.pendingDecisions).toEqual(['drop']);

    // Restart while the store is still unwritable: the event is still there, still pending.
    stop(core);
    core = await start(paths);
    expect((await core.handlers.retryPendingEvents({}, testCtx)).pending).toBe(1);
    expect((await core.handlers.listPendingEvents({}, testCtx)).events[0]!.attempts).toBeGreaterThanOrEqual(2);
    stop(core);

    // The store is writable again: the next core writes it on start, and syncs it into its cache.
    fs.rmSync(path.join(paths.store, 'events'));
    core = await start(paths);
    await expect.poll(() => listFiles(paths.outboxDir)).toEqual([]);
    await expect.poll(async () => (await core.handlers.listDecisions({ limit: 100 }, testCtx)).decisions.map((d) => d.pending)).toEqual([false]);
    const files = readStoreEvents(paths.store);
    expect([...files.values()]).toEqual([result.event]);
    expect(listFiles(paths.outboxDir)).toEqual([]);
    expect((await core.handlers.listPendingEvents({}, testCtx)).count).toBe(0);
    const after = await core.handlers.listDecisions({ limit: 100 }, testCtx);
    expect(after.decisions.map((d) => [d.id, d.pending, d.current])).toEqual([[result.event.id, false, true]]);
    expect((await core.handlers.getProposal({ id: 'p-001' }, testCtx)).status).toBe('dropped');
  });

  it('keeps every event while the store folder is gone (a FILE stands where the mount was), then writes them all in order', async () => {
    const paths = lab();
    const core = await start(paths);
    const away = `${paths.store}.away`;
    fs.renameSync(paths.store, away);
    fs.writeFileSync(paths.store, 'the mount is gone');

    const decided = await core.handlers.decide({ proposalId: 'p-002', decision: 'park', rationale: 'No owner this quarter.', author: 'ana' }, testCtx);
    const commented = await core.handlers.comment({ target: 'p-002', text: 'Revisit after launch.', author: 'ana' }, testCtx);
    const assessed = await core.handlers.setComplexity(
      { proposalId: 'p-002', complexity: { code: 2, knobs: 0, infra: 4, risk: 1, usability_tax: 0.01 }, author: 'ana' },
      testCtx,
    );
    expect([decided.state, commented.state, assessed.state]).toEqual(['pending', 'pending', 'pending']);
    expect((await core.handlers.listPendingEvents({}, testCtx)).events.map((e) => e.event.type)).toEqual(['decision', 'comment', 'complexity']);

    fs.rmSync(paths.store);
    fs.renameSync(away, paths.store);
    const retried = await core.handlers.retryPendingEvents({}, testCtx);
    expect(retried).toEqual({ written: 3, pending: 0, lastError: null });
    const landed = [...readStoreEvents(paths.store).values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    expect(landed).toEqual([decided.event, commented.event, assessed.event]);
    const detail = await core.handlers.getProposal({ id: 'p-002' }, testCtx);
    expect(detail.status).toBe('inconclusive');
    expect(detail.comments.map((c) => c.text)).toEqual(['Revisit after launch.']);
    expect(detail.complexity).toEqual({ code: 2, knobs: 0, infra: 4, risk: 1, usability_tax: 0.01 });
    expect(detail.pending).toEqual([]);
  });

  it('reports an outbox file it cannot read, and leaves it in place for a person to look at', async () => {
    const paths = lab();
    const core = await start(paths);
    fs.mkdirSync(paths.outboxDir, { recursive: true });
    fs.writeFileSync(path.join(paths.outboxDir, '01JDQ7AAAAAAAAAAAAAAAAAAAA.json'), '{"version": 1, "event": {"id": "01JDQ7AAAAAAAAAAAAAAAAAAAA"');
    const listing = await core.handlers.listPendingEvents({}, testCtx);
    expect(listing.count).toBe(0);
    expect(listing.unreadable).toHaveLength(1);
    expect(listing.unreadable[0]).toMatch(/01JDQ7AAAAAAAAAAAAAAAAAAAA\.json: .*JSON/);
    await core.handlers.retryPendingEvents({}, testCtx);
    expect(fs.existsSync(path.join(paths.outboxDir, '01JDQ7AAAAAAAAAAAAAAAAAAAA.json'))).toBe(true);
  });

  it('clears temporary files an interrupted outbox write left, and keeps the whole entries', () => {
    const dir = tempDir('outbox');
    fs.writeFileSync(path.join(dir, '.tmp-123-abc-01JDQ7AAAAAAAAAAAAAAAAAAAA.json'), '{"version": 1, "ev');
    const outbox = new Outbox(dir).open();
    expect(listFiles(dir)).toEqual([]);
    expect(outbox.list()).toEqual({ pending: [], unreadable: [] });
  });
});
