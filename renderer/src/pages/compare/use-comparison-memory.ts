// Keeps the Compare page's state across pages: each comparison is remembered as it is left (its route,
// written at every change: a few hundred bytes of local storage), and the page opened without runs —
// from the sidebar, say — reopens the newest one instead of an empty page.
import { useEffect, useRef } from 'react';
import { useApiQuery } from '../../api/use-api';
import { updateParams } from '../../app/router';
import { rememberComparison, useRecentComparisons, type RecentComparison } from './recent-comparisons';

export function comparisonLabel(runIds: readonly string[], labels: ReadonlyMap<string, string>, metrics: readonly string[]): string {
  const names = runIds.slice(0, 2).map((id) => labels.get(id) ?? id);
  const more = runIds.length > 2 ? ` +${runIds.length - 2} more` : '';
  return `${names.join(', ')}${more}${metrics.length > 0 ? ` · ${metrics.join(', ')}` : ''}`;
}

export function useComparisonMemory(params: URLSearchParams, runIds: readonly string[], label: string): { storeKey: string | null; recent: RecentComparison[] } {
  const info = useApiQuery('getAppInfo', {});
  const storeKey = info.data?.storeUrl ?? null;
  const recent = useRecentComparisons(storeKey);
  const query = params.toString();
  const hasRuns = runIds.length > 0;
  const runList = runIds.join(',');

  // Opened without runs: the newest comparison of this store, once the store is known.
  const arrivedEmpty = useRef(!hasRuns);
  useEffect(() => {
    if (!arrivedEmpty.current || storeKey === null) return;
    arrivedEmpty.current = false;
    const newest = recent[0];
    if (!hasRuns && newest) updateParams(Object.fromEntries(new URLSearchParams(newest.params)));
  }, [storeKey, recent, hasRuns]);

  useEffect(() => {
    if (storeKey !== null && hasRuns) rememberComparison(storeKey, { params: query, runIds: runList.split(','), label, savedAt: new Date().toISOString() });
  }, [storeKey, query, runList, hasRuns, label]);

  return { storeKey, recent };
}
