import { describe, expect, it } from 'vitest';
import { minimizeLbfgs, wolfeLineSearch, type ObjectiveWithGradient } from '../../../shared/scaling';

const rosenbrock: ObjectiveWithGradient = (x, g) => {
  let f = 0;
  g.fill(0);
  for (let i = 0; i < x.length - 1; i++) {
    const a = x[i + 1]! - x[i]! * x[i]!;
    const b = 1 - x[i]!;
    f += 100 * a * a + b * b;
    g[i] = g[i]! - 400 * x[i]! * a - 2 * b;
    g[i + 1] = g[i + 1]! + 200 * a;
  }
  return f;
};

describe('L-BFGS', () => {
  it('finds the minimum of the Rosenbrock valley in 2 and 20 dimensions', () => {
    for (const n of [2, 20]) {
      const start = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
      const result = minimizeLbfgs(rosenbrock, start, { gradientTolerance: 1e-10 });
      expect(result.converged).toBe(true);
      expect(result.value).toBeLessThan(1e-16);
      for (const xi of result.x) expect(xi).toBeCloseTo(1, 7);
    }
  });

  it('solves an ill-conditioned quadratic to its exact minimizer', () => {
    // f = Σ c_i (x_i − i)², condition number 1e6.
    const c = [1, 1e2, 1e4, 1e6];
    const f: ObjectiveWithGradient = (x, g) => {
      let v = 0;
      for (let i = 0; i < x.length; i++) {
        v += c[i]! * (x[i]! - i) ** 2;
        g[i] = 2 * c[i]! * (x[i]! - i);
      }
      return v;
    };
    const result = minimizeLbfgs(f, [10, 10, 10, 10], { gradientTolerance: 1e-9 });
    expect(result.status).toBe('gradient');
    result.x.forEach((xi, i) => expect(xi).toBeCloseTo(i, 8));
  });
});

describe('strong Wolfe line search', () => {
  it('returns a step satisfying sufficient decrease and the curvature condition', () => {
    const c1 = 1e-4;
    const c2 = 0.9;
    const x = Float64Array.from([-1.2, 1]);
    const g = new Float64Array(2);
    const fx = rosenbrock(x, g);
    const direction = Float64Array.from([-g[0]!, -g[1]!]);
    const slope0 = g[0]! * direction[0]! + g[1]! * direction[1]!;
    for (const initialStep of [1e-6, 1e-3, 1, 10]) {
      const xTrial = new Float64Array(2);
      const gTrial = new Float64Array(2);
      const r = wolfeLineSearch(rosenbrock, x, fx, slope0, direction, initialStep, xTrial, gTrial, { c1, c2 });
      expect(r.status).toBe('wolfe');
      expect(r.value).toBeLessThanOrEqual(fx + c1 * r.step * slope0);
      expect(Math.abs(r.slope)).toBeLessThanOrEqual(c2 * Math.abs(slope0));
      // The trial buffers hold the accepted point and its gradient.
      const gCheck = new Float64Array(2);
      expect(rosenbrock(xTrial, gCheck)).toBe(r.value);
      expect(xTrial[0]).toBeCloseTo(x[0]! + r.step * direction[0]!, 12);
      expect(Array.from(gTrial)).toEqual(Array.from(gCheck));
    }
  });

  it('backs off from trial steps where the objective is not finite', () => {
    // A bowl at 0.9 behind a wall: beyond x = 1 the objective overflows to Infinity.
    const walled: ObjectiveWithGradient = (x, g) => {
      g[0] = 2 * (x[0]! - 0.9);
      return x[0]! > 1 ? Infinity : (x[0]! - 0.9) ** 2;
    };
    const x = Float64Array.from([-10]);
    const g = new Float64Array(1);
    const fx = walled(x, g);
    const direction = Float64Array.from([1]);
    const xTrial = new Float64Array(1);
    const gTrial = new Float64Array(1);
    const r = wolfeLineSearch(walled, x, fx, g[0]!, direction, 1000, xTrial, gTrial);
    expect(r.status).toBe('wolfe');
    expect(Number.isFinite(r.value)).toBe(true);
    expect(xTrial[0]).toBeLessThanOrEqual(1);
    expect(r.value).toBeLessThan(fx);
  });
});
