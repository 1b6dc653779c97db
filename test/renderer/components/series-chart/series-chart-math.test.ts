// The pure parts of the series chart: where a value lands in pixels, the tick values, the values the
// tooltip lists, the y range of what is visible, and the CSV export.
import { describe, expect, it } from 'vitest';
import { chartCsv } from '../../../../renderer/src/components/series-chart/chart-export';
import { formatPowerOfTen, formatX } from '../../../../renderer/src/components/series-chart/chart-format';
import { pixelScale } from '../../../../renderer/src/components/series-chart/chart-layers';
import { tooltipRows, valueNear, visibleYRange, type ChartModel } from '../../../../renderer/src/components/series-chart/chart-model';
import { linearTicks, logTicks } from '../../../../renderer/src/components/series-chart/chart-ticks';

const model: ChartModel = {
  lines: [
    { key: 'a:raw', legendKey: 'a', color: '#000', dash: '', xs: [0, 10, 20], ys: [3, 50, 1], faint: true },
    { key: 'a:smoothed', legendKey: 'a', color: '#000', dash: '', xs: [0, 10, 20], ys: [3, 2.5, null] },
  ],
  bands: [{ key: 'g:band', legendKey: 'g', color: '#111', xs: [0, 20], lower: [0.5, null], upper: [4, null] }],
  markers: [{ key: 'a:markers', legendKey: 'a', color: '#000', xs: [25], kinds: ['nan'] }],
  legend: [
    { key: 'a', label: 'run "a", seed 1', color: '#000', dash: '' },
    { key: 'g', label: 'group g', color: '#111', dash: '' },
  ],
};

describe('series chart math', () => {
  it('maps values to pixels on linear and log axes, and cannot place x ≤ 0 on a log axis', () => {
    const linear = pixelScale([0, 100], 60, 1060, false);
    expect([linear(0), linear(50), linear(100)]).toEqual([60, 560, 1060]);
    const y = pixelScale([2, 4], 400, 0, false);
    expect(y(3)).toBe(200);
    const log = pixelScale([1, 1000], 0, 300, true);
    expect([log(1), log(10), log(1000)]).toEqual([0, 100, 300]);
    expect(log(0)).toBeNaN();
  });

  it('puts ticks on round values and powers of ten', () => {
    expect(linearTicks(0, 13_500, 6)).toEqual([0, 2500, 5000, 7500, 10_000, 12_500]);
    expect(linearTicks(2.25, 10.8, 6)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(logTicks(1e17, 1e21, 6)).toEqual([1e17, 1e18, 1e19, 1e20, 1e21]);
    expect(logTicks(2.2, 10.8, 5)).toEqual([4, 6, 8, 10]);
    expect(formatPowerOfTen(6.03e19)).toBe('6.03e19');
    expect(formatX('tokens', 2.48e9)).toBe('2.48B');
  });

  it('lists the value nearest the cursor, and sizes the y axis to what is visible and shown', () => {
    expect(valueNear(model.lines[1], 12)).toEqual({ x: 10, y: 2.5 });
    expect(valueNear(model.lines[1], 19)).toEqual({ x: 10, y: 2.5 });
    expect(visibleYRange(model, new Set(), 0, 20, false)).toEqual([0.5, 50]);
    expect(visibleYRange(model, new Set(['a']), 0, 20, false)).toEqual([0.5, 4]);
    expect(visibleYRange(model, new Set(['g']), 15, 20, false)).toEqual([1, 1]);
    // A range read back from a log axis, a rounding past its first point, still holds that point.
    expect(visibleYRange(model, new Set(['g']), 10.000000000000002, 20, false)).toEqual([1, 50]);
  });

  it('lists no value outside a line\'s span, and a diverged run as a row of its own, first', () => {
    expect(valueNear(model.lines[1], 21)).toBeNull();
    expect(valueNear(model.lines[1], -1)).toBeNull();
    // Run d diverges: finite values to x = 30, NaN at 40 and +Infinity at 50, nothing finite after.
    const diverging: ChartModel = {
      lines: [
        { key: 'd:raw', legendKey: 'd', color: '#d00', dash: '6 3', xs: [0, 10, 20, 30], ys: [4, 3, 2.5, 2.4] },
        { key: 'e:raw', legendKey: 'e', color: '#00d', dash: '', xs: [0, 30, 60], ys: [5, 3, 2] },
      ],
      bands: [],
      markers: [{ key: 'd:markers', legendKey: 'd', color: '#d00', xs: [15, 40, 50], kinds: ['nan', 'nan', 'inf'] }],
      legend: [
        { key: 'd', label: 'diverging', color: '#d00', dash: '6 3' },
        { key: 'e', label: 'healthy', color: '#00d', dash: '' },
      ],
    };
    // Before the divergence (and at the lone NaN at 15, which it recovered from) d has a value.
    expect(tooltipRows(diverging, new Set(), 15).map((r) => [r.label, r.y])).toEqual([
      ['healthy', 5],
      ['diverging', 3],
    ]);
    expect(tooltipRows(diverging, new Set(), 35).map((r) => r.label)).toEqual(['healthy']);
    const after = tooltipRows(diverging, new Set(), 55);
    expect(after.map((r) => [r.label, r.y, r.diverged?.kind, r.diverged?.x, r.dash])).toEqual([
      ['diverging', null, 'NaN', 40, '6 3'],
      ['healthy', 2, undefined, undefined, ''],
    ]);
    expect(tooltipRows(diverging, new Set(['d']), 55).map((r) => r.label)).toEqual(['healthy']);
  });

  it('exports every drawn value as CSV: raw, smoothed, markers and bands, quoted where needed', () => {
    const lines = chartCsv(model, 'step').trim().split('\n');
    expect(lines[0]).toBe('series,kind,step,y,lower,upper');
    expect(lines).toContain('"run ""a"", seed 1",raw,10,50,,');
    expect(lines).toContain('"run ""a"", seed 1",smoothed,20,,,');
    expect(lines).toContain('"run ""a"", seed 1",nan,25,NaN,,');
    expect(lines).toContain('group g,band,0,,0.5,4');
    expect(lines).toHaveLength(1 + 6 + 1 + 2);
  });
});
