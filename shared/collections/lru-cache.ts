// The one least-recently-used cache: decoded chart chunks and smoothed lines bounded by their bytes,
// fits and bootstraps bounded by their count. Each entry has a weight (1 unless given, bytes for a
// byte budget); when the entries weigh more than the capacity, the least recently used go first.
// Two rules keep a cache from dropping what its owner is still using:
// - the entry just set (or grown) is never evicted by its own arrival, so a read right after a write
//   finds it even when it alone is over the capacity; it goes when a newer entry needs the room;
// - a pinned entry (`isPinned`, e.g. a computation still running) is skipped until it is unpinned and
//   the owner calls `trim()`.

export interface LruCacheOptions<V> {
  /** The most the entries may weigh together: their count, or their bytes when set with weights. */
  capacity: number;
  /** An entry that must stay whatever its age. */
  isPinned?: (value: V) => boolean;
}

interface Entry<V> {
  value: V;
  weight: number;
}

export class LruCache<K, V> {
  private readonly entries = new Map<K, Entry<V>>();
  private total = 0;
  private readonly capacity: number;
  private readonly isPinned: (value: V) => boolean;

  constructor(options: LruCacheOptions<V>) {
    if (!(options.capacity >= 0)) throw new RangeError(`LruCache: capacity must be 0 or more, got ${options.capacity}`);
    this.capacity = options.capacity;
    this.isPinned = options.isPinned ?? (() => false);
  }

  /** How many entries are held. */
  get size(): number {
    return this.entries.size;
  }

  /** What the entries weigh together. */
  get weight(): number {
    return this.total;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The value, now the most recently used. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Sets the value as the most recently used, then makes room for it. */
  set(key: K, value: V, weight = 1): void {
    checkWeight(weight);
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.weight;
    }
    this.entries.set(key, { value, weight });
    this.total += weight;
    this.evict(key);
  }

  /** The value, made and set when missing. */
  getOrMake(key: K, make: () => V, weightOf: (value: V) => number = () => 1): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const made = make();
    this.set(key, made, weightOf(made));
    return made;
  }

  /** An entry grew by `extra` (a cache of chunks that read more): entries used less recently make room. */
  grow(key: K, extra: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    checkWeight(entry.weight + extra);
    entry.weight += extra;
    this.total += extra;
    this.evict(key);
  }

  delete(key: K): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.entries.delete(key);
    this.total -= entry.weight;
    return true;
  }

  /** Evicts what is over the capacity now (after pinned entries were unpinned). */
  trim(): void {
    this.evict(undefined);
  }

  /** Values from the least to the most recently used, without touching their recency. */
  *values(): IterableIterator<V> {
    for (const entry of this.entries.values()) yield entry.value;
  }

  /** Least recently used first, stopping at `keep`: only entries used less recently than it make room for it. */
  private evict(keep: K | undefined): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.capacity || key === keep) return;
      if (this.isPinned(entry.value)) continue;
      this.entries.delete(key);
      this.total -= entry.weight;
    }
  }
}

function checkWeight(weight: number): void {
  if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`LruCache: an entry's weight must be a finite number ≥ 0, got ${weight}`);
}
