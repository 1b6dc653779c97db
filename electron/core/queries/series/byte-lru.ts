// The chart caches' name for the one LRU (shared/collections) bounded by bytes. Kept as a name only while
// the point storage is rewritten around its two callers; they take LruCache directly afterwards.
import { LruCache } from '../../../../shared/collections/lru-cache';

export class ByteLru<V> extends LruCache<string, V> {
  constructor(budgetBytes: number) {
    super({ capacity: budgetBytes });
  }
}
