// A least-recently-used map bounded by the bytes of what it holds.
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  set(key: string, value: V, bytes: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.bytes;
    }
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    this.evict(key);
  }

  /** An entry grew by `bytes`: older entries make room for it. */
  grow(key: string, bytes: number): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.bytes += bytes;
    this.bytes += bytes;
    this.evict(key);
  }

  private evict(keep: string): void {
    for (const [oldest, entry] of this.entries) {
      if (this.bytes <= this.budget || oldest === keep) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }

  getOrMake(key: string, make: () => V, bytesOf: (value: V) => number): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const made = make();
    this.set(key, made, bytesOf(made));
    return made;
  }
}
