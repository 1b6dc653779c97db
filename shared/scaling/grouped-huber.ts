// Σ w_i · Huber_δ(p − y_i) over a group of observations that share one prediction p, in
// O(log m) instead of O(m). Runs of a lab share few (N, D) designs — the large demo lab fits 2,197
// runs at 24 — so a fit evaluates one prediction per design, not per run.
//
// Within a group the y_i are kept sorted with prefix sums of w and w·y. Huber is linear where
// |p − y| > δ, so both tails are closed forms in the prefix sums:
//   y < p − δ:  Σ w·δ·(p − y − δ/2) = δ·((p − δ/2)·W − WY),  d/dp = δ·W
//   y > p + δ:  Σ w·δ·(y − p − δ/2) = δ·(WY − (p + δ/2)·W),  d/dp = −δ·W
// and the few y within δ of p are summed one by one (quadratic part, exact). Values are centred
// on each group's mean, so the tails' differences lose no more precision than a plain sum.

/** Groups this small are summed directly: a binary search would cost more than it saves. */
const DIRECT_MAX = 8;

export class GroupedHuberSums {
  readonly groups: number;
  /** Start of each group in sorted order (length groups + 1). */
  readonly groupStart: Int32Array;
  /** Observation index at each sorted position. */
  private readonly order: Int32Array;
  /** y − the group's centre, by sorted position. */
  private readonly y: Float64Array;
  /** Each group's centre (the mean of its y): for a group of one, its y. */
  readonly center: Float64Array;
  /** Weights by sorted position. */
  readonly w: Float64Array;
  private readonly cumW: Float64Array;
  private readonly cumWY: Float64Array;
  /** d/dp of the last `sum`. */
  slope = 0;

  /**
   * `group[i]` is observation i's group (0 … groups − 1), `y[i]` its value (log L); weights
   * start at 1 each until `setWeights`.
   */
  constructor(
    group: ArrayLike<number>,
    groups: number,
    y: ArrayLike<number>,
    readonly delta: number,
  ) {
    const n = group.length;
    this.groups = groups;
    this.groupStart = new Int32Array(groups + 1);
    for (let i = 0; i < n; i++) this.groupStart[group[i]! + 1]!++;
    for (let g = 0; g < groups; g++) this.groupStart[g + 1]! += this.groupStart[g]!;
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => group[a]! - group[b]! || y[a]! - y[b]!);
    this.order = Int32Array.from(order);
    this.center = new Float64Array(groups);
    for (let g = 0; g < groups; g++) {
      let s = 0;
      for (let k = this.groupStart[g]!; k < this.groupStart[g + 1]!; k++) s += y[order[k]!]!;
      this.center[g] = s / Math.max(1, this.groupStart[g + 1]! - this.groupStart[g]!);
    }
    this.y = Float64Array.from(order, (i) => y[i]! - this.center[group[i]!]!);
    this.w = new Float64Array(n).fill(1);
    this.cumW = new Float64Array(n + 1);
    this.cumWY = new Float64Array(n + 1);
    this.accumulate();
  }

  /** Weight of each observation, by observation index (bootstrap multiplicities times base weights). */
  setWeights(weight: ArrayLike<number>): void {
    for (let k = 0; k < this.order.length; k++) this.w[k] = weight[this.order[k]!]!;
    this.accumulate();
  }

  private accumulate(): void {
    const { w, y, cumW, cumWY } = this;
    for (let k = 0; k < w.length; k++) {
      cumW[k + 1] = cumW[k]! + w[k]!;
      cumWY[k + 1] = cumWY[k]! + w[k]! * y[k]!;
    }
  }

  /** Σ w over group g. */
  weightOf(g: number): number {
    return this.cumW[this.groupStart[g + 1]!]! - this.cumW[this.groupStart[g]!]!;
  }

  /** Σ w·Huber_δ(p − y) over group g; its derivative in p is left in `slope`. p must be finite. */
  sum(g: number, p: number): number {
    const { y, w, delta } = this;
    const lo = this.groupStart[g]!;
    const hi = this.groupStart[g + 1]!;
    const q = p - this.center[g]!;
    if (hi - lo <= DIRECT_MAX) {
      let value = 0;
      let slope = 0;
      for (let k = lo; k < hi; k++) {
        const r = q - y[k]!;
        const d = huberSlope(r, delta);
        value += w[k]! * d * (r - 0.5 * d);
        slope += w[k]! * d;
      }
      this.slope = slope;
      return value;
    }
    const i1 = firstAtLeast(y, lo, hi, q - delta);
    let i2 = i1;
    let value = 0;
    let slope = 0;
    while (i2 < hi && y[i2]! <= q + delta) {
      const r = q - y[i2]!;
      value += 0.5 * w[i2]! * r * r;
      slope += w[i2]! * r;
      i2++;
    }
    const { cumW, cumWY } = this;
    const wBelow = cumW[i1]! - cumW[lo]!;
    const wAbove = cumW[hi]! - cumW[i2]!;
    value += delta * ((q - 0.5 * delta) * wBelow - (cumWY[i1]! - cumWY[lo]!));
    value += delta * (cumWY[hi]! - cumWY[i2]! - (q + 0.5 * delta) * wAbove);
    this.slope = slope + delta * (wBelow - wAbove);
    return value;
  }
}

/**
 * Huber's derivative, r clamped to [−δ, δ]; with d = huberSlope(r, δ), Huber_δ(r) = d·(r − d/2):
 * r²/2 within δ, δ·(|r| − δ/2) beyond.
 */
export function huberSlope(r: number, delta: number): number {
  return r > delta ? delta : r < -delta ? -delta : r;
}

/** First index in [lo, hi) of ascending `values` with values[k] ≥ x (hi when none). */
function firstAtLeast(values: Float64Array, lo: number, hi: number, x: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (values[m]! < x) a = m + 1;
    else b = m;
  }
  return a;
}
