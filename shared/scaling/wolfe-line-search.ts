// Line search satisfying the strong Wolfe conditions (Nocedal & Wright, Algorithms 3.5 and 3.6):
//   f(x + t·d) ≤ f(x) + c1·t·∇f(x)·d          (sufficient decrease)
//   |∇f(x + t·d)·d| ≤ c2·|∇f(x)·d|            (curvature)
// Steps inside a bracket are chosen by safeguarded cubic interpolation.

/** Writes ∇f(x) into `gradient` and returns f(x). Must not keep references to its arguments. */
export type ObjectiveWithGradient = (x: Float64Array, gradient: Float64Array) => number;

export interface WolfeOptions {
  c1?: number;
  c2?: number;
  maxEvaluations?: number;
  maxStep?: number;
}

export interface LineSearchResult {
  /** 'wolfe': both strong Wolfe conditions hold; 'armijo': only sufficient decrease (evaluation budget ran out); 'failed': no decrease found. */
  status: 'wolfe' | 'armijo' | 'failed';
  step: number;
  value: number;
  /** Directional derivative ∇f(x + step·d)·d. */
  slope: number;
  evaluations: number;
}

interface Probe {
  t: number;
  f: number;
  df: number;
}

/**
 * Searches along `direction` from `x` (value `fx`, directional derivative `slope0 < 0`).
 * On return with status 'wolfe' or 'armijo', `xTrial`/`gTrial` hold the accepted point and its gradient.
 */
export function wolfeLineSearch(
  f: ObjectiveWithGradient,
  x: Float64Array,
  fx: number,
  slope0: number,
  direction: Float64Array,
  initialStep: number,
  xTrial: Float64Array,
  gTrial: Float64Array,
  options: WolfeOptions = {},
): LineSearchResult {
  const c1 = options.c1 ?? 1e-4;
  const c2 = options.c2 ?? 0.9;
  const maxEvaluations = options.maxEvaluations ?? 40;
  const maxStep = options.maxStep ?? 1e20;
  const n = x.length;
  let evaluations = 0;

  const probe = (t: number): Probe => {
    for (let i = 0; i < n; i++) xTrial[i] = x[i]! + t * direction[i]!;
    const value = f(xTrial, gTrial);
    let df = 0;
    for (let i = 0; i < n; i++) df += gTrial[i]! * direction[i]!;
    evaluations++;
    return { t, f: Number.isFinite(value) ? value : Infinity, df: Number.isFinite(df) ? df : NaN };
  };
  const sufficientDecrease = (p: Probe) => p.f <= fx + c1 * p.t * slope0;
  const curvature = (p: Probe) => Math.abs(p.df) <= -c2 * slope0;
  const done = (status: LineSearchResult['status'], p: Probe): LineSearchResult => ({
    status,
    step: p.t,
    value: p.f,
    slope: p.df,
    evaluations,
  });

  const zoom = (lo: Probe, hi: Probe): LineSearchResult => {
    while (evaluations < maxEvaluations) {
      const width = Math.abs(hi.t - lo.t);
      if (width <= 1e-16 * Math.max(lo.t, hi.t)) break;
      const p = probe(interpolateStep(lo, hi));
      if (!sufficientDecrease(p) || p.f >= lo.f) {
        hi = p;
      } else {
        if (curvature(p)) return done('wolfe', p);
        if (p.df * (hi.t - lo.t) >= 0) hi = lo;
        lo = p;
      }
    }
    if (lo.t > 0 && lo.f < fx) return done('armijo', probe(lo.t));
    return { status: 'failed', step: 0, value: fx, slope: slope0, evaluations };
  };

  let previous: Probe = { t: 0, f: fx, df: slope0 };
  let t = Math.min(initialStep, maxStep);
  for (let i = 0; evaluations < maxEvaluations; i++) {
    const p = probe(t);
    if (!sufficientDecrease(p) || (i > 0 && p.f >= previous.f)) return zoom(previous, p);
    if (curvature(p)) return done('wolfe', p);
    if (p.df >= 0) return zoom(p, previous);
    if (t >= maxStep) return done('armijo', p);
    previous = p;
    t = Math.min(maxStep, 4 * t);
  }
  if (previous.t > 0) return done('armijo', probe(previous.t));
  return { status: 'failed', step: 0, value: fx, slope: slope0, evaluations };
}

/** Minimizer of the cubic through both probes, kept at least 10 % of the bracket away from its ends. */
function interpolateStep(lo: Probe, hi: Probe): number {
  const a = lo.t;
  const b = hi.t;
  const left = Math.min(a, b);
  const width = Math.abs(b - a);
  const guardLo = left + 0.1 * width;
  const guardHi = left + 0.9 * width;
  if (Number.isFinite(hi.f) && Number.isFinite(hi.df)) {
    const d1 = lo.df + hi.df - 3 * (lo.f - hi.f) / (a - b);
    const radicand = d1 * d1 - lo.df * hi.df;
    if (radicand >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(radicand);
      const t = b - (b - a) * (hi.df + d2 - d1) / (hi.df - lo.df + 2 * d2);
      if (Number.isFinite(t)) return Math.min(guardHi, Math.max(guardLo, t));
    }
  }
  // Overflow or no real cubic minimizer: retreat towards the good end.
  return Number.isFinite(hi.f) ? 0.5 * (a + b) : a + 0.1 * (b - a);
}
