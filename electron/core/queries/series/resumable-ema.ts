// shared/series smoothEma, step by step and resumable: a chart that opens one bucket of a smoothed series
// restarts the average from the state saved at the bucket's first point instead of from the run's start.
// It performs the same operations in the same order as smoothEma (a test holds them bit-identical).

export class ResumableEma {
  /** The running average before debiasing, and how many finite values it has seen. */
  last = 0;
  seen = 0;

  constructor(
    private readonly weight: number,
    /** smoothEma returns a constant series unchanged; the caller knows whether the whole series is. */
    private readonly constant: boolean,
  ) {}

  resumeAt(last: number, seen: number): void {
    this.last = last;
    this.seen = seen;
  }

  next(y: number): number {
    if (this.constant || !Number.isFinite(y)) return y;
    const w = this.weight;
    this.last = this.last * w + (1 - w) * y;
    this.seen++;
    return this.last / (1 - Math.pow(w, this.seen));
  }
}

/** smoothEma's test for a series it leaves untouched: every value equals the first. */
export function isConstantSeries(values: Float64Array, length: number): boolean {
  const first = values[0];
  for (let i = 1; i < length; i++) if (values[i] !== first) return false;
  return true;
}
