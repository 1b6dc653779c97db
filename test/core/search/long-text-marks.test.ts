// Marking matches in a very long proposal takes bounded work: highlight() and snippet() run over a
// window of its first MARK_WINDOW_CHARS characters, not over the whole body (over a 2 MB body they took
// minutes). Within the window the marks are exactly FTS5's; a match only further on still finds the
// proposal (ranking reads the index), shown by its start, unmarked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchLab } from '../../../electron/core/search/search';
import { findTriedBefore } from '../../../electron/core/search/tried-before';
import { MARK_WINDOW_CHARS } from '../../../electron/core/search/window-marks';
import { createSearchLab, proposalFile, writeStoreFile, type SearchLab } from './search-lab-fixture';

const FILLER = 'Ordinary words about training runs and evaluation loss. ';
const filler = (chars: number) => FILLER.repeat(Math.ceil(chars / FILLER.length)).slice(0, chars);
let lab: SearchLab;

beforeAll(async () => {
  lab = await createSearchLab();
  // Early: "quasar" inside the window. Late: "zeppelin" only far past it.
  const body = `Quasar warmup idea. ${filler(3 * MARK_WINDOW_CHARS)} Zeppelin appears only here.`;
  writeStoreFile(lab.root, 'proposals/p-long.md', proposalFile({ id: 'p-long', title: 'Quasar airship', owner: 'ana', status: 'dropped', created: '2026-01-01' }, body));
  writeStoreFile(lab.root, 'proposals/p-short.md', proposalFile({ id: 'p-short', title: 'Quasar airship zeppelin', owner: 'ana', status: 'proposed', created: '2026-12-01' }, 'Quasar and zeppelin again.'));
  await lab.sync();
});
afterAll(() => lab.cache.close());

const hit = (query: string, id: string) => searchLab(lab.cache.sqlite, { query, limit: 50 }).hits.find((h) => h.id === id);

describe('marks in a long proposal', () => {
  it('are FTS5\'s own within the window', () => {
    const found = hit('quasar', 'p-long')!;
    expect(found.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(['Quasar']);
  });

  it('are not looked for past the window: the proposal is found and shown by its start, unmarked', () => {
    const found = hit('zeppelin', 'p-long')!;
    expect(found).toBeDefined();
    expect(found.snippet.some((s) => s.mark)).toBe(false);
    expect(found.snippet.map((s) => s.text).join('')).toMatch(/^Quasar warmup idea\. Ordinary words/);
  });

  it('"Tried before?" finds the long one and names the words it shares within the window', () => {
    const result = findTriedBefore(lab.cache.sqlite, 'p-short', 6)!;
    const long = result.items.find((item) => item.id === 'p-long')!;
    expect(long).toBeDefined();
    expect(long.sharedTerms).toEqual(['quasar', 'airship']);
  });
});
