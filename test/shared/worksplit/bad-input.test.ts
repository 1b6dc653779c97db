import { describe, expect, it } from 'vitest';
import { computeWorkSplit, InvalidSplitOptionsError, type SplitProposal } from '../../../shared/worksplit';

const good: SplitProposal = { id: 'p-good', title: 'Good', area: 'model', kind: 'exploratory', created: '2026-10-05', people: [{ id: 'ana', share: 0.5 }] };
const options = { by: 'week' as const, measure: 'people' as const, today: '2026-10-11' };

describe('bad input', () => {
  it('leaves out a bad proposal, says where and why, and keeps the good ones', () => {
    const split = computeWorkSplit(
      {
        proposals: [
          good,
          { ...good, id: 'p-kind', kind: 'moonshot' as never },
          { ...good, id: 'p-date', created: '2026-02-30' },
          { ...good, id: 'p-share', people: [{ id: 'ana', share: -0.2 }, { id: 'raj', share: 0.5 }] },
          { ...good, id: 'p-good' },
        ],
      },
      options,
    );
    expect(split.issues).toEqual([
      { where: 'proposals[1] (p-kind).kind', message: 'expected critical-path or exploratory, got "moonshot"; left out of the split' },
      { where: 'proposals[2] (p-date).created', message: 'expected a date YYYY-MM-DD, got "2026-02-30"; left out of the split' },
      { where: 'proposals[3] (p-share).people[0].share', message: 'expected a share of time between 0 and 1, got -0.2' },
      { where: 'proposals[4] (p-good)', message: 'the same proposal id appears twice; the first one is used' },
    ]);
    // p-good 0.5 + p-share's raj 0.5, both exploratory, a full week each
    expect(split.buckets[0]!.proposals.map((c) => [c.proposal, c.amount])).toEqual([['p-good', 0.5], ['p-share', 0.5]]);
  });

  it('counts a proposal whose status says it ended but has no decision date until today, and says so', () => {
    const split = computeWorkSplit({ proposals: [{ ...good, status: 'adopted' }] }, options);
    expect(split.issues).toEqual([
      { where: 'proposals[0] (p-good).status', message: 'status is adopted but no decision date is known; counted as active until today' },
    ]);
    expect(split.buckets[0]!.exploratory).toBe(0.5);
  });

  it('keeps a run with a bad end time, putting its chip-hours in its creation week', () => {
    const split = computeWorkSplit(
      { proposals: [good], runs: [{ id: 'r-1', proposal: 'p-good', chipHours: 40, createdAt: '2026-10-06T10:00:00Z', finishedAt: 'yesterday' }] },
      { ...options, measure: 'compute' },
    );
    expect(split.issues).toEqual([
      { where: 'runs[0] (r-1).finishedAt', message: 'expected an ISO time, got "yesterday"; chip-hours put in the creation week' },
    ]);
    expect(split.buckets[0]!.exploratory).toBe(40);
  });

  it('skips a phase with an impossible target and keeps the others', () => {
    const split = computeWorkSplit(
      {
        proposals: [good],
        phases: [
          { name: 'Odd', start: '2026-10-01', end: '2026-10-31', target_exploratory: 20 },
          { name: 'Fine', start: '2026-10-01', end: '2026-10-31', target_exploratory: 0.2 },
        ],
      },
      options,
    );
    expect(split.issues).toEqual([{ where: 'phases[0] (Odd).target_exploratory', message: 'expected a share between 0 and 1, got 20' }]);
    expect(split.weeks[0]!.phase).toBe('Fine');
  });

  it('refuses bad options with the field and what was expected', () => {
    expect(() => computeWorkSplit({ proposals: [] }, { ...options, today: '21/10/2026' })).toThrow(
      new InvalidSplitOptionsError('options.today: expected a date YYYY-MM-DD, got "21/10/2026"'),
    );
    expect(() => computeWorkSplit({ proposals: [] }, { ...options, by: 'team' as never })).toThrow(
      'options.by: expected week, area or person, got "team"',
    );
    expect(() => computeWorkSplit({ proposals: [] }, { ...options, from: '2026-10-20', to: '2026-10-01' })).toThrow(
      'options.to: 2026-10-01 is before options.from 2026-10-20',
    );
  });
});
