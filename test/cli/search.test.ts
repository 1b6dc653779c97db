// `tessera search` as a user runs it: the built CLI over a cache synced from a store with known text.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchResult } from '../../shared/api/search-methods';
import { runCli } from '../e2e/support/start-serve';
import { createSearchLab } from '../core/search/search-lab-fixture';

let db: string;
beforeAll(async () => {
  const lab = await createSearchLab();
  db = lab.cache.file;
  lab.cache.close();
});

describe('tessera search --json', () => {
  it('prints the ranked result, title match first, with marked segments and nothing else on stdout', async () => {
    const result = await runCli(['search', '--db', db, 'prediction', '--kind', 'proposal', '--json']);
    expect(result.code).toBe(0);
    const value = JSON.parse(result.stdout) as SearchResult;
    expect(value.hits.map((hit) => hit.id)).toEqual(['p-mtp', 'p-dedup']);
    expect(value.hits[0]!.title).toEqual([
      { text: 'Multi-token ', mark: false },
      { text: 'prediction', mark: true },
      { text: ' head', mark: false },
    ]);
    // Counts cover every kind, so the ablation that --kind left out is still counted; total is the kinds shown.
    expect(value.counts).toEqual({ proposal: 2, decision: 0, comment: 0, ablation: 1, run: 0 });
    expect(value.total).toBe(2);
  });

  it('takes FTS5 syntax in the query as plain text, after -- when it starts with a minus', async () => {
    for (const query of ['"quoted', 'foo:bar', 'NEAR(x', '(paren', 'star*']) {
      const result = await runCli(['search', '--db', db, query, '--json']);
      expect(result.code, query).toBe(0);
      expect((JSON.parse(result.stdout) as SearchResult).hits.map((hit) => hit.id), query).toEqual(['p-odd']);
    }
    const minus = await runCli(['search', '--db', db, '--json', '--', '-warmup']);
    expect((JSON.parse(minus.stdout) as SearchResult).hits.map((hit) => hit.id)).toEqual(['p-warmup', '01JA0000000000000000000001']);
  });

  it('joins several words into one query and honours --limit and the filters', async () => {
    const result = await runCli(['search', '--db', db, 'extra', 'heads', '--owner', 'kim', '--limit', '5', '--json']);
    const value = JSON.parse(result.stdout) as SearchResult;
    expect(value.terms).toEqual(['extra', 'heads']);
    expect(value.hits.map((hit) => [hit.kind, hit.id])).toEqual([['comment', '01JA0000000000000000000003']]);
  });
});

describe('tessera search as text', () => {
  it('prints one line per hit with the matched words in «» and the text around them below', async () => {
    const result = await runCli(['search', '--db', db, 'warmup']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('2 matches for "warmup" (proposal 1, decision 1)');
    expect(lines[1]).toMatch(/^proposal {2}p-warmup +Longer «warmup» for large batches {2}\(infra · kim · dropped · 2026-07-01\)$/);
    expect(lines[2]!.trim()).toBe('Use a longer «warmup» with cosine decay when the batch grows past 4M tokens.');
    expect(lines[3]).toMatch(/^decision {2}01JA0000000000000000000001 {2}Drop · Longer warmup for large batches/);
  });

  it('says what --kind leaves out', async () => {
    const result = await runCli(['search', '--db', db, '1B', '--kind', 'run']);
    expect(result.stdout.split('\n')[0]).toBe('2 matches for "1B" (run 2); not shown: proposal 1, decision 1');
  });
});

describe('tessera search usage errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['no query', [], /Give the words to search for/],
    ['an unknown kind', ['x', '--kind', 'proposal,person'], /--kind must be a comma-separated list of proposal, decision, comment, ablation, run, got "person"/],
    ['a date that is not a calendar day', ['x', '--from', '2026-02-30'], /--from: expected a real calendar date, got "2026-02-30"/],
    ['a range that ends before it starts', ['x', '--from', '2026-10-10', '--to', '2026-09-01'], /--to: 2026-09-01 is before --from 2026-10-10/],
    ['a limit out of range', ['x', '--limit', '0'], /--limit must be between 1 and 500, got 0/],
    ['a cache file that does not exist', ['x', '--db', '/nonexistent/cache.sqlite'], /no such cache file/],
  ];
  it.each(cases)('exits 2 with one line for %s', async (_what, args, message) => {
    const result = await runCli(['search', '--db', db, ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });
});
