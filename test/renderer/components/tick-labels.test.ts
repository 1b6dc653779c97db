// The tick-label rule of every axis: labels state their ticks exactly and never repeat, whatever the
// range — including the review's axis that once read "−0.01, −0.01, −0.01, ±0.00" — on the tick
// generators the app's charts use (the scaling and review frame, the series chart, linear and log).
import { describe, expect, it } from 'vitest';
import { axisTicks as seriesTicks } from '../../../renderer/src/components/series-chart/chart-ticks';
import { formatY } from '../../../renderer/src/components/series-chart/chart-format';
import { significant, tickDigits, tickFormatter, tickLabels } from '../../../renderer/src/components/tick-labels';
import { axisLabels, axisTicks as frameTicks } from '../../../renderer/src/components/scaling-charts/chart-frame';
import { signed } from '../../../renderer/src/pages/review/review-format';
import { formatFactor } from '../../../renderer/src/components/scaling-charts/scaling-format';
import { createSeededRandom } from '../../../shared/random/seeded-random';

/** The number a label writes, whatever the sign characters, unit and separators around it. */
const valueOf = (label: string) => Number(label.replace('−', '-').replace('±', '').replace('+', '').replace(/[×%,\s]/g, ''));

function expectExactAndDistinct(ticks: readonly number[], labels: readonly string[]) {
  expect(new Set(labels).size).toBe(labels.length);
  const span = Math.max(...ticks) - Math.min(...ticks) || 1;
  labels.forEach((label, i) => expect(Math.abs(valueOf(label) - ticks[i]!)).toBeLessThanOrEqual(1e-9 * span));
}

describe('tick labels', () => {
  it('writes the review axis that repeated itself with the decimals its ticks need', () => {
    const ticks = [-0.0125, -0.01, -0.0075, -0.005, -0.0025, 0, 0.0025];
    const labels = tickLabels(ticks, 'decimals', signed, 2);
    expect(labels).toEqual(['−0.0125', '−0.0100', '−0.0075', '−0.0050', '−0.0025', '±0.0000', '+0.0025']);
    // Wide enough ticks keep the axis's own minimum.
    expect(tickLabels([-0.1, 0, 0.1], 'decimals', signed, 2)).toEqual(['−0.10', '±0.00', '+0.10']);
  });

  it('states every tick exactly and distinctly over 2,000 random ranges of the charts’ tick generators', () => {
    const rng = createSeededRandom(9);
    for (let k = 0; k < 2000; k++) {
      // Any range that spans at least a millionth of its centre (a loss near 2.5 zoomed to ±1e-6 still does).
      const center = (rng.next() - 0.5) * 10 ** (rng.index(12) - 6);
      const width = Math.max(10 ** (rng.index(10) - 7) * (0.5 + rng.next()), 1e-6 * Math.abs(center));
      const lo = center - width * rng.next();
      const hi = lo + width;
      const linear = frameTicks({ scale: 'linear', domain: [lo, hi], label: '' });
      if (linear.length > 1) {
        expectExactAndDistinct(linear, tickLabels(linear, 'decimals', signed, 2));
        expectExactAndDistinct(linear, axisLabels({ scale: 'linear', domain: [lo, hi], label: '' }, linear));
      }
      const series = seriesTicks([lo, hi], false, 3 + rng.index(6));
      if (series.length > 1) {
        const format = tickFormatter(series, 'significant', formatY, 3);
        expectExactAndDistinct(series, series.map(format));
      }
      // A log axis: powers of ten over wide ranges, round values within a decade (the multiplier chart).
      const a = 10 ** (rng.next() * 4 - 2);
      const b = a * 10 ** (0.05 + rng.next() * 3);
      const log = frameTicks({ scale: 'log', domain: [a, b], label: '' });
      if (log.length > 1) {
        const labels = axisLabels({ scale: 'log', domain: [a, b], label: '', format: formatFactor }, log);
        expectExactAndDistinct(log, labels);
      }
    }
  });

  it('needs no more digits than the step: 2.25, 2.5, 2.75 in three significant digits', () => {
    expect(tickDigits([2.25, 2.5, 2.75, 3], 'significant')).toBe(3);
    expect(tickLabels([2.25, 2.5, 2.75, 3], 'significant', significant)).toEqual(['2.25', '2.5', '2.75', '3']);
    expect(tickLabels([0.9995, 1, 1.0005], 'significant', formatFactor)).toEqual(['0.9995×', '1×', '1.0005×']);
  });
});
