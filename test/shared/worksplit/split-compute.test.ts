import { describe, expect, it } from 'vitest';
import { computeWorkSplit, type SplitBucket, type WorkSplit } from '../../../shared/worksplit';
import { constructedLab, TODAY } from './constructed-lab';

function bucket(split: WorkSplit, key: string): SplitBucket {
  const found = split.buckets.find((b) => b.key === key);
  if (!found) throw new Error(`no bucket ${key} in ${split.buckets.map((b) => b.key).join(', ')}`);
  return found;
}

describe('split measured in chip-hours', () => {
  const byWeek = computeWorkSplit(constructedLab, { by: 'week', measure: 'compute', today: TODAY });

  it('attributes each run’s chip-hours to the weeks it ran', () => {
    expect(byWeek.buckets.map((b) => [b.key, b.criticalPath, b.exploratory])).toEqual([
      ['2026-W38', 700, 0],
      ['2026-W39', 0, expect.closeTo(600, 9)],
      ['2026-W40', 0, expect.closeTo(800, 9)],
      ['2026-W41', 300, 200],
      ['2026-W42', 0, 0],
      ['2026-W43', 0, 0],
    ]);
    expect(byWeek.buckets.map((b) => b.exploratoryShare)).toEqual([0, 1, 1, expect.closeTo(0.4, 9), null, null]);
  });

  it('names the runs behind each proposal’s chip-hours', () => {
    expect(bucket(byWeek, '2026-W41').proposals).toEqual([
      { proposal: 'p-crit-d', title: 'Dedup the web-v5 shards', kind: 'critical-path', amount: 300, runs: ['r-3'] },
      { proposal: 'p-expl-c', title: 'Synthetic math mixture', kind: 'exploratory', amount: 200, runs: ['r-4'] },
    ]);
  });

  it('reports runs with no known proposal instead of guessing their kind', () => {
    expect(byWeek.unclassified).toEqual({ chipHours: 550, runs: ['r-5', 'r-6'] });
  });

  it('pools chip-hours per phase: 600 of 1300 in Scale-up, 1000 of 1300 in Pre-launch', () => {
    expect(byWeek.phases.map((p) => [p.name, p.exploratory, p.total])).toEqual([
      ['Scale-up', expect.closeTo(600, 9), expect.closeTo(1300, 9)],
      ['Pre-launch de-risking', expect.closeTo(1000, 9), expect.closeTo(1300, 9)],
    ]);
    expect(byWeek.phases[1]!.exploratoryShare).toBeCloseTo(0.769230769, 6);
  });

  it('gives compute by person to the run’s owner, else the proposal’s owner', () => {
    const byPerson = computeWorkSplit(constructedLab, { by: 'person', measure: 'compute', today: TODAY });
    expect(byPerson.buckets.map((b) => [b.key, b.label, b.criticalPath, b.exploratory])).toEqual([
      ['ana', 'Ana Ruiz', 0, expect.closeTo(1400, 9)],
      ['raj', 'Raj Patel', 0, 0],
      ['lee', 'Lee Chen', 700, 0],
      ['kim', 'Kim Park', 300, 0],
      ['(unassigned)', 'Unassigned', 0, 200],
    ]);
  });

  it('still measures the person table in person-weeks', () => {
    const ana = byWeek.people.find((r) => r.person === 'ana')!;
    expect(ana.weeks[0]!.load).toBeCloseTo(1.1, 9);
  });

  it('drops the part of a run that falls outside the range', () => {
    const w40 = computeWorkSplit(constructedLab, { by: 'week', measure: 'compute', today: TODAY, from: '2026-09-28', to: '2026-10-04' });
    expect(w40.buckets.map((b) => [b.key, b.exploratory])).toEqual([['2026-W40', expect.closeTo(800, 9)]]);
    expect(w40.unclassified).toEqual({ chipHours: 0, runs: [] });
  });
});
