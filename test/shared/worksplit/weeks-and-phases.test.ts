import { describe, expect, it } from 'vitest';
import { computeWorkSplit, type SplitPhase } from '../../../shared/worksplit';

const weeksOf = (today: string, from: string, phases: SplitPhase[] = []) =>
  computeWorkSplit({ proposals: [], phases }, { by: 'week', measure: 'people', today, from }).weeks;

describe('ISO weeks', () => {
  it('labels weeks across a year end by the year holding their Thursday', () => {
    // 2026 starts on a Thursday, so it has 53 ISO weeks; Mon 29 Dec 2025 opens 2026-W01
    expect(weeksOf('2027-01-04', '2026-12-28').map((w) => [w.week, w.start, w.end])).toEqual([
      ['2026-W53', '2026-12-28', '2027-01-03'],
      ['2027-W01', '2027-01-04', '2027-01-10'],
    ]);
    expect(weeksOf('2025-12-29', '2025-12-29').map((w) => w.week)).toEqual(['2026-W01']);
  });

  it('counts only the days up to today in the current week and none in later ones', () => {
    const weeks = computeWorkSplit({ proposals: [] }, { by: 'week', measure: 'people', today: '2026-10-18', from: '2026-10-12', to: '2026-10-26' }).weeks;
    expect(weeks.map((w) => [w.week, w.daysElapsed])).toEqual([['2026-W42', 7], ['2026-W43', 0], ['2026-W44', 0]]);
  });
});

describe('the phase of a week', () => {
  it('is the phase holding most of its days, so a phase starting on a Sunday does not claim the week', () => {
    const phases = [
      { name: 'A', start: '2026-09-01', end: '2026-10-10', target_exploratory: 0.5 },
      { name: 'B', start: '2026-10-11', end: '2026-10-31', target_exploratory: 0.1 },
    ];
    // W41 is Mon 5 – Sun 11 Oct: six days of A, one of B; W42 is all B
    expect(weeksOf('2026-10-18', '2026-10-05', phases).map((w) => [w.week, w.phase, w.target])).toEqual([
      ['2026-W41', 'A', 0.5],
      ['2026-W42', 'B', 0.1],
    ]);
  });

  it('is none in a week that no phase touches, and a phase ending mid-week keeps a week where it has four days', () => {
    const phases = [{ name: 'Short', start: '2026-10-05', end: '2026-10-08', target_exploratory: 0.3 }];
    expect(weeksOf('2026-10-18', '2026-10-05', phases).map((w) => [w.week, w.phase, w.target])).toEqual([
      ['2026-W41', 'Short', 0.3],
      ['2026-W42', null, null],
    ]);
  });
});
