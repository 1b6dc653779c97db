import { describe, expect, it } from 'vitest';
import { computeWorkSplit, type SplitBucket, type WorkSplit } from '../../../shared/worksplit';
import { constructedLab, TODAY } from './constructed-lab';

function bucket(split: WorkSplit, key: string): SplitBucket {
  const found = split.buckets.find((b) => b.key === key);
  if (!found) throw new Error(`no bucket ${key} in ${split.buckets.map((b) => b.key).join(', ')}`);
  return found;
}

describe('split by area, over W38–W43', () => {
  const split = computeWorkSplit(constructedLab, { by: 'area', measure: 'people', today: TODAY });

  it('lists every area of the team, idle ones too, alphabetically', () => {
    expect(split.buckets.map((b) => b.key)).toEqual(['data', 'eval', 'infra', 'model']);
    expect(bucket(split, 'eval').total).toBe(0);
    expect(bucket(split, 'eval').exploratoryShare).toBeNull();
  });

  it('splits each area by the kind of its proposals', () => {
    // infra = p-crit-a: 1.5 × 5 weeks + 1.5 × 3/7
    expect(bucket(split, 'infra').criticalPath).toBeCloseTo(8.142857143, 6);
    expect(bucket(split, 'infra').exploratoryShare).toBe(0);
    // model = p-expl-b: 0.8 × 3 weeks + 0.8 × 3/7
    expect(bucket(split, 'model').exploratory).toBeCloseTo(2.742857143, 6);
    expect(bucket(split, 'model').exploratoryShare).toBe(1);
    // data = p-expl-c 0.5 × (4/7 + 2 + 2/7) = 10/7 and p-crit-d 0.6 × 3 = 1.8; 10/7 of 22.6/7
    expect(bucket(split, 'data').exploratory).toBeCloseTo(1.428571429, 6);
    expect(bucket(split, 'data').criticalPath).toBeCloseTo(1.8, 9);
    expect(bucket(split, 'data').exploratoryShare).toBeCloseTo(0.442477876, 6);
    expect(bucket(split, 'data').proposals.map((c) => c.proposal)).toEqual(['p-crit-d', 'p-expl-c']);
  });

  it('keeps each area’s week-by-week split aligned with the weeks of the range', () => {
    const data = bucket(split, 'data');
    expect(data.weekly.map((w) => w.week)).toEqual(split.weeks.map((w) => w.week));
    // W38 nothing yet; W39 only p-expl-c; W40 p-expl-c 0.5 vs p-crit-d 0.6 × 4/7
    expect(data.weekly.map((w) => w.exploratoryShare)).toEqual([
      null, 1, expect.closeTo(0.593220339, 6), expect.closeTo(0.454545455, 6), expect.closeTo(0.192307692, 6), 0,
    ]);
    expect(data.weekly[4]!.proposals.map((c) => c.proposal)).toEqual(['p-crit-d', 'p-expl-c']);
  });
});

describe('split by person, over W38–W43', () => {
  const split = computeWorkSplit(constructedLab, { by: 'person', measure: 'people', today: TODAY });

  it('lists people in team order with their names', () => {
    expect(split.buckets.map((b) => [b.key, b.label])).toEqual([
      ['ana', 'Ana Ruiz'], ['raj', 'Raj Patel'], ['lee', 'Lee Chen'], ['kim', 'Kim Park'],
    ]);
  });

  it('splits each person’s own person-weeks by kind', () => {
    // ana: p-crit-a 0.5 × (5 + 3/7) = 19/7, p-expl-b 0.6 × (3 + 3/7) = 14.4/7
    expect(bucket(split, 'ana').criticalPath).toBeCloseTo(2.714285714, 6);
    expect(bucket(split, 'ana').exploratory).toBeCloseTo(2.057142857, 6);
    expect(bucket(split, 'ana').exploratoryShare).toBeCloseTo(0.431137725, 6);
    // raj: p-expl-b 0.2 × (3 + 3/7) + p-expl-c 10/7 = 14.8/7; p-crit-d 0.3 × 3 = 0.9
    expect(bucket(split, 'raj').exploratory).toBeCloseTo(2.114285714, 6);
    expect(bucket(split, 'raj').exploratoryShare).toBeCloseTo(0.701421801, 6);
    expect(bucket(split, 'raj').proposals.map((c) => c.proposal)).toEqual(['p-expl-c', 'p-crit-d', 'p-expl-b']);
    expect(bucket(split, 'lee').criticalPath).toBeCloseTo(5.428571429, 6);
    expect(bucket(split, 'kim').criticalPath).toBeCloseTo(0.9, 9);
    expect(bucket(split, 'kim').exploratoryShare).toBe(0);
  });

  it('adds up to the same person-weeks whichever way the work is grouped', () => {
    const byWeek = computeWorkSplit(constructedLab, { by: 'week', measure: 'people', today: TODAY });
    const total = (s: WorkSplit) => s.buckets.reduce((sum, b) => sum + b.total, 0);
    // Σ over weeks: (16.1 + 18.1 + 22 + 20.6 + 15.7 + 6.3) / 7
    expect(total(byWeek)).toBeCloseTo(14.114285714, 6);
    expect(total(split)).toBeCloseTo(14.114285714, 6);
  });
});
