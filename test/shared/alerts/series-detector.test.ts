import { describe, expect, it } from 'vitest';
import { DETECTOR_THRESHOLDS } from '../../../shared/alerts/alert-rules';
import { LossSeriesDetector, NonFiniteRule, replayPointsFor, type SeriesFinding } from '../../../shared/alerts/series-detector';
import { SortedWindow } from '../../../shared/alerts/sorted-window';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { quantile } from '../../../shared/stats/quantile';
import { injectedCurve, type CurveSpec } from '../../helpers/injected-curves';

function detect(points: Array<[number, number]>): SeriesFinding[] {
  const loss = new LossSeriesDetector();
  const nonFinite = new NonFiniteRule();
  const found: SeriesFinding[] = [];
  for (const [step, value] of points) {
    const n = nonFinite.push(step, value);
    if (n) found.push(n);
    found.push(...(loss.push(step, value) ?? []));
  }
  return found;
}

const rulesAt = (found: SeriesFinding[]) => found.map((f) => `${f.rule}@${f.step}`);

describe('SortedWindow', () => {
  it('gives the median and quartiles of the finite values among the last N points, as a sort would', () => {
    const random = createSeededRandom(3).next;
    const window = new SortedWindow(9);
    const history: number[] = [];
    for (let i = 0; i < 400; i++) {
      const value = random() < 0.1 ? NaN : Math.round(random() * 20) / 4;
      window.push(value);
      history.push(value);
      const finite = history.slice(-9).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      const med = (xs: number[]) => (xs.length % 2 ? xs[(xs.length - 1) / 2]! : (xs[xs.length / 2 - 1]! + xs[xs.length / 2]!) / 2);
      if (finite.length === 0) continue;
      const m = med(finite);
      expect(window.median()).toBe(m);
      for (const p of [0.25, 0.75]) expect(window.quantile(p)).toBeCloseTo(quantile(finite, p), 12);
    }
  });
});

describe('series detectors', () => {
  const healthy: Array<[string, CurveSpec]> = [
    ['smooth', { seed: 1, points: 3000, every: 10, noise: 0.01, drift: 0.006 }],
    ['noisy', { seed: 2, points: 3000, every: 10, noise: 0.08 }],
    ['very noisy with drift', { seed: 3, points: 3000, every: 1, noise: 0.15, drift: 0.03 }],
    ['short', { seed: 4, points: 60, every: 100, noise: 0.02 }],
  ];
  it.each(healthy)('stay quiet on a healthy %s curve', (_name, spec) => {
    expect(rulesAt(detect(injectedCurve(spec)))).toEqual([]);
  });

  it('find NaN at the first NaN step, once while it lasts, and again after it recovered', () => {
    const curve = injectedCurve({ seed: 5, points: 600, every: 10, noise: 0.02, nanFrom: 2000, nanUntil: 2500 });
    curve.push(...injectedCurve({ seed: 6, points: 100, every: 10, noise: 0.02, nanFrom: 0 }).map(([s, v]): [number, number] => [s + 6000, v]));
    expect(rulesAt(detect(curve))).toEqual(['non-finite@2000', 'non-finite@6000']);
  });

  it('find a spike at its step, count a decaying spike once, and call a third within the window a storm', () => {
    const spikes = [3000, 3800, 4500].map((step) => ({ step, amplitude: 0.3, decayPoints: 4 }));
    const found = detect(injectedCurve({ seed: 7, points: 1000, every: 10, noise: 0.02, drift: 0.006, spikes }));
    expect(rulesAt(found)).toEqual(['spike@3000', 'spike@3800', 'spike@4500', 'spike-storm@4500']);
    const storm = found.find((f) => f.rule === 'spike-storm')!;
    expect(storm.detail.fromStep).toBe(3000);
    const first = found[0]!;
    expect(first.value).toBeGreaterThan(first.threshold!);
    expect(first.threshold!).toBeGreaterThan(first.level!);
  });

  it('do not call spikes further apart than the window a storm, nor their decay a divergence', () => {
    const spikes = [2000, 8000, 14000].map((step) => ({ step, amplitude: 0.3, decayPoints: 3 }));
    // Over many noise draws: a climb test that compared the level a few points back with the
    // stretch's lowest level by a quarter of the margin took the noise for a climb in 31 of 200.
    for (let seed = 1; seed <= 60; seed++) {
      expect(rulesAt(detect(injectedCurve({ seed, points: 2000, every: 10, noise: 0.02, spikes }))), `seed ${seed}`).toEqual(['spike@2000', 'spike@8000', 'spike@14000']);
    }
  });

  it('find an exponential climb before it turns NaN, and a slow linear one, with the step it began', () => {
    const fast = detect(injectedCurve({ seed: 9, points: 800, every: 25, noise: 0.01, drift: 0.006, climb: { fromStep: 10000, start: 0.02, tauPoints: 2 }, nanFrom: 10300 }));
    const divergence = fast.find((f) => f.rule === 'divergence')!;
    expect(divergence.step).toBeLessThan(10300);
    expect(divergence.detail.fromStep).toBeGreaterThanOrEqual(10000 - 3 * 25);
    expect(rulesAt(fast).filter((r) => !r.startsWith('spike'))).toEqual([`divergence@${divergence.step}`, 'non-finite@10300']);
    const slow = detect(injectedCurve({ seed: 10, points: 1500, every: 10, noise: 0.02, climb: { fromStep: 8000, start: 0, perPoint: 0.004 } }));
    expect(rulesAt(slow).filter((r) => r.startsWith('divergence'))).toHaveLength(1);
    const climb = slow.find((f) => f.rule === 'divergence')!;
    expect(climb.step).toBeGreaterThan(8000);
    expect(climb.step).toBeLessThan(8000 + 60 * 10);
  });

  it('find from the last replayPointsFor() points exactly what the whole history finds', () => {
    const replay = replayPointsFor();
    expect(replay).toBeGreaterThan(2 * DETECTOR_THRESHOLDS.storm.withinPoints);
    const spikes = [5000, 5600, 6100, 9000, 9300, 9900, 12000].map((step) => ({ step, amplitude: 0.25, decayPoints: 3 }));
    const curve = injectedCurve({ seed: 11, points: 2400, every: 5, noise: 0.03, drift: 0.01, spikes, nanFrom: 11000, nanUntil: 11200, climb: { fromStep: 11800, start: 0.01, tauPoints: 20 } });
    const whole = detect(curve);
    expect(whole.length).toBeGreaterThan(4);
    for (const cut of [700, 1100, 1300, 1900, 2300]) {
      const loss = new LossSeriesDetector();
      const nonFinite = new NonFiniteRule();
      for (const [step, value] of curve.slice(Math.max(0, cut - replay), cut)) {
        nonFinite.push(step, value);
        loss.push(step, value);
      }
      const found: SeriesFinding[] = [];
      for (const [step, value] of curve.slice(cut)) {
        const n = nonFinite.push(step, value);
        if (n) found.push(n);
        found.push(...(loss.push(step, value) ?? []));
      }
      expect(found, `cut at point ${cut}`).toEqual(whole.filter((f) => f.step >= curve[cut]![0]));
    }
  });
});
