// Two teammates, two Tessera databases synced from one store, deciding on the same proposals at the
// same time: every decision lands as its own file, and after syncing both show every decision and
// the same statuses: the latest decision by `at`, then id, as format 1 says.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compareDecisions } from '../../../shared/domain/decision-conflicts';
import { STATUS_AFTER_DECISION, type DecisionOutcome } from '../../../shared/domain/store-events';
import { readStoreEvents, startTestCore, tempDir, testCtx, writeTriageLab, type TestCore } from './support/triage-lab';

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length > 0) cores.pop()!.close();
});

describe('two caches deciding concurrently on one store', () => {
  it('both end with every decision, the same statuses, and the conflict shown', async () => {
    const store = tempDir('store');
    writeTriageLab(store);
    const authors = new Map<TestCore, string>();
    const make = (who: string) => {
      const home = tempDir(`home-${who}`);
      const core = startTestCore({ store, dbFile: path.join(home, 'cache.sqlite'), outboxDir: path.join(home, 'outbox') });
      cores.push(core);
      authors.set(core, who);
      return core;
    };
    const ana = make('ana');
    const raj = make('raj');
    await Promise.all([ana.deps.sync.syncNow(), raj.deps.sync.syncNow()]);

    const plan: [TestCore, string, DecisionOutcome][] = [
      [ana, 'p-001', 'adopt'],
      [raj, 'p-001', 'drop'],
      [ana, 'p-002', 'continue'],
      [raj, 'p-002', 'park'],
      [ana, 'p-001', 'park'],
      [raj, 'p-001', 'continue'],
    ];
    const results = await Promise.all(
      plan.map(([core, proposalId, decision], i) => core.handlers.decide({ proposalId, decision, rationale: `reason ${i}`, author: authors.get(core)! }, testCtx)),
    );
    expect(results.every((r) => r.state === 'written')).toBe(true);
    const files = [...readStoreEvents(store).values()];
    expect(files).toHaveLength(plan.length);

    await ana.deps.sync.syncNow();
    await raj.deps.sync.syncNow();
    const ids = results.map((r) => r.event.id).sort();
    const logs = await Promise.all([ana, raj].map((core) => core.handlers.listDecisions({ limit: 100 }, testCtx)));
    for (const log of logs) {
      expect(log.decisions.map((d) => d.id).sort()).toEqual(ids);
      expect(log.decisions.every((d) => !d.pending)).toBe(true);
    }
    const statuses = await Promise.all(
      [ana, raj].map(async (core) => (await core.handlers.listProposals({}, testCtx)).proposals.map((p) => [p.id, p.status, p.conflict])),
    );
    expect(statuses[0]).toEqual(statuses[1]);

    // The status each proposal must have: from the files alone, latest by `at`, then id.
    for (const proposalId of ['p-001', 'p-002']) {
      const decisions = files
        .filter((f) => f.target === proposalId)
        .map((f) => ({ id: String(f.id), at: String(f.at), decision: f.decision as DecisionOutcome }))
        .sort(compareDecisions);
      const expected = STATUS_AFTER_DECISION[decisions.at(-1)!.decision];
      expect(statuses[0]!.find(([id]) => id === proposalId)).toEqual([proposalId, expected, true]);
    }
  });
});
