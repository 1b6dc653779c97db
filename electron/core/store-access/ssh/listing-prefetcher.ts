// Lists sub-folders ahead of time over a high-latency link. The store walkers list one folder after
// another; over SFTP each listing costs several round trips, so a store of 1,000 runs would spend
// its no-op pass waiting. Once a folder is listed, its sub-folders are listed a few at a time in
// the background, and the walker's request takes that listing if it is recent. A failed or stale
// prefetch falls back to listing on the spot, so the walker never sees anything older than maxAgeMs.
import type { StoreEntry } from '../store-transport';

export interface ListingPrefetcherOptions {
  concurrency?: number;
  maxAgeMs?: number;
  /** Listings held at most; beyond this nothing more is fetched ahead. */
  maxHeld?: number;
  /** Sub-folders not worth listing ahead (artifacts can be huge and are never walked). */
  skip?: (name: string) => boolean;
}

const defaultSkip = (name: string) => name.startsWith('.') || name === 'artifacts';

interface Held {
  done: boolean;
  at: number;
  promise: Promise<StoreEntry[]>;
}

export class ListingPrefetcher {
  private readonly held = new Map<string, Held>();
  private readonly queue: string[] = [];
  private active = 0;

  constructor(
    private readonly listNow: (dir: string) => Promise<StoreEntry[]>,
    private readonly options: ListingPrefetcherOptions = {},
  ) {}

  async take(dir: string): Promise<StoreEntry[]> {
    const held = this.held.get(dir);
    if (held) {
      this.held.delete(dir);
      const maxAge = this.options.maxAgeMs ?? 10_000;
      try {
        const entries = await held.promise;
        if (held.done && Date.now() - held.at <= maxAge) return entries;
      } catch {
        // Listed again below.
      }
    }
    return this.listNow(dir);
  }

  /** Queues the sub-folders of `dir` (just listed as `entries`) for listing ahead. */
  ahead(dir: string, entries: readonly StoreEntry[]): void {
    const skip = this.options.skip ?? defaultSkip;
    for (const entry of entries) {
      if (entry.kind !== 'dir' || skip(entry.name)) continue;
      this.queue.push(dir === '' ? entry.name : `${dir}/${entry.name}`);
    }
    this.pump();
  }

  clear(): void {
    this.queue.length = 0;
    this.held.clear();
  }

  private pump(): void {
    const concurrency = this.options.concurrency ?? 16;
    const maxHeld = this.options.maxHeld ?? 4096;
    const maxAge = this.options.maxAgeMs ?? 10_000;
    const now = Date.now();
    for (const [dir, held] of this.held) if (held.done && now - held.at > maxAge) this.held.delete(dir);
    while (this.active < concurrency && this.queue.length > 0 && this.held.size < maxHeld) {
      const dir = this.queue.shift()!;
      if (this.held.has(dir)) continue;
      this.active++;
      const held: Held = { done: false, at: 0, promise: this.listNow(dir) };
      held.promise
        .then(
          () => {
            held.done = true;
            held.at = Date.now();
          },
          () => undefined,
        )
        .finally(() => {
          this.active--;
          this.pump();
        });
      this.held.set(dir, held);
    }
  }
}
