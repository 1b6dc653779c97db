// The comparisons a person made lately, per lab store, remembered on this machine (localStorage): each is
// the Compare page's route parameters as last left (runs, metrics, x axis, zoom, smoothing, view, …), one
// entry per set of runs, newest first. The Compare page reopens the newest when it is opened without runs
// (from the sidebar, say), and lists them all. The route stays the one place the page's state lives: this
// only keeps copies of it, so a general "return to the page as it was left" mechanism composes with it.
import { useSyncExternalStore } from 'react';

export const MAX_RECENT_COMPARISONS = 8;
const KEY_PREFIX = 'tessera.recent-comparisons:';

export interface RecentComparison {
  /** The Compare route's query string, e.g. `runs=r-1,r-2&x=tokens&smooth=0.6`. */
  params: string;
  /** The runs compared, in the order they were chosen. */
  runIds: string[];
  /** What a person recognises it by: the runs' labels and the metrics. */
  label: string;
  /** When it was last left, ISO time. */
  savedAt: string;
}

const runSet = (runIds: readonly string[]) => [...runIds].sort().join(',');

function isRecent(value: unknown): value is RecentComparison {
  const v = value as Partial<RecentComparison> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.params === 'string' &&
    typeof v.label === 'string' &&
    typeof v.savedAt === 'string' &&
    Array.isArray(v.runIds) &&
    v.runIds.length > 0 &&
    v.runIds.every((id) => typeof id === 'string')
  );
}

/** The list as stored; entries that are not comparisons (an older format, a hand edit) are left out. */
export function parseRecent(text: string | null): RecentComparison[] {
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter(isRecent).slice(0, MAX_RECENT_COMPARISONS) : [];
  } catch {
    return [];
  }
}

const within = (a: readonly string[], b: readonly string[]) => a.every((id) => b.includes(id));

/**
 * The list with `entry` first, at most MAX_RECENT_COMPARISONS long. It replaces the entry for the same
 * runs, and the newest entry when it only adds runs to it or drops some (the comparison being worked on,
 * not another one).
 */
export function withRecent(list: readonly RecentComparison[], entry: RecentComparison): RecentComparison[] {
  const key = runSet(entry.runIds);
  const newest = list[0];
  const edited = newest !== undefined && (within(newest.runIds, entry.runIds) || within(entry.runIds, newest.runIds));
  const rest = (edited ? list.slice(1) : list).filter((e) => runSet(e.runIds) !== key);
  return [entry, ...rest].slice(0, MAX_RECENT_COMPARISONS);
}

const listeners = new Set<() => void>();
const cache = new Map<string, { text: string | null; list: RecentComparison[] }>();

function read(storeKey: string): RecentComparison[] {
  const text = window.localStorage.getItem(KEY_PREFIX + storeKey);
  const cached = cache.get(storeKey);
  if (cached && cached.text === text) return cached.list;
  const list = parseRecent(text);
  cache.set(storeKey, { text, list });
  return list;
}

export function rememberComparison(storeKey: string, entry: RecentComparison): void {
  const next = withRecent(read(storeKey), entry);
  try {
    window.localStorage.setItem(KEY_PREFIX + storeKey, JSON.stringify(next));
  } catch {
    // A full or disabled storage loses the list, not the comparison on screen.
    return;
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another window of the app on the same machine changed it.
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

const NONE: RecentComparison[] = [];

/** The recent comparisons of a store, newest first; none until the store is known. */
export function useRecentComparisons(storeKey: string | null): RecentComparison[] {
  return useSyncExternalStore(subscribe, () => (storeKey ? read(storeKey) : NONE));
}
