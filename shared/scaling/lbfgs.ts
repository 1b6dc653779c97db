// Limited-memory BFGS (Nocedal & Wright, Algorithm 7.5) with a strong-Wolfe line search.
// One minimizer instance owns all work arrays, so thousands of multi-start runs allocate nothing per iteration.
import { wolfeLineSearch, type ObjectiveWithGradient, type WolfeOptions } from './wolfe-line-search';

export interface LbfgsOptions {
  /** Stop when max |∇f| ≤ gradientTolerance. */
  gradientTolerance?: number;
  /** Stop when an iteration lowers f by no more than functionTolerance·|f| + absoluteFunctionTolerance. */
  functionTolerance?: number;
  absoluteFunctionTolerance?: number;
  /** Stop when no coordinate moves by more than stepTolerance·(1 + max |x|). */
  stepTolerance?: number;
  maxIterations?: number;
  lineSearch?: WolfeOptions;
}

export type LbfgsStatus = 'gradient' | 'function' | 'step' | 'maxIterations' | 'lineSearch' | 'nonFinite';

export interface LbfgsResult {
  value: number;
  iterations: number;
  evaluations: number;
  status: LbfgsStatus;
  /** A stopping test was met (gradient, function change, step, or no decrease possible at a near-stationary point). */
  converged: boolean;
  gradientNorm: number;
}

export class LbfgsMinimizer {
  private readonly s: Float64Array;
  private readonly y: Float64Array;
  private readonly rho: Float64Array;
  private readonly coef: Float64Array;
  private readonly g: Float64Array;
  private readonly d: Float64Array;
  private readonly xTrial: Float64Array;
  private readonly gTrial: Float64Array;

  constructor(
    readonly dimension: number,
    readonly memory = 10,
  ) {
    this.s = new Float64Array(memory * dimension);
    this.y = new Float64Array(memory * dimension);
    this.rho = new Float64Array(memory);
    this.coef = new Float64Array(memory);
    this.g = new Float64Array(dimension);
    this.d = new Float64Array(dimension);
    this.xTrial = new Float64Array(dimension);
    this.gTrial = new Float64Array(dimension);
  }

  /** Minimizes f starting from x; x is overwritten with the best point found. */
  minimize(f: ObjectiveWithGradient, x: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
    const n = this.dimension;
    if (x.length !== n) throw new Error(`L-BFGS: start point has ${x.length} coordinates, expected ${n}`);
    const gtol = options.gradientTolerance ?? 1e-9;
    const ftol = options.functionTolerance ?? 1e-14;
    const fAbs = options.absoluteFunctionTolerance ?? 0;
    const xtol = options.stepTolerance ?? 1e-14;
    const maxIterations = options.maxIterations ?? 1000;
    const { s, y, rho, g, d, xTrial, gTrial } = this;
    const m = this.memory;

    let fx = f(x, g);
    let evaluations = 1;
    if (!Number.isFinite(fx)) {
      return { value: fx, iterations: 0, evaluations, status: 'nonFinite', converged: false, gradientNorm: NaN };
    }
    let stored = 0;
    let newest = -1;
    let iterations = 0;
    let status: LbfgsStatus = 'maxIterations';

    while (iterations < maxIterations) {
      if (maxAbs(g) <= gtol) {
        status = 'gradient';
        break;
      }
      this.twoLoopDirection(stored, newest);
      let slope0 = dot(g, d);
      if (!(slope0 < 0)) {
        stored = 0;
        for (let i = 0; i < n; i++) d[i] = -g[i]!;
        slope0 = dot(g, d);
      }
      let initialStep = stored === 0 ? Math.min(1, 1 / Math.sqrt(-slope0)) : 1;
      let search = wolfeLineSearch(f, x, fx, slope0, d, initialStep, xTrial, gTrial, options.lineSearch);
      evaluations += search.evaluations;
      if (search.status === 'failed' && stored > 0) {
        // The quasi-Newton model went stale: forget it and try steepest descent once.
        stored = 0;
        for (let i = 0; i < n; i++) d[i] = -g[i]!;
        slope0 = dot(g, d);
        initialStep = Math.min(1, 1 / Math.sqrt(-slope0));
        search = wolfeLineSearch(f, x, fx, slope0, d, initialStep, xTrial, gTrial, options.lineSearch);
        evaluations += search.evaluations;
      }
      if (search.status === 'failed') {
        status = 'lineSearch';
        break;
      }
      iterations++;

      newest = (newest + 1) % m;
      const off = newest * n;
      let sy = 0;
      let yy = 0;
      let maxStep = 0;
      let maxX = 0;
      for (let i = 0; i < n; i++) {
        const si = xTrial[i]! - x[i]!;
        const yi = gTrial[i]! - g[i]!;
        s[off + i] = si;
        y[off + i] = yi;
        sy += si * yi;
        yy += yi * yi;
        maxStep = Math.max(maxStep, Math.abs(si));
        maxX = Math.max(maxX, Math.abs(xTrial[i]!));
      }
      if (sy > 1e-300 && yy > 0) {
        rho[newest] = 1 / sy;
        stored = Math.min(m, stored + 1);
      } else {
        // Curvature pair unusable (Armijo-only step): drop it. Its slot held the oldest pair, now overwritten.
        newest = (newest - 1 + m) % m;
        if (stored === m) stored = m - 1;
      }
      const fPrevious = fx;
      fx = search.value;
      x.set(xTrial);
      g.set(gTrial);

      if (fPrevious - fx <= ftol * Math.max(Math.abs(fPrevious), Math.abs(fx)) + fAbs) {
        status = 'function';
        break;
      }
      if (maxStep <= xtol * (1 + maxX)) {
        status = 'step';
        break;
      }
    }
    const gradientNorm = maxAbs(g);
    if (status === 'maxIterations' && gradientNorm <= gtol) status = 'gradient';
    // After a steepest-descent retry, a line search that finds no decrease at a near-stationary
    // point means f cannot be lowered in working precision: that is convergence, not failure.
    const converged =
      status === 'gradient' ||
      status === 'function' ||
      status === 'step' ||
      (status === 'lineSearch' && gradientNorm <= 1e4 * gtol);
    return { value: fx, iterations, evaluations, status, converged, gradientNorm };
  }

  /** d = −H·g from the stored curvature pairs (two-loop recursion). */
  private twoLoopDirection(stored: number, newest: number): void {
    const { s, y, rho, coef, g, d } = this;
    const n = this.dimension;
    const m = this.memory;
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    if (stored === 0) return;
    for (let k = 0; k < stored; k++) {
      const j = (newest - k + m) % m;
      const off = j * n;
      let sd = 0;
      for (let i = 0; i < n; i++) sd += s[off + i]! * d[i]!;
      const c = rho[j]! * sd;
      coef[j] = c;
      for (let i = 0; i < n; i++) d[i] = d[i]! - c * y[off + i]!;
    }
    const offNewest = newest * n;
    let yy = 0;
    for (let i = 0; i < n; i++) yy += y[offNewest + i]! * y[offNewest + i]!;
    const gamma = 1 / (rho[newest]! * yy);
    for (let i = 0; i < n; i++) d[i] = d[i]! * gamma;
    for (let k = stored - 1; k >= 0; k--) {
      const j = (newest - k + m) % m;
      const off = j * n;
      let yd = 0;
      for (let i = 0; i < n; i++) yd += y[off + i]! * d[i]!;
      const beta = rho[j]! * yd;
      const c = coef[j]! - beta;
      for (let i = 0; i < n; i++) d[i] = d[i]! + c * s[off + i]!;
    }
  }
}

/** Convenience wrapper for a single minimization. */
export function minimizeLbfgs(
  f: ObjectiveWithGradient,
  start: ArrayLike<number>,
  options: LbfgsOptions & { memory?: number } = {},
): LbfgsResult & { x: Float64Array } {
  const x = Float64Array.from(start);
  const result = new LbfgsMinimizer(x.length, options.memory ?? 10).minimize(f, x, options);
  return { ...result, x };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}
