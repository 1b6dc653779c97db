// shared/series smoothEma, step by step and resumable: a chart that opens one bucket of a smoothed series
// restarts the average from the state saved at the bucket's first point instead of from the run's start.
// It performs the same operations in the same order as smoothEma (a test holds them bit-identical).

export class ResumableEma {
  /** The running average before debiasing, and how many finite values it has seen. */
  last = 0;
  seen = 0;

  /** From this many values on, w^k < 2^-55 and 1 − w^k is exactly 1: the division (and Math.pow) can go. */
  private readonly settledAfter: number;

  constructor(
    private readonly weight: number,
    /** smoothEma returns a constant series unchanged; the caller knows whether the whole series is. */
    private readonly constant: boolean,
  ) {
    let k = 1;
    if (weight > 0) while (Math.pow(weight, k) >= 2 ** -55) k *= 2;
    // Math.pow(w, k) falls with k: the first k below the bound is between k/2 and k.
    let lo = weight > 0 ? k / 2 : 0;
    while (lo < k) {
      const mid = Math.floor((lo + k) / 2);
      if (Math.pow(weight, mid) < 2 ** -55) k = mid;
      else lo = mid + 1;
    }
    this.settledAfter = k;
  }

  resumeAt(last: number, seen: number): void {
    this.last = last;
    this.seen = seen;
  }

  next(y: number): number {
    if (this.constant || !Number.isFinite(y)) return y;
    const w = this.weight;
    this.last = this.last * w + (1 - w) * y;
    this.seen++;
    if (this.seen >= this.settledAfter) return this.last;
    return this.last / (1 - Math.pow(w, this.seen));
  }
}

/** smoothEma's test for a series it leaves untouched: every value equals the first. */
export function isConstantSeries(values: Float64Array, length: number): boolean {
  const first = values[0];
  for (let i = 1; i < length; i++) if (values[i] !== first) return false;
  return true;
}
