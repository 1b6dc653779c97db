import { describe, expect, it } from 'vitest';
import { computeWorkSplit, type SplitBucket, type WorkSplit } from '../../../shared/worksplit';
import { constructedLab, TODAY } from './constructed-lab';

function bucket(split: WorkSplit, key: string): SplitBucket {
  const found = split.buckets.find((b) => b.key === key);
  if (!found) throw new Error(`no bucket ${key} in ${split.buckets.map((b) => b.key).join(', ')}`);
  return found;
}

function amounts(b: SplitBucket) {
  return Object.fromEntries(b.proposals.map((c) => [c.proposal, c.amount]));
}

describe('split by week, measured in person-weeks', () => {
  const split = computeWorkSplit(constructedLab, { by: 'week', measure: 'people', today: TODAY });

  it('covers the ISO weeks from the earliest proposal to today, Monday to Sunday', () => {
    expect(split.from).toBe('2026-09-14');
    expect(split.to).toBe('2026-10-25');
    expect(split.weeks.map((w) => w.week)).toEqual(['2026-W38', '2026-W39', '2026-W40', '2026-W41', '2026-W42', '2026-W43']);
    expect(split.weeks.map((w) => w.daysElapsed)).toEqual([7, 7, 7, 7, 7, 3]);
  });

  it('gives each week the exploratory share of its person-weeks, with overlapping proposals summed', () => {
    // W38: critical lee 1.0 + ana 0.5 = 1.5; exploratory ana 0.6 + raj 0.2 = 0.8; 0.8 / 2.3
    expect(bucket(split, '2026-W38').criticalPath).toBeCloseTo(1.5, 9);
    expect(bucket(split, '2026-W38').exploratory).toBeCloseTo(0.8, 9);
    expect(bucket(split, '2026-W38').exploratoryShare).toBeCloseTo(0.347826087, 6);
    // W39: p-expl-c starts Thursday, raj 0.5 × 4/7 = 0.285714; exploratory 1.085714 of 2.585714
    expect(bucket(split, '2026-W39').exploratory).toBeCloseTo(1.085714286, 6);
    expect(bucket(split, '2026-W39').exploratoryShare).toBeCloseTo(0.419889503, 6);
    // W40: critical 1.5 + p-crit-d (0.3 + 0.3) × 4/7 = 1.842857; exploratory 0.8 + 0.5 = 1.3; 1.3 / 3.142857
    expect(bucket(split, '2026-W40').criticalPath).toBeCloseTo(1.842857143, 6);
    expect(bucket(split, '2026-W40').exploratoryShare).toBeCloseTo(0.413636364, 6);
    // W41: p-expl-b dropped Thursday: (0.6 + 0.2) × 3/7 = 0.342857, + p-expl-c 0.5 = 0.842857 of 2.942857
    expect(bucket(split, '2026-W41').exploratory).toBeCloseTo(0.842857143, 6);
    expect(bucket(split, '2026-W41').exploratoryShare).toBeCloseTo(0.286407767, 6);
    // W42: p-expl-c parked Wednesday: 0.5 × 2/7 = 0.142857 of 2.242857
    expect(bucket(split, '2026-W42').exploratoryShare).toBeCloseTo(0.063694268, 6);
    // W43 so far (Mon–Wed): critical (1.5 + 0.6) × 3/7 = 0.9, nothing exploratory
    expect(bucket(split, '2026-W43').criticalPath).toBeCloseTo(0.9, 9);
    expect(bucket(split, '2026-W43').exploratoryShare).toBe(0);
  });

  it('stops a dropped proposal at its decision day and a parked one at its decision day', () => {
    expect(amounts(bucket(split, '2026-W41'))['p-expl-b']).toBeCloseTo(0.342857143, 6);
    expect(amounts(bucket(split, '2026-W42'))['p-expl-b']).toBeUndefined();
    expect(amounts(bucket(split, '2026-W42'))['p-expl-c']).toBeCloseTo(0.142857143, 6);
    expect(amounts(bucket(split, '2026-W43'))['p-expl-c']).toBeUndefined();
  });

  it('lists the proposals behind each week, largest first, with their kind', () => {
    expect(bucket(split, '2026-W41').proposals.map((c) => [c.proposal, c.kind])).toEqual([
      ['p-crit-a', 'critical-path'],
      ['p-crit-d', 'critical-path'],
      ['p-expl-c', 'exploratory'],
      ['p-expl-b', 'exploratory'],
    ]);
    expect(bucket(split, '2026-W41').proposals.map((c) => c.amount)).toEqual([
      expect.closeTo(1.5, 9), expect.closeTo(0.6, 9), expect.closeTo(0.5, 9), expect.closeTo(0.342857143, 6),
    ]);
  });

  it('puts the week straddling the phase boundary in the phase holding four of its days', () => {
    const phaseOf = Object.fromEntries(split.weeks.map((w) => [w.week, [w.phase, w.target]]));
    expect(phaseOf['2026-W39']).toEqual(['Scale-up', 0.5]);
    expect(phaseOf['2026-W40']).toEqual(['Pre-launch de-risking', 0.2]);
  });

  it('compares each phase’s pooled share with its target', () => {
    const [scaleUp, preLaunch] = split.phases;
    // Scale-up, W38–W39: exploratory (0.8 + 1.085714) of (2.3 + 2.585714) = 1.885714 / 4.885714
    expect(scaleUp!.name).toBe('Scale-up');
    expect(scaleUp!.weeks).toEqual(['2026-W38', '2026-W39']);
    expect(scaleUp!.exploratoryShare).toBeCloseTo(0.385964912, 6);
    expect(scaleUp!.gap).toBeCloseTo(-0.114035088, 6);
    // Pre-launch, W40–W43: exploratory 16/7 of 64.6/7 person-weeks
    expect(preLaunch!.weeks).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43']);
    expect(preLaunch!.exploratory).toBeCloseTo(2.285714286, 6);
    expect(preLaunch!.total).toBeCloseTo(9.228571429, 6);
    expect(preLaunch!.exploratoryShare).toBeCloseTo(0.247678019, 6);
    expect(preLaunch!.gap).toBeCloseTo(0.047678019, 6);
    // p-crit-a 1.5 × 3 + 1.5 × 3/7; p-crit-d 0.6 × (4/7 + 1 + 1 + 3/7); p-expl-b 0.8 + 0.8 × 3/7 and
    // p-expl-c 0.5 + 0.5 + 0.5 × 2/7 are both 8/7, a tie listed by id
    expect(preLaunch!.proposals.map((c) => [c.proposal, c.amount])).toEqual([
      ['p-crit-a', expect.closeTo(5.142857143, 6)],
      ['p-crit-d', expect.closeTo(1.8, 9)],
      ['p-expl-b', expect.closeTo(1.142857143, 6)],
      ['p-expl-c', expect.closeTo(1.142857143, 6)],
    ]);
  });

  it('picks whole ISO weeks from and to the given days', () => {
    const part = computeWorkSplit(constructedLab, { by: 'week', measure: 'people', today: TODAY, from: '2026-10-07', to: '2026-10-13' });
    expect(part.from).toBe('2026-10-05');
    expect(part.to).toBe('2026-10-18');
    expect(part.buckets.map((b) => b.key)).toEqual(['2026-W41', '2026-W42']);
    expect(part.buckets[0]!.exploratoryShare).toBeCloseTo(0.286407767, 6);
    expect(part.phases.map((p) => p.name)).toEqual(['Pre-launch de-risking']);
  });
});
