// Ticks and labels of the time axes: wall time on the calendar's round moments in the viewer's zone,
// relative time at round durations, and labels that never throw on a value no Date can hold.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatX, xTickFormatter } from '../../../../renderer/src/components/series-chart/chart-format';
import { axisTicks, durationTicks, wallTimeTicks } from '../../../../renderer/src/components/series-chart/chart-ticks';

const HOUR = 3600;
const DAY = 86_400;

function steps(ticks: number[]): number[] {
  return ticks.slice(1).map((t, i) => t - ticks[i]!);
}

describe('time axes', () => {
  it('puts wall-time ticks on whole hours, evenly, inside the range', () => {
    const lo = Date.UTC(2026, 10, 23, 9, 47, 13) / 1000;
    const hi = lo + 10.5 * HOUR;
    const ticks = wallTimeTicks(lo, hi, 10);
    expect(ticks.length).toBeGreaterThanOrEqual(5);
    expect(ticks.length).toBeLessThanOrEqual(12);
    expect(ticks.every((t) => t >= lo && t <= hi)).toBe(true);
    expect(ticks.every((t) => new Date(t * 1000).getMinutes() === 0 && new Date(t * 1000).getSeconds() === 0)).toBe(true);
    expect(new Set(steps(ticks)).size).toBe(1);
  });

  it('puts wall-time ticks on midnights over a fortnight, labelled by their date', () => {
    const lo = Date.UTC(2026, 10, 1, 13) / 1000;
    const ticks = wallTimeTicks(lo, lo + 14 * DAY, 7);
    const dates = ticks.map((t) => new Date(t * 1000));
    expect(dates.every((d) => d.getHours() === 0 && d.getMinutes() === 0)).toBe(true);
    expect(ticks.map(xTickFormatter('time', ticks)).every((label) => /^[A-Z][a-z]{2} \d{1,2}$/.test(label))).toBe(true);
    // Other ticks read as a time of day, the tooltip as the full moment.
    const afternoon = new Date(2026, 10, 23, 14, 30).getTime() / 1000;
    expect(xTickFormatter('time', [afternoon])(afternoon)).toBe('14:30');
    expect(formatX('time', afternoon)).toBe('2026-11-23 14:30');
  });

  it('ticks relative time at a round duration, and says it in two units at most', () => {
    const ticks = durationTicks(0, 4994, 10);
    expect(steps(ticks).every((s) => s === 10 * 60)).toBe(true);
    expect(ticks.map((t) => formatDuration(t))).toEqual(['0 s', '10 min', '20 min', '30 min', '40 min', '50 min', '1 h', '1 h 10 min', '1 h 20 min']);
    const days = durationTicks(0, 9 * DAY, 5);
    expect(steps(days).every((s) => s === 2 * DAY)).toBe(true);
    // Beyond a fortnight a step is a round number of days.
    expect(steps(durationTicks(0, 400 * DAY, 5))).toEqual([100 * DAY, 100 * DAY, 100 * DAY, 100 * DAY]);
    expect(formatDuration(612.3)).toBe('10 min 12 s');
    expect(formatDuration(2 * DAY + 6 * HOUR + 59)).toBe('2 d 6 h');
    expect(formatDuration(HOUR - 0.2)).toBe('1 h');
    expect(formatDuration(-90)).toBe('−1 min 30 s');
  });

  it('ticks relative time on a log axis at round units', () => {
    expect(axisTicks([5, 2 * DAY], true, 6, 'relative-time')).toEqual([10, 60, 600, HOUR, 6 * HOUR, DAY]);
  });

  it('labels values no Date can hold as numbers instead of throwing (a FLOPs domain read as wall time)', () => {
    expect(() => formatX('time', 6e20)).not.toThrow();
    expect(formatX('time', 6e20)).toBe('600000000000000000000');
    expect(xTickFormatter('time', [6e20])(6e20)).toBe('600000000000000000000');
    expect(wallTimeTicks(1e20, 6e20, 5)).toEqual([]);
  });

  it('labels every tick of a zoomed count or FLOPs axis differently, with no more digits than needed', () => {
    for (const [kind, lo, hi] of [
      ['tokens', 1.23405e9, 1.23455e9],
      ['step', 120_001, 120_009],
      ['flops', 1.2e20, 1.2006e20],
      ['tokens', 0, 2e10],
    ] as const) {
      const ticks = axisTicks([lo, hi], false, 8, kind);
      const labels = ticks.map(xTickFormatter(kind, ticks));
      expect(new Set(labels).size, `${kind} ${labels.join(', ')}`).toBe(ticks.length);
    }
    const wide = axisTicks([0, 2e10], false, 5, 'tokens');
    expect(wide.map(xTickFormatter('tokens', wide))).toEqual(['0', '5B', '10B', '15B', '20B']);
  });
});
