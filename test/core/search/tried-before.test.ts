// "Tried before?" on a store with known text: earlier and dropped or parked directions closest to a
// proposal, with their decisions; later open ones and the proposal itself left out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { salientTerms } from '../../../electron/core/search/salient-terms';
import { findTriedBefore } from '../../../electron/core/search/tried-before';
import { createSearchLab, proposalFile, writeStoreFile, type SearchLab } from './search-lab-fixture';

let lab: SearchLab;
beforeAll(async () => {
  lab = await createSearchLab();
  writeStoreFile(
    lab.root,
    'proposals/p-again.md',
    proposalFile(
      { id: 'p-again', title: 'Multi-token heads with warmup', owner: 'ana', area: 'model', status: 'proposed', created: '2026-11-20' },
      'Revisit the extra prediction heads with a longer warmup; the earlier zanzibar gain may hold at 7B. Quetzal quetzal.',
    ),
  );
  writeStoreFile(
    lab.root,
    'proposals/p-later.md',
    proposalFile({ id: 'p-later', title: 'Multi-token heads, warmup again', owner: 'ana', status: 'active', created: '2026-12-01' }, 'Extra prediction heads with longer warmup and zanzibar.'),
  );
  await lab.sync();
});
afterAll(() => lab.cache.close());

describe('tried before', () => {
  it('lists the closest earlier proposal first, then the dropped direction with its decision and reason', () => {
    const result = findTriedBefore(lab.cache.sqlite, 'p-again', 6)!;
    expect(result.items.map((item) => item.id)).toEqual(['p-mtp', 'p-warmup']);
    const [mtp, warmup] = result.items;
    expect(mtp!.similarity).toBeGreaterThan(warmup!.similarity);
    expect(mtp!.similarity).toBeLessThanOrEqual(1);
    expect(warmup).toMatchObject({
      status: 'dropped',
      decisions: [{ decision: 'drop', author: 'raj', rationale: 'Warmup gains vanish above 1B and add two knobs.', at: '2026-10-10T09:00:00.000Z' }],
    });
    expect(warmup!.sharedTerms).toEqual(expect.arrayContaining(['longer', 'warmup']));
    expect(mtp!.sharedTerms).toEqual(expect.arrayContaining(['zanzibar', 'heads', 'prediction']));
    expect(warmup!.snippet.filter((s) => s.mark).map((s) => s.text)).toEqual(['longer', 'warmup', 'tokens']);
  });

  it('leaves out a proposal that shares only a couple of common words', () => {
    // p-dedup says "next-token prediction" and nothing else of p-again: a tenth of p-again's own match.
    expect(findTriedBefore(lab.cache.sqlite, 'p-again', 6)!.items.map((item) => item.id)).not.toContain('p-dedup');
  });

  it('leaves out the proposal itself and a later one that is still open, however close', () => {
    const ids = findTriedBefore(lab.cache.sqlite, 'p-again', 6)!.items.map((item) => item.id);
    expect(ids).not.toContain('p-again');
    expect(ids).not.toContain('p-later');
    // Seen from the later one, p-again is earlier and the closest of all.
    expect(findTriedBefore(lab.cache.sqlite, 'p-later', 6)!.items[0]!.id).toBe('p-again');
  });

  it('searches with the title words and the distinctive body words some other proposal shares', () => {
    const terms = salientTerms(lab.cache.sqlite, { title: 'Multi-token heads with warmup', body: 'Revisit the extra prediction heads with a longer warmup; the earlier zanzibar gain may hold at 7B. Quetzal quetzal.' });
    expect(terms.slice(0, 4)).toEqual(['multi', 'token', 'heads', 'warmup']);
    expect(terms).toEqual(expect.arrayContaining(['zanzibar', 'prediction', 'longer']));
    // Only this proposal says quetzal (nothing to find), "the" is a stop word.
    expect(terms).not.toContain('quetzal');
    expect(terms).not.toContain('the');
  });

  it('shows parked directions whenever they were written', () => {
    writeStoreFile(lab.root, 'proposals/p-again2.md', proposalFile({ id: 'p-again2', title: 'Peak learning rate once more', created: '2026-09-01' }, 'Sweep the peak learning rate again.'));
    return lab.sync().then(() => {
      const items = findTriedBefore(lab.cache.sqlite, 'p-again2', 6)!.items;
      expect(items.map((item) => item.id)).toEqual(['p-sweep']);
      expect(items[0]).toMatchObject({ status: 'inconclusive', created: '2026-10-20', decisions: [{ decision: 'park', rationale: 'No compute left this quarter; revisit after launch.' }] });
    });
  });

  it('returns null for a proposal the cache does not have', () => {
    expect(findTriedBefore(lab.cache.sqlite, 'p-nope', 6)).toBeNull();
  });
});
