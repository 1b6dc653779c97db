// The finite values among the last N points of a series, kept sorted as points come and go, so the
// median and quartiles cost a few moves per point instead of a sort.
import { quantileSorted } from '../stats/quantile';

export class SortedWindow {
  /** The last `capacity` points in arrival order; NaN where the point was not finite. */
  private readonly ring: Float64Array;
  private readonly sorted: Float64Array;
  private head = 0;
  private filled = 0;
  /** How many finite values the window holds. */
  size = 0;

  constructor(readonly capacity: number) {
    this.ring = new Float64Array(capacity);
    this.sorted = new Float64Array(capacity);
  }

  /** Adds the newest point (NaN for a non-finite one), dropping the oldest when full. */
  push(value: number): void {
    if (this.filled === this.capacity) {
      const oldest = this.ring[this.head]!;
      if (!Number.isNaN(oldest)) this.remove(oldest);
    } else {
      this.filled++;
    }
    this.ring[this.head] = value;
    if (++this.head === this.capacity) this.head = 0;
    if (!Number.isNaN(value)) this.insert(value);
  }

  median(): number {
    const n = this.size;
    if (n === 0) return NaN;
    const s = this.sorted;
    return n % 2 === 1 ? s[(n - 1) >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  }

  /** The p-quantile of the window's finite values (linear between order statistics, as NumPy's default). */
  quantile(p: number): number {
    return quantileSorted(this.sorted, p, this.size);
  }

  /** The median of the finite values among the newest `count` points (NaN when fewer than `atLeast`). */
  recentMedian(count: number, atLeast: number, scratch: Float64Array): number {
    let m = 0;
    for (let k = 1; k <= Math.min(count, this.filled); k++) {
      const v = this.ring[(this.head - k + this.capacity) % this.capacity]!;
      if (Number.isNaN(v)) continue;
      // Insertion sort: a handful of values.
      let j = m++;
      while (j > 0 && scratch[j - 1]! > v) {
        scratch[j] = scratch[j - 1]!;
        j--;
      }
      scratch[j] = v;
    }
    if (m < atLeast || m === 0) return NaN;
    return m % 2 === 1 ? scratch[(m - 1) >> 1]! : (scratch[m / 2 - 1]! + scratch[m / 2]!) / 2;
  }

  private lowerBound(value: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sorted[mid]! < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // Plain loops: for a few dozen values they beat copyWithin's call.
  private insert(value: number): void {
    const s = this.sorted;
    let j = this.size++;
    while (j > 0 && s[j - 1]! > value) {
      s[j] = s[j - 1]!;
      j--;
    }
    s[j] = value;
  }

  private remove(value: number): void {
    const s = this.sorted;
    const n = --this.size;
    for (let j = this.lowerBound(value); j < n; j++) s[j] = s[j + 1]!;
  }
}
