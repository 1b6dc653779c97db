import { describe, expect, it } from 'vitest';
import { balanceNow, type SplitProposal, type WorkSplitInput } from '../../../shared/worksplit';
import { constructedLab, phases, TODAY } from './constructed-lab';

/** One person, one critical-path and one exploratory proposal per week, so week k's share is exactly shares[k]. */
function labWithWeeklyShares(mondays: string[], shares: number[]): WorkSplitInput {
  const proposals: SplitProposal[] = mondays.flatMap((monday, k) => {
    const next = new Date(Date.parse(monday) + 7 * 86_400_000).toISOString().slice(0, 10);
    return [
      { id: `e-${k}`, title: `E${k}`, kind: 'exploratory' as const, created: monday, endedAt: next, people: [{ id: 'ana', share: shares[k]! }] },
      { id: `c-${k}`, title: `C${k}`, kind: 'critical-path' as const, created: monday, endedAt: next, people: [{ id: 'ana', share: 1 - shares[k]! }] },
    ];
  });
  return { proposals, people: [{ id: 'ana', name: 'Ana' }], phases };
}

const W38_TO_W41 = ['2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05'];

describe('balance now', () => {
  it('reads the constructed lab: 25 % exploratory over W40–W43 against a 20 % target, falling', () => {
    const now = balanceNow(constructedLab, TODAY);
    expect(now.phase).toEqual({ name: 'Pre-launch de-risking', start: '2026-10-01', end: '2026-11-30', target: 0.2 });
    expect(now.window).toEqual({ from: '2026-09-28', to: '2026-10-21', weeks: ['2026-W40', '2026-W41', '2026-W42', '2026-W43'] });
    // (9.1 + 5.9 + 1 + 0) / (22 + 20.6 + 15.7 + 6.3) in sevenths of a person-week
    expect(now.actual).toBeCloseTo(0.247678019, 6);
    expect(now.gap).toBeCloseTo(0.047678019, 6);
    // shares W38–W43: .347826 .419890 .413636 .286408 .063694 0 over x = 2..7; slope = Σ(x − 4.5)·y / 17.5
    expect(now.trend.weeks.map((w) => w.week)).toEqual(['2026-W38', '2026-W39', '2026-W40', '2026-W41', '2026-W42', '2026-W43']);
    expect(now.trend.slopePerWeek).toBeCloseTo(-0.0838556, 5);
    expect(now.trend.label).toBe('falling');
    expect(now.sentence).toBe('Pre-launch de-risking: 25 % exploratory over the last 4 weeks (target 20 %), falling');
  });

  it('reads chip-hours when asked: 1000 of 1300 exploratory, rising', () => {
    const now = balanceNow(constructedLab, TODAY, 'compute');
    expect(now.exploratory).toBeCloseTo(1000, 9);
    expect(now.total).toBeCloseTo(1300, 9);
    // weekly shares 0, 1, 1, 0.4 at x = 2..5: slope = (−1.5·0 − 0.5·1 + 0.5·1 + 1.5·0.4) / 5
    expect(now.trend.slopePerWeek).toBeCloseTo(0.12, 9);
    expect(now.sentence).toBe('Pre-launch de-risking: 77 % of chip-hours exploratory over the last 4 weeks (target 20 %), rising');
  });

  it('calls a share moving 1.5 points a week steady and 2.5 points a week rising', () => {
    const steady = balanceNow(labWithWeeklyShares(W38_TO_W41, [0.4, 0.415, 0.43, 0.445]), '2026-10-11');
    expect(steady.trend.slopePerWeek).toBeCloseTo(0.015, 9);
    expect(steady.sentence).toBe('Pre-launch de-risking: 42 % exploratory over the last 4 weeks (target 20 %), steady');
    const rising = balanceNow(labWithWeeklyShares(W38_TO_W41, [0.4, 0.425, 0.45, 0.475]), '2026-10-11');
    expect(rising.trend.slopePerWeek).toBeCloseTo(0.025, 9);
    expect(rising.sentence).toBe('Pre-launch de-risking: 44 % exploratory over the last 4 weeks (target 20 %), rising');
    const falling = balanceNow(labWithWeeklyShares(W38_TO_W41, [0.5, 0.46, 0.42, 0.38]), '2026-10-11');
    expect(falling.trend.label).toBe('falling');
  });

  it('fits the trend over at most the last eight weeks', () => {
    // Ten weeks: two early weeks at 100 % would tip the trend if they were included; the last eight are flat at 40 %
    const mondays = ['2026-08-03', '2026-08-10', '2026-08-17', '2026-08-24', '2026-08-31', '2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05'];
    const now = balanceNow(labWithWeeklyShares(mondays, [1, 1, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4]), '2026-10-11');
    expect(now.trend.weeks).toHaveLength(8);
    expect(now.trend.slopePerWeek).toBeCloseTo(0, 9);
    expect(now.trend.label).toBe('steady');
  });

  it('says it is too early for a trend with fewer than four weeks of work', () => {
    const now = balanceNow(labWithWeeklyShares(['2026-09-28', '2026-10-05'], [0.1, 0.3]), '2026-10-11');
    expect(now.trend).toEqual({ label: 'unknown', slopePerWeek: null, weeks: [{ week: '2026-W40', share: 0.1 }, { week: '2026-W41', share: expect.closeTo(0.3, 9) }] });
    expect(now.sentence).toBe('Pre-launch de-risking: 20 % exploratory over the last 4 weeks (target 20 %), too early for a trend');
  });

  it('says so when no phase holds today or nothing was worked on', () => {
    const noPhase = balanceNow({ ...labWithWeeklyShares(W38_TO_W41, [0.4, 0.415, 0.43, 0.445]), phases: [] }, '2026-10-11');
    expect(noPhase.phase).toBeNull();
    expect(noPhase.gap).toBeNull();
    expect(noPhase.sentence).toBe('No phase set for today: 42 % exploratory over the last 4 weeks, steady');
    const idle = balanceNow({ proposals: [], phases }, '2026-10-11');
    expect(idle.actual).toBeNull();
    expect(idle.sentence).toBe('Pre-launch de-risking: no proposal work in the last 4 weeks (target 20 %)');
    expect(balanceNow({ proposals: [], phases }, '2026-10-11', 'compute').sentence).toBe(
      'Pre-launch de-risking: no chip-hours on proposals in the last 4 weeks (target 20 %)',
    );
  });

  it('takes the phase that holds today by date, even when the week belongs to the previous phase', () => {
    // Wednesday 30 Sep is Scale-up's last day, though W40 as a week belongs to Pre-launch
    expect(balanceNow(constructedLab, '2026-09-30').phase?.name).toBe('Scale-up');
  });
});
