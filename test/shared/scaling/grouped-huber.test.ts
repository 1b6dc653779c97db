// The grouped Huber sum against the plain one, observation by observation: same value and slope
// for groups of every size, weights (bootstrap multiplicities, zeros included) and predictions in
// every region (below, within and above δ of the values), and the Chinchilla objective built on it
// agrees with the objective written out run by run.
import { describe, expect, it } from 'vitest';
import { syntheticGridObservations, type ChinchillaParams } from '../../../shared/scaling';
import { ChinchillaObjective } from '../../../shared/scaling/chinchilla-objective';
import { GroupedHuberSums } from '../../../shared/scaling/grouped-huber';
import { createSeededRandom } from '../../../shared/random/seeded-random';
import { CHINCHILLA, gridD, gridN } from './chinchilla-fixture';

function plainHuber(r: number, delta: number): number {
  return Math.abs(r) <= delta ? 0.5 * r * r : delta * (Math.abs(r) - 0.5 * delta);
}

describe('GroupedHuberSums', () => {
  it('gives the plain sum and its derivative for random groups, weights and predictions', () => {
    const rng = createSeededRandom(7);
    for (let trial = 0; trial < 200; trial++) {
      const delta = [1e-3, 1e-2, 0.1][trial % 3]!;
      const groups = 1 + rng.index(6);
      const n = groups + rng.index(60);
      const group = Array.from({ length: n }, (_, i) => (i < groups ? i : rng.index(groups)));
      // Values cluster around a group level with spreads from far below to far above δ.
      const level = Array.from({ length: groups }, () => 1 + rng.next());
      const spread = [1e-4, 1e-3, 1e-2, 0.3][rng.index(4)]!;
      const y = group.map((g) => level[g]! + spread * rng.normal());
      const weight = group.map(() => (rng.next() < 0.3 ? 0 : rng.index(4)));
      const sums = new GroupedHuberSums(group, groups, y, delta);
      sums.setWeights(weight);
      for (let g = 0; g < groups; g++) {
        const members = group.flatMap((h, i) => (h === g ? [i] : []));
        for (const offset of [-10 * spread, -delta, -0.5 * delta, 0, 0.3 * delta, delta, 2 * spread, 10 * spread]) {
          const p = level[g]! + offset;
          const expected = members.reduce((s, i) => s + weight[i]! * plainHuber(p - y[i]!, delta), 0);
          const got = sums.sum(g, p);
          expect(got).toBeCloseTo(expected, 12);
          const slope = sums.slope;
          const h = 1e-7;
          const numeric = (members.reduce((s, i) => s + weight[i]! * plainHuber(p + h - y[i]!, delta), 0) - members.reduce((s, i) => s + weight[i]! * plainHuber(p - h - y[i]!, delta), 0)) / (2 * h);
          expect(slope).toBeCloseTo(numeric, 5);
          expect(sums.weightOf(g)).toBe(members.reduce((s, i) => s + weight[i]!, 0));
        }
      }
    }
  });
});

describe('the Chinchilla objective over shared designs', () => {
  it('equals the run-by-run Huber sum, with repeated designs and bootstrap weights', () => {
    const base = syntheticGridObservations({ params: CHINCHILLA, N: gridN(5), D: gridD(4), noise: 0.02, seed: 3 });
    // Three seeds of every design, and some designs once: groups of 1 and of 3.
    const runs = [...base, ...base.slice(0, 12).map((o, i) => ({ ...o, id: `${o.id}-b`, L: o.L * (1 + 0.01 * ((i % 5) - 2)) })), ...base.slice(0, 12).map((o) => ({ ...o, id: `${o.id}-c`, L: o.L * 0.995 }))];
    const objective = new ChinchillaObjective([{ N: runs.map((o) => o.N), D: runs.map((o) => o.D), L: runs.map((o) => o.L), weight: runs.map(() => 1) }], 1e-3, null);
    const rng = createSeededRandom(11);
    const multiplicity = runs.map(() => rng.index(3));
    objective.setMultiplicity(multiplicity);
    const p: ChinchillaParams = { E: 1.6, A: 380, B: 450, alpha: 0.33, beta: 0.29 };
    const x = objective.toInternal([{ a: Math.log(p.A), b: Math.log(p.B), alpha: p.alpha, beta: p.beta }], Math.log(p.E), new Float64Array(objective.dimension));
    const gradient = new Float64Array(objective.dimension);
    const value = objective.huberSum(objective.evaluate(x, gradient));
    const expected = runs.reduce((s, o, i) => {
      const r = Math.log(p.E + p.A / o.N ** p.alpha + p.B / o.D ** p.beta) - Math.log(o.L);
      return s + multiplicity[i]! * plainHuber(r, 1e-3);
    }, 0);
    expect(value).toBeCloseTo(expected, 10);
    // The gradient against central differences of the objective itself.
    for (let j = 0; j < objective.dimension; j++) {
      const step = 1e-6;
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[j]! += step;
      minus[j]! -= step;
      const scratch = new Float64Array(objective.dimension);
      const numeric = (objective.evaluate(plus, scratch) - objective.evaluate(minus, scratch)) / (2 * step);
      expect(gradient[j]).toBeCloseTo(numeric, 5);
    }
  });
});
