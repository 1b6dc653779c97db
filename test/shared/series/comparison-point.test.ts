import { describe, expect, it } from 'vitest';
import { valueAtComparisonPoint } from '../../../shared/series';

describe('valueAtComparisonPoint', () => {
  it('reads every run at the largest tokens all runs reached, interpolating the longer ones', () => {
    const result = valueAtComparisonPoint([
      { runId: 'b1', variant: 'baseline', xs: [0, 1e9, 2e9, 3e9], ys: [4, 3, 2.5, 2.2] },
      { runId: 'b2', variant: 'baseline', xs: [0, 1e9, 2e9], ys: [4, 3.1, 2.7] },
      { runId: 'v1', variant: 'mtp', xs: [0, 2e9, 4e9], ys: [4, 2.4, 2.0] },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.x).toBe(2e9);
    expect(result.runs.map((r) => r.value)).toEqual([2.5, 2.7, 2.4]);
    const [baseline, mtp] = result.variants;
    expect(baseline.variant).toBe('baseline');
    expect(baseline.n).toBe(2);
    expect(baseline.mean).toBeCloseTo(2.6, 14);
    expect(baseline.std).toBeCloseTo(Math.sqrt(0.02), 14);
    expect(mtp.n).toBe(1);
    expect(mtp.std).toBeNaN();
  });

  it('interpolates when the shortest run ends between another run’s points', () => {
    const result = valueAtComparisonPoint([
      { runId: 'a', variant: 'x', xs: [0, 150], ys: [3, 2] },
      { runId: 'b', variant: 'x', xs: [0, 100, 200], ys: [3, 2.5, 1.5] },
    ]);
    expect(result.ok && result.runs[1].value).toBe(2);
  });

  it('skips points that lack the compare_at unit', () => {
    const result = valueAtComparisonPoint([
      { runId: 'a', variant: 'x', xs: [0, 100, NaN], ys: [3, 2, 1] },
      { runId: 'b', variant: 'x', xs: [0, 200], ys: [3, 1] },
    ]);
    expect(result.ok && result.x).toBe(100);
  });

  it('reports a diverged run’s value and leaves it out of the variant statistics', () => {
    const result = valueAtComparisonPoint([
      { runId: 'a', variant: 'x', xs: [0, 100], ys: [3, NaN] },
      { runId: 'b', variant: 'x', xs: [0, 100], ys: [3, 2] },
    ]);
    if (!result.ok) throw new Error(result.reason);
    expect(result.runs[0].value).toBeNaN();
    expect(result.variants[0].n).toBe(1);
    expect(result.variants[0].mean).toBe(2);
  });

  it('says why there is no comparison point', () => {
    expect(valueAtComparisonPoint([])).toEqual({ ok: false, reason: 'the ablation has no runs' });
    const result = valueAtComparisonPoint([
      { runId: 'a', variant: 'x', xs: [0], ys: [1] },
      { runId: 'r-9', variant: 'x', xs: [NaN], ys: [1] },
    ]);
    expect(result).toEqual({ ok: false, reason: 'run r-9 has no points with a compare_at value' });
  });
});
