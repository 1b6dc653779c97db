import { describe, expect, it } from 'vitest';
import { computeWorkSplit, type PersonLoadRow } from '../../../shared/worksplit';
import { constructedLab, TODAY } from './constructed-lab';

describe('person table', () => {
  const table = computeWorkSplit(constructedLab, { by: 'week', measure: 'people', today: TODAY }).people;
  const row = (id: string): PersonLoadRow => table.find((r) => r.person === id)!;
  const loads = (id: string) => row(id).weeks.map((w) => w.load);
  const flags = (id: string) => row(id).weeks.map((w) => w.flag);

  it('has a row per team member with a load for every week', () => {
    expect(table.map((r) => [r.person, r.name, r.area])).toEqual([
      ['ana', 'Ana Ruiz', 'model'], ['raj', 'Raj Patel', 'data'], ['lee', 'Lee Chen', 'infra'], ['kim', 'Kim Park', 'eval'],
    ]);
    expect(row('ana').weeks.map((w) => w.week)).toEqual(['2026-W38', '2026-W39', '2026-W40', '2026-W41', '2026-W42', '2026-W43']);
  });

  it('flags ana over 100 % while both her proposals run, and clears it once one is dropped', () => {
    // 0.5 + 0.6 = 1.1 for three weeks; W41 0.5 + 0.6 × 3/7; then 0.5 exactly, which is not under
    expect(loads('ana')).toEqual([
      expect.closeTo(1.1, 9), expect.closeTo(1.1, 9), expect.closeTo(1.1, 9), expect.closeTo(0.757142857, 6),
      expect.closeTo(0.5, 9), expect.closeTo(0.5, 9),
    ]);
    expect(flags('ana')).toEqual(['over', 'over', 'over', null, null, null]);
  });

  it('flags kim under 50 % every week and raj in the weeks his shares fall short', () => {
    // kim: nothing until p-crit-d, then 0.3 × 4/7, then 0.3
    expect(loads('kim')).toEqual([0, 0, expect.closeTo(0.171428571, 6), expect.closeTo(0.3, 9), expect.closeTo(0.3, 9), expect.closeTo(0.3, 9)]);
    expect(flags('kim')).toEqual(['under', 'under', 'under', 'under', 'under', 'under']);
    // raj: 0.2; 0.2 + 0.5 × 4/7; 0.2 + 0.5 + 0.3 × 4/7; 0.2 × 3/7 + 0.5 + 0.3; 0.5 × 2/7 + 0.3; 0.3
    expect(loads('raj')).toEqual([
      expect.closeTo(0.2, 9), expect.closeTo(0.485714286, 6), expect.closeTo(0.871428571, 6),
      expect.closeTo(0.885714286, 6), expect.closeTo(0.442857143, 6), expect.closeTo(0.3, 9),
    ]);
    expect(flags('raj')).toEqual(['under', 'under', null, null, 'under', 'under']);
  });

  it('reads the current, partial week as the load so far, not as a fraction of a week', () => {
    // lee has share 1.0 throughout: W43 so far is Mon–Wed, 3/7 person-weeks, a full load
    expect(loads('lee')).toEqual([1, 1, 1, 1, 1, expect.closeTo(1, 9)]);
    expect(flags('lee')).toEqual([null, null, null, null, null, null]);
  });

  it('names the proposals behind each cell', () => {
    expect(row('ana').weeks[3]!.proposals.map((c) => [c.proposal, c.amount])).toEqual([
      ['p-crit-a', expect.closeTo(0.5, 9)], ['p-expl-b', expect.closeTo(0.257142857, 6)],
    ]);
  });

  it('does not call shares that sum to one (0.2 + 0.4 + 0.3 + 0.1 = 1.0000000000000002) over-committed', () => {
    const lab = {
      proposals: [0.2, 0.4, 0.3, 0.1].map((share, i) => ({
        id: `p-${i}`, title: `P${i}`, kind: 'critical-path' as const, created: '2026-10-05', people: [{ id: 'ana', share }],
      })),
      people: [{ id: 'ana', name: 'Ana' }],
    };
    const [ana] = computeWorkSplit(lab, { by: 'person', measure: 'people', today: '2026-10-11' }).people;
    expect(ana!.weeks[0]!.load).toBeGreaterThan(1);
    expect(ana!.weeks[0]!.load).toBeCloseTo(1, 12);
    expect(ana!.weeks[0]!.flag).toBeNull();
  });

  it('shows people named on proposals but missing from team.yaml under their id', () => {
    const lab = {
      proposals: [{ id: 'p-1', title: 'P1', kind: 'exploratory' as const, created: '2026-10-05', people: [{ id: 'zed', share: 1.2 }, { id: 'ana', share: 0.4 }] }],
      people: [{ id: 'ana', name: 'Ana' }],
    };
    const split = computeWorkSplit(lab, { by: 'person', measure: 'people', today: '2026-10-11' });
    expect(split.people.map((r) => r.person)).toEqual(['ana']);
    expect(split.issues.map((i) => i.where)).toEqual(['proposals[0] (p-1).people[0].share']);
    const lab2 = { ...lab, proposals: [{ ...lab.proposals[0]!, people: [{ id: 'zed', share: 0.8 }] }] };
    const split2 = computeWorkSplit(lab2, { by: 'person', measure: 'people', today: '2026-10-11' });
    expect(split2.people.map((r) => [r.person, r.name, r.weeks[0]!.load])).toEqual([['ana', 'Ana', 0], ['zed', 'zed', 0.8]]);
    expect(split2.issues).toEqual([{ where: 'proposal p-1.people (zed)', message: 'not a person in team.yaml; shown under their id' }]);
  });
});
