// The one LRU cache: recency, capacities 0 and 1, byte budgets, growth, pinned entries, bad weights.
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../shared/collections/lru-cache';

const keys = <V>(cache: LruCache<string, V>, all: string[]) => all.filter((k) => cache.has(k));

describe('LruCache', () => {
  it('drops the least recently used entry first, a read counting as a use', () => {
    const cache = new LruCache<string, number>({ capacity: 3 });
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1);
    cache.set('d', 4);
    expect(keys(cache, ['a', 'b', 'c', 'd'])).toEqual(['a', 'c', 'd']);
    expect([...cache.values()]).toEqual([3, 1, 4]);
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
  });

  it('setting a key again replaces its value and weight and makes it the newest', () => {
    const cache = new LruCache<string, string>({ capacity: 10 });
    cache.set('a', 'x', 4);
    cache.set('b', 'y', 4);
    cache.set('a', 'z', 2);
    expect(cache.weight).toBe(6);
    expect([...cache.values()]).toEqual(['y', 'z']);
  });

  it('with capacity 1 holds only the newest entry', () => {
    const cache = new LruCache<string, number>({ capacity: 1 });
    cache.set('a', 1);
    cache.set('b', 2);
    expect(keys(cache, ['a', 'b'])).toEqual(['b']);
  });

  it('with capacity 0 keeps the newest entry only until the next one arrives', () => {
    const cache = new LruCache<string, number>({ capacity: 0 });
    cache.set('a', 1);
    // A read right after the write finds it.
    expect(cache.get('a')).toBe(1);
    cache.set('b', 2);
    expect(keys(cache, ['a', 'b'])).toEqual(['b']);
    cache.trim();
    expect(cache.size).toBe(0);
    expect(cache.weight).toBe(0);
  });

  it('bounds the bytes of what it holds, keeping one entry larger than the whole budget while it is the newest', () => {
    const cache = new LruCache<string, string>({ capacity: 100 });
    cache.set('a', 'A', 40);
    cache.set('b', 'B', 40);
    cache.set('c', 'C', 30);
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['b', 'c']);
    expect(cache.weight).toBe(70);
    cache.set('huge', 'H', 500);
    expect(keys(cache, ['b', 'c', 'huge'])).toEqual(['huge']);
    expect(cache.weight).toBe(500);
    cache.set('d', 'D', 1);
    expect(keys(cache, ['huge', 'd'])).toEqual(['d']);
  });

  it('makes room for an entry that grows from entries used less recently only', () => {
    const cache = new LruCache<string, string>({ capacity: 100 });
    cache.set('old', 'o', 30);
    cache.set('mid', 'm', 30);
    cache.set('new', 'n', 30);
    cache.grow('mid', 30);
    // 'old' goes; 'new' was used more recently than 'mid' and stays although the total is still over.
    expect(keys(cache, ['old', 'mid', 'new'])).toEqual(['mid', 'new']);
    expect(cache.weight).toBe(90);
    cache.grow('missing', 10);
    expect(cache.weight).toBe(90);
  });

  it('getOrMake makes a missing value once, with its weight, and returns the held one after', () => {
    const cache = new LruCache<string, number[]>({ capacity: 1000 });
    let made = 0;
    const make = () => {
      made++;
      return [1, 2, 3];
    };
    const first = cache.getOrMake('k', make, (v) => v.length * 8);
    expect(cache.getOrMake('k', make, (v) => v.length * 8)).toBe(first);
    expect(made).toBe(1);
    expect(cache.weight).toBe(24);
  });

  it('skips pinned entries until they are unpinned and trimmed', () => {
    const running = new Set(['a']);
    const cache = new LruCache<string, string>({ capacity: 2, isPinned: (v) => running.has(v) });
    cache.set('a', 'a');
    cache.set('b', 'b');
    cache.set('c', 'c');
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    cache.set('d', 'd');
    // Over capacity: 'a' is pinned and 'd' is the newest.
    expect(keys(cache, ['a', 'c', 'd'])).toEqual(['a', 'd']);
    running.delete('a');
    cache.set('e', 'e');
    expect(keys(cache, ['a', 'd', 'e'])).toEqual(['d', 'e']);
    cache.set('f', 'f');
    expect(cache.size).toBe(2);
  });

  it('trim evicts what a pin held back once it is gone', () => {
    const running = new Set(['a', 'b']);
    const cache = new LruCache<string, string>({ capacity: 1, isPinned: (v) => running.has(v) });
    cache.set('a', 'a');
    cache.set('b', 'b');
    cache.set('c', 'c');
    expect(cache.size).toBe(3);
    running.clear();
    cache.trim();
    expect(keys(cache, ['a', 'b', 'c'])).toEqual(['c']);
  });

  it('deletes by key and keeps its weight right', () => {
    const cache = new LruCache<string, number>({ capacity: 10 });
    cache.set('a', 1, 3);
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.weight).toBe(0);
  });

  it('refuses a negative, NaN or infinite capacity or weight', () => {
    expect(() => new LruCache({ capacity: -1 })).toThrow(/capacity must be 0 or more, got -1/);
    expect(() => new LruCache({ capacity: NaN })).toThrow(RangeError);
    const cache = new LruCache<string, number>({ capacity: 10 });
    expect(() => cache.set('a', 1, -2)).toThrow(/weight must be a finite number ≥ 0, got -2/);
    expect(() => cache.set('a', 1, NaN)).toThrow(RangeError);
    expect(() => cache.set('a', 1, Infinity)).toThrow(RangeError);
    cache.set('b', 2, 1);
    expect(() => cache.grow('b', -5)).toThrow(RangeError);
    expect(cache.weight).toBe(1);
  });
});
