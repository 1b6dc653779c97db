// What a legend entry says about the points of a run that are not on the chart.
import { describe, expect, it } from 'vitest';
import { pointsOffChart } from '../../../../renderer/src/pages/compare/chart-models';

describe('points off the chart', () => {
  it('says "without tokens" only for points with no tokens, and names the point at tokens 0 on a log axis for what it is', () => {
    expect(pointsOffChart({ unplaced: 0, belowLogAxis: 1 }, 'tokens')).toBe('1 point at tokens ≤ 0, off the log axis');
    expect(pointsOffChart({ unplaced: 3, belowLogAxis: 0 }, 'flops')).toBe('3 points without tokens');
    expect(pointsOffChart({ unplaced: 2, belowLogAxis: 1 }, 'relative-time')).toBe('2 points without time; 1 point at time ≤ 0, off the log axis');
    expect(pointsOffChart({ unplaced: 0, belowLogAxis: 0 }, 'step')).toBeUndefined();
  });
});
