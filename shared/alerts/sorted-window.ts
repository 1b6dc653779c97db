// The finite values among the last N points of a series, kept sorted as points come and go, so the
// median and the MAD (median absolute deviation) cost O(N) moves per point instead of a sort.

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
    this.head = (this.head + 1) % this.capacity;
    if (!Number.isNaN(value)) this.insert(value);
  }

  median(): number {
    const n = this.size;
    if (n === 0) return NaN;
    const s = this.sorted;
    return n % 2 === 1 ? s[(n - 1) >> 1]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  }

  /** The median of |x − center| over the window: walks outwards from center, the nearest values first. */
  medianAbsoluteDeviation(center: number): number {
    const n = this.size;
    if (n === 0) return NaN;
    const s = this.sorted;
    let right = this.lowerBound(center);
    let left = right - 1;
    const lowIndex = (n - 1) >> 1;
    const highIndex = n >> 1;
    let low = 0;
    for (let k = 0; k <= highIndex; k++) {
      const dl = left >= 0 ? center - s[left]! : Infinity;
      const dr = right < n ? s[right]! - center : Infinity;
      let d: number;
      if (dl <= dr) {
        d = dl;
        left--;
      } else {
        d = dr;
        right++;
      }
      if (k === lowIndex) low = d;
      if (k === highIndex) return (low + d) / 2;
    }
    return low;
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

  private insert(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at + 1, at, this.size);
    this.sorted[at] = value;
    this.size++;
  }

  private remove(value: number): void {
    const at = this.lowerBound(value);
    this.sorted.copyWithin(at, at + 1, this.size);
    this.size--;
  }
}
