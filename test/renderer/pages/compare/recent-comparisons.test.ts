// The recent comparisons list: one entry per comparison, newest first, bounded, and tolerant of whatever
// the browser's storage holds.
import { describe, expect, it } from 'vitest';
import { MAX_RECENT_COMPARISONS, parseRecent, withRecent, type RecentComparison } from '../../../../renderer/src/pages/compare/recent-comparisons';

const entry = (runIds: string[], params = `runs=${runIds.join(',')}`): RecentComparison => ({ params, runIds, label: runIds.join(', '), savedAt: '2026-12-01T10:00:00Z' });

describe('recent comparisons', () => {
  it('keeps one entry per set of runs, newest first, the latest view of it', () => {
    let list = withRecent([], entry(['a', 'b']));
    list = withRecent(list, entry(['c', 'd']));
    list = withRecent(list, entry(['b', 'a'], 'runs=b,a&x=tokens'));
    expect(list.map((e) => e.params)).toEqual(['runs=b,a&x=tokens', 'runs=c,d']);
  });

  it('treats adding or dropping runs of the newest comparison as editing it, not as another comparison', () => {
    let list = withRecent([], entry(['x', 'y']));
    list = withRecent(list, entry(['a', 'b', 'c']));
    list = withRecent(list, entry(['a', 'b']));
    list = withRecent(list, entry(['a', 'b', 'd']));
    expect(list.map((e) => e.runIds.join(','))).toEqual(['a,b,d', 'x,y']);
  });

  it(`holds at most ${MAX_RECENT_COMPARISONS}, dropping the oldest`, () => {
    let list: RecentComparison[] = [];
    for (let i = 0; i < MAX_RECENT_COMPARISONS + 3; i++) list = withRecent(list, entry([`r${i}`, `s${i}`]));
    expect(list).toHaveLength(MAX_RECENT_COMPARISONS);
    expect(list[0]!.runIds).toEqual([`r${MAX_RECENT_COMPARISONS + 2}`, `s${MAX_RECENT_COMPARISONS + 2}`]);
    expect(list.at(-1)!.runIds).toEqual(['r3', 's3']);
  });

  it('reads back what it wrote and leaves out what is not a comparison', () => {
    const good = entry(['a']);
    expect(parseRecent(JSON.stringify([good]))).toEqual([good]);
    expect(parseRecent(JSON.stringify([{ params: 1 }, good, { ...good, runIds: [] }, null, 'x']))).toEqual([good]);
    expect(parseRecent('{not json')).toEqual([]);
    expect(parseRecent(JSON.stringify({ params: 'runs=a' }))).toEqual([]);
    expect(parseRecent(null)).toEqual([]);
  });
});
