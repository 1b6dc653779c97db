// Proposals as decisions and complexity events leave them; events refused or kept.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CacheDatabase } from '../../../electron/core/db/open-cache-database';
import { syncFolder } from '../../../electron/core/sync/sync-folder';
import { dumpCache } from './support/cache-dump';
import { createStore, openTestCache, writeFiles } from './support/lab-store-fixture';

let root: string;
let cache: CacheDatabase;

const proposal = (id: string, status = 'active', extra = '') =>
  `---\nid: ${id}\ntitle: ${id}\nstatus: ${status}\nkind: exploratory\ncomplexity: {code: 1, knobs: 1}\n${extra}---\nBody of ${id}.\n`;

function event(id: string, fields: Record<string, unknown>, month = '11'): Record<string, string> {
  return { [`events/2026/${month}/${id}.json`]: JSON.stringify({ id, author: 'ana', ...fields }) };
}

function decision(id: string, at: string, decision: string, target = 'p-1') {
  return event(id, { at, type: 'decision', target, decision, rationale: `because ${decision}` });
}

function proposalRow(id = 'p-1') {
  return cache.sqlite
    .prepare('SELECT status, declared_status AS declared, complexity_json AS complexity FROM proposals WHERE id = ?')
    .get(id) as { status: string; declared: string; complexity: string };
}

beforeEach(() => {
  root = createStore({ 'proposals/p-1.md': proposal('p-1'), 'proposals/p-2.md': proposal('p-2', 'proposed') });
  cache = openTestCache(path.join(path.dirname(root), 'cache.db'));
});
afterEach(() => cache.close());

describe('proposal status from decisions', () => {
  it('the latest decision by time sets the status; without one the front matter stands', async () => {
    writeFiles(root, {
      ...decision('01A', '2026-11-20T10:00:00Z', 'drop'),
      ...decision('01B', '2026-11-21T10:00:00Z', 'park'),
      ...decision('01C', '2026-11-19T10:00:00Z', 'adopt'),
    });
    await syncFolder(cache, root);
    expect(proposalRow('p-1')).toMatchObject({ status: 'inconclusive', declared: 'active' });
    expect(proposalRow('p-2').status).toBe('proposed');
  });

  it('maps adopt, drop, park and continue to adopted, dropped, inconclusive and active', async () => {
    const expected: Record<string, string> = { adopt: 'adopted', drop: 'dropped', park: 'inconclusive', continue: 'active' };
    let n = 0;
    for (const [choice, status] of Object.entries(expected)) {
      n++;
      writeFiles(root, decision(`01D${n}`, `2026-11-2${n}T10:00:00Z`, choice, 'p-2'));
      await syncFolder(cache, root);
      expect(proposalRow('p-2').status).toBe(status);
    }
  });

  it('breaks a tie in time by the larger event id, whatever order the files arrive in', async () => {
    writeFiles(root, decision('01B', '2026-11-20T10:00:00Z', 'adopt'));
    await syncFolder(cache, root);
    writeFiles(root, decision('01A', '2026-11-20T10:00:00Z', 'drop'));
    await syncFolder(cache, root);
    expect(proposalRow().status).toBe('adopted');
    writeFiles(root, decision('01C', '2026-11-20T10:00:00Z', 'drop'));
    await syncFolder(cache, root);
    expect(proposalRow().status).toBe('dropped');
  });

  it('compares times across zones as instants', async () => {
    writeFiles(root, {
      ...decision('01A', '2026-11-20T10:00:00Z', 'adopt'),
      // 09:30 UTC: earlier, although its text sorts later.
      ...decision('01B', '2026-11-20T11:30:00+02:00', 'drop'),
    });
    await syncFolder(cache, root);
    expect(proposalRow().status).toBe('adopted');
  });

  it('follows a decision file removed from the store, and a proposal file rewritten after its decisions', async () => {
    writeFiles(root, decision('01A', '2026-11-20T10:00:00Z', 'drop'));
    await syncFolder(cache, root);
    writeFiles(root, { 'proposals/p-1.md': proposal('p-1', 'promising') });
    await syncFolder(cache, root);
    expect(proposalRow()).toMatchObject({ status: 'dropped', declared: 'promising' });
    fs.rmSync(path.join(root, 'events/2026/11/01A.json'));
    await syncFolder(cache, root);
    expect(proposalRow().status).toBe('promising');
  });

  it('a complexity event replaces the assessment from its time on; the latest one stands', async () => {
    writeFiles(root, {
      ...event('01A', { at: '2026-11-20T10:00:00Z', type: 'complexity', target: 'p-1', complexity: { code: 4, knobs: 3, infra: 1, risk: 2, usability_tax: 0.1 } }),
      ...event('01B', { at: '2026-11-18T10:00:00Z', type: 'complexity', target: 'p-1', complexity: { code: 2 } }),
    });
    await syncFolder(cache, root);
    expect(JSON.parse(proposalRow().complexity)).toEqual({ code: 4, knobs: 3, infra: 1, risk: 2, usability_tax: 0.1 });
    expect(JSON.parse(proposalRow('p-2').complexity)).toEqual({ code: 1, knobs: 1 });
  });
});

describe('events', () => {
  it('refuses malformed events and unknown types with an issue, keeping the good ones', async () => {
    writeFiles(root, {
      ...decision('01A', '2026-11-20T10:00:00Z', 'drop'),
      ...event('01B', { at: '2026-11-21T10:00:00Z', type: 'decision', target: 'p-1', decision: 'adopt', rationale: '  ' }),
      ...event('01C', { at: '2026-11-21T10:00:00Z', type: 'decision', target: 'p-1', decision: 'maybe', rationale: 'x' }),
      ...event('01D', { at: 'yesterday', type: 'comment', target: 'p-1', text: 'hi' }),
      ...event('01E', { at: '2026-11-21T10:00:00Z', type: 'complexity', target: 'p-1', complexity: { code: 9 } }),
      ...event('01F', { at: '2026-11-21T10:00:00Z', type: 'reaction', target: 'p-1' }),
      ...event('01G', { at: '2026-11-21T10:00:00Z', type: 'comment', target: 'p-1', text: 'fine' }),
      ...event('01H', { at: '2026-11-22T10:00:00Z', type: 'review', notes: 'weekly' }),
    });
    const summary = await syncFolder(cache, root);
    expect(summary.issues.map((i) => [path.basename(i.path), i.code])).toEqual([
      ['01B.json', 'invalid-field'],
      ['01C.json', 'invalid-field'],
      ['01D.json', 'invalid-field'],
      ['01E.json', 'invalid-field'],
      ['01F.json', 'unknown-event-type'],
    ]);
    expect(cache.sqlite.prepare('SELECT id FROM events ORDER BY id').pluck().all()).toEqual(['01A', '01G', '01H']);
    expect(proposalRow().status).toBe('dropped');
  });

  it('keeps the event of the first path when two files share an id, and hands over when it goes', async () => {
    writeFiles(root, decision('01A', '2026-11-20T10:00:00Z', 'adopt', 'p-1'));
    await syncFolder(cache, root);
    writeFiles(root, { 'events/2026/10/01A.json': JSON.stringify({ id: '01A', at: '2026-10-01T00:00:00Z', type: 'decision', target: 'p-1', decision: 'drop', rationale: 'r' }) });
    let summary = await syncFolder(cache, root);
    expect(proposalRow().status).toBe('dropped');
    expect(summary.issues.map((i) => [i.path, i.code])).toEqual([['events/2026/11/01A.json', 'duplicate-id']]);
    const clean = openTestCache(path.join(path.dirname(root), 'clean.db'));
    await syncFolder(clean, root);
    expect(dumpCache(cache.sqlite)).toEqual(dumpCache(clean.sqlite));
    clean.close();

    fs.rmSync(path.join(root, 'events/2026/10/01A.json'));
    summary = await syncFolder(cache, root);
    expect(summary.issues).toEqual([]);
    expect(proposalRow().status).toBe('adopted');
  });

  it('reads team changes and the removal of ablations and proposals', async () => {
    writeFiles(root, {
      'team.yaml': 'areas: [model, data]\npeople:\n  - {id: ana, name: Ana, area: model}\n',
      'ablations/a1.yaml': 'title: One\nmetric: eval/loss\ncompare_at: flops\n',
    });
    await syncFolder(cache, root);
    expect(cache.sqlite.prepare('SELECT id, compare_at FROM ablations').raw().all()).toEqual([['a1', 'flops']]);
    writeFiles(root, { 'team.yaml': 'areas: [infra]\npeople: []\n' });
    fs.rmSync(path.join(root, 'ablations/a1.yaml'));
    fs.rmSync(path.join(root, 'proposals/p-2.md'));
    const summary = await syncFolder(cache, root);
    expect(summary.changed).toMatchObject({ team: true, ablations: ['a1'], proposals: ['p-2'] });
    expect(cache.sqlite.prepare('SELECT name FROM areas').pluck().all()).toEqual(['infra']);
    expect(cache.sqlite.prepare('SELECT count(*) FROM people').pluck().get()).toBe(0);
    expect(cache.sqlite.prepare('SELECT count(*) FROM ablations').pluck().get()).toBe(0);
    expect(cache.sqlite.prepare('SELECT id FROM proposals').pluck().all()).toEqual(['p-1']);
  });
});
