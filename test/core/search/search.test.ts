// Search over a store whose every word is known (search-lab-fixture), synced by the real sync engine.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarkedSegment, SearchResult } from '../../../shared/api/search-methods';
import { searchLab, type SearchOptions } from '../../../electron/core/search/search';
import { createSearchLab, proposalFile, writeStoreFile, type SearchLab } from './search-lab-fixture';

let lab: SearchLab;
beforeAll(async () => {
  lab = await createSearchLab();
});
afterAll(() => lab.cache.close());

function search(query: string, options: Partial<SearchOptions> = {}): SearchResult {
  return searchLab(lab.cache.sqlite, { query, limit: 50, ...options });
}
const ids = (result: SearchResult) => result.hits.map((hit) => `${hit.kind}:${hit.id}`);
const marked = (segments: MarkedSegment[]) => segments.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('');

describe('ranking', () => {
  it('puts a proposal whose title has the word above one whose body has it', () => {
    const result = search('prediction', { kinds: ['proposal'] });
    expect(ids(result)).toEqual(['proposal:p-mtp', 'proposal:p-dedup']);
    expect(result.hits[0]!.score).toBeGreaterThan(result.hits[1]!.score);
  });

  it('finds a word by its stem and the last word by its start while it is being typed', () => {
    expect(ids(search('predicting', { kinds: ['proposal'] }))).toEqual(['proposal:p-mtp', 'proposal:p-dedup']);
    expect(ids(search('zanzi'))).toEqual(['proposal:p-mtp']);
    expect(ids(search('zanzibar held'))).toEqual(['proposal:p-mtp']);
    expect(ids(search('zanzibar nowhere'))).toEqual([]);
  });

  it('counts every match per kind, and perKind keeps a few of each', () => {
    const all = search('ladder');
    expect(all.counts).toEqual({ proposal: 1, decision: 0, comment: 0, ablation: 0, run: 2 });
    expect(all.total).toBe(3);
    // Narrowed to runs, the other kinds still say how many they hold.
    const runs = search('1B', { kinds: ['run'] });
    expect(runs.counts).toEqual({ proposal: 1, decision: 1, comment: 0, ablation: 0, run: 2 });
    expect(runs.total).toBe(2);
    const few = search('ladder', { perKind: 1 });
    expect(ids(few)).toEqual(['run:r-1', 'proposal:p-mtp']);
    expect(few.counts.run).toBe(2);
    expect(few.total).toBe(3);
  });
});

describe('highlighting', () => {
  it('marks the matched words in the title and in a snippet of the text, stems included', () => {
    const [hit] = search('heads', { kinds: ['proposal'] }).hits;
    expect(marked(hit!.title)).toBe('Multi-token prediction [head]');
    expect(marked(hit!.snippet)).toBe('Predict two future tokens with extra [heads]. On the 1B ladder the zanzibar gain held at…');
  });

  it('shows the front matter or config line when only that matched', () => {
    expect(marked(search('chip_hours').hits[0]!.snippet)).toContain('compute_budget.[chip_hours] 20000');
    expect(marked(search('lionheart').hits[0]!.snippet)).toBe('optimizer [lionheart] lr 0.0003');
  });

  it('names decisions and comments by what they are about, and marks their text', () => {
    const [decision] = search('vanish').hits;
    expect(decision).toMatchObject({ kind: 'decision', status: 'dropped', owner: 'raj', target: { kind: 'proposal', id: 'p-warmup', title: 'Longer warmup for large batches' } });
    expect(marked(decision!.title)).toBe('Drop · Longer warmup for large batches');
    expect(marked(decision!.snippet)).toBe('Warmup gains [vanish] above 1B and add two knobs.');
    const [comment] = search('shard').hits;
    expect(comment).toMatchObject({ kind: 'comment', target: { kind: 'run', id: 'r-2', title: 'mtp-2 1B' } });
    expect(marked(comment!.title)).toBe('Comment on mtp-2 1B');
  });

  it('reads a Markdown snippet as a line of text: no heading marks, table rules, pipes, link targets or emphasis', () => {
    expect(marked(search('pelican').hits[0]!.snippet)).toBe('Plan · Stage · Budget · [pelican] sprint · 400 · See the write-up and bold…');
  });

  it('keeps other symbols in the text as text: the segments are the body characters, nothing added', () => {
    const [hit] = search('foo:bar').hits;
    expect(hit!.snippet.map((s) => s.text).join('')).toBe('…c++ "quoted words" foo:bar (paren NEAR(x y) caret^ star* minus-sign OR AND NOT.');
  });
});

describe('filters', () => {
  it('by kind', () => {
    expect(ids(search('1B', { kinds: ['run'] }))).toEqual(['run:r-1', 'run:r-2']);
    expect(ids(search('1B', { kinds: ['decision', 'proposal'] })).sort()).toEqual(['decision:01JA0000000000000000000001', 'proposal:p-mtp']);
    expect(search('1B', { kinds: [] }).hits).toEqual([]);
  });

  it("by area: a proposal's own, its decisions', ablations' and runs' through it, else the owner's", () => {
    expect(ids(search('1B', { area: 'model' })).sort()).toEqual(['proposal:p-mtp', 'run:r-1', 'run:r-2']);
    expect(ids(search('1B', { area: 'infra' }))).toEqual(['decision:01JA0000000000000000000001']);
    expect(ids(search('adamw', { area: 'data' }))).toEqual(['run:r-3']);
  });

  it('by owner: the owner of proposals, ablations and runs, the author of decisions and comments', () => {
    expect(ids(search('1B', { owner: 'raj' }))).toEqual(['decision:01JA0000000000000000000001']);
    expect(ids(search('heads', { owner: 'kim' }))).toEqual(['comment:01JA0000000000000000000003']);
    expect(ids(search('adamw', { owner: 'ana' }))).toEqual(['run:r-1']);
  });

  it('by status: after decisions for proposals, the status a decision sets, the state of a run', () => {
    expect(ids(search('warmup', { status: 'dropped' })).sort()).toEqual(['decision:01JA0000000000000000000001', 'proposal:p-warmup']);
    expect(ids(search('sweep', { status: 'inconclusive' })).sort()).toEqual(['decision:01JA0000000000000000000002', 'proposal:p-sweep']);
    expect(ids(search('warmup', { status: 'active' }))).toEqual([]);
    expect(ids(search('adamw', { status: 'failed' }))).toEqual(['run:r-3']);
  });

  it('by date, both ends inclusive, a bare date meaning its whole day', () => {
    expect(ids(search('1B', { from: '2026-10-02', to: '2026-10-10' })).sort()).toEqual(['decision:01JA0000000000000000000001', 'run:r-2']);
    expect(ids(search('1B', { to: '2026-10-01' })).sort()).toEqual(['proposal:p-mtp', 'run:r-1']);
    expect(ids(search('1B', { from: '2026-10-03' }))).toEqual(['decision:01JA0000000000000000000001']);
    // An ablation is dated by its first run.
    expect(ids(search('matched', { from: '2026-10-01', to: '2026-10-01' }))).toEqual(['ablation:abl-mtp']);
  });
});

describe('what the user types is plain text, never FTS5 syntax', () => {
  const cases: [string, string, string[]][] = [
    ['a double quote', '"quoted', ['proposal:p-odd']],
    ['balanced quotes', '"quoted words"', ['proposal:p-odd']],
    ['a star', 'star*', ['proposal:p-odd']],
    ['a leading minus (not NOT)', '-warmup', ['proposal:p-warmup', 'decision:01JA0000000000000000000001']],
    ['a hyphenated word', 'minus-sign', ['proposal:p-odd']],
    ['NEAR as a word', 'NEAR(x', ['proposal:p-odd']],
    ['near in lower case finds near-duplicate', 'near duplicate', ['proposal:p-dedup']],
    ['a colon (not a column filter)', 'foo:bar', ['proposal:p-odd']],
    ['a column name with a colon', 'title:warmup', []],
    ['an unbalanced open parenthesis', '(paren', ['proposal:p-odd']],
    ['an unbalanced close parenthesis', 'y)', ['proposal:p-odd']],
    ['a caret', 'caret^', ['proposal:p-odd']],
    ['AND, OR and NOT as words', 'OR AND NOT', ['proposal:p-odd']],
    ['c++', 'c++', ['proposal:p-odd']],
  ];
  it.each(cases)('%s: %s', (_what, query, expected) => {
    expect(ids(search(query))).toEqual(expected);
  });

  it('a query of nothing but symbols, or empty, or spaces, has no results and no error', () => {
    for (const query of ['', '   ', '*', '"', '()', '-', ':', '^', '"""', '* - :']) {
      expect(search(query)).toMatchObject({ total: 0, hits: [] });
    }
  });
});

describe('text that tries to look like a match', () => {
  it('cannot fake a highlight with the marker characters: they are dropped from the indexed text', async () => {
    writeStoreFile(lab.root, 'proposals/p-fake.md', proposalFile({ id: 'p-fake', title: 'Fake \uE000marks\uE001' }, 'Here \uE000notmarked\uE001 and an ocelot.'));
    await lab.sync();
    const [hit] = search('ocelot').hits;
    expect(marked(hit!.title)).toBe('Fake marks');
    expect(marked(hit!.snippet)).toBe('Here notmarked and an [ocelot].');
    fs.rmSync(path.join(lab.root, 'proposals/p-fake.md'));
    await lab.sync();
    expect(search('ocelot').hits).toEqual([]);
  });
});

describe('kept current by sync', () => {
  it('leaves the index alone when only metrics or status arrive (the sync hot path)', async () => {
    const docOf = (id: string) => lab.cache.sqlite.prepare("SELECT doc FROM search_docs WHERE kind = 'run' AND ref = ?").pluck().get(id);
    const before = docOf('r-1');
    const indexRows = () => lab.cache.sqlite.prepare('SELECT count(*) FROM search_index').pluck().get();
    const rowsBefore = indexRows();
    const lines = Array.from({ length: 50 }, (_, i) => JSON.stringify({ step: i * 10, 'train/loss': 3 - i * 0.01 })).join('\n') + '\n';
    writeStoreFile(lab.root, 'runs/r-1/metrics.jsonl', lines);
    writeStoreFile(lab.root, 'runs/r-1/status.json', JSON.stringify({ state: 'running', updated_at: '2026-10-01T01:00:00Z' }));
    await lab.sync();
    expect(lab.cache.sqlite.prepare("SELECT point_count, state FROM runs WHERE id = 'r-1'").get()).toEqual({ point_count: 50, state: 'running' });
    // The run's index entry was not rewritten: a rewrite would give it a new doc number.
    expect(docOf('r-1')).toBe(before);
    expect(indexRows()).toBe(rowsBefore);
    expect(ids(search('adamw', { status: 'running' }))).toEqual(['run:r-1']);
  });

  it("finds a run by its status message, and by the new one when it changes", async () => {
    writeStoreFile(lab.root, 'runs/r-1/status.json', JSON.stringify({ state: 'failed', updated_at: '2026-10-01T02:00:00Z', message: 'loss became NaN at step 4350' }));
    await lab.sync();
    const [hit] = search('became NaN').hits;
    expect(`${hit!.kind}:${hit!.id}`).toBe('run:r-1');
    expect(marked(hit!.snippet)).toContain('loss [became] [NaN] at step 4350');
    writeStoreFile(lab.root, 'runs/r-1/status.json', JSON.stringify({ state: 'running', updated_at: '2026-10-01T03:00:00Z', message: 'resumed from the step 4000 checkpoint' }));
    await lab.sync();
    expect(ids(search('became NaN'))).toEqual([]);
    expect(ids(search('resumed checkpoint'))).toEqual(['run:r-1']);
    writeStoreFile(lab.root, 'runs/r-1/status.json', JSON.stringify({ state: 'running', updated_at: '2026-10-01T01:00:00Z' }));
    await lab.sync();
    expect(ids(search('resumed checkpoint'))).toEqual([]);
  });

  it('finds an edited proposal by its new word, not the old; a removed run is gone; a new decision is found', async () => {
    const file = path.join(lab.root, 'proposals/p-mtp.md');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('zanzibar', 'madagascar'));
    fs.rmSync(path.join(lab.root, 'runs/r-3'), { recursive: true });
    writeStoreFile(lab.root, 'proposals/p-new.md', proposalFile({ id: 'p-new', title: 'Tokenizer with byte fallback', created: '2026-11-30' }, 'Fallback bytes.'));
    writeStoreFile(lab.root, 'events/2026/11/01JA0000000000000000000009.json', JSON.stringify({ id: '01JA0000000000000000000009', at: '2026-11-30T09:00:00Z', author: 'ana', type: 'decision', target: 'p-mtp', decision: 'adopt', rationale: 'Gain holds at 7B, albatross approved.' }));
    await lab.sync();
    expect(ids(search('zanzibar'))).toEqual([]);
    expect(ids(search('madagascar'))).toEqual(['proposal:p-mtp']);
    expect(ids(search('dedup crawl 400M', { kinds: ['run'] }))).toEqual([]);
    expect(ids(search('adamw'))).toEqual(['run:r-1']);
    expect(ids(search('fallback'))).toEqual(['proposal:p-new']);
    expect(ids(search('albatross'))).toEqual(['decision:01JA0000000000000000000009']);
    // The adopt decision moved the proposal's status; filters read it at once.
    expect(ids(search('madagascar', { status: 'adopted' }))).toEqual(['proposal:p-mtp']);
  });
});
