// Keeps every open view current: "data changed" from the core invalidates the cached queries it may
// have changed (shared/api/query-invalidation), and sync progress is kept for whoever shows it. While a
// long sync runs, the runs it has committed so far are listed as it goes (the runs list and the counts
// refetch every few seconds), not only at its end.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { SyncProgressInfo } from '../../../shared/api/app-methods';
import { answerMayChange } from '../../../shared/api/query-invalidation';
import { apiClient } from './api-client';
import { useApiQuery } from './use-api';

/** How often the runs list follows a running sync. */
const RUNS_REFRESH_MS = 3000;

let latest: SyncProgressInfo | null = null;
const listeners = new Set<() => void>();

function setLatest(progress: SyncProgressInfo): void {
  latest = progress;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Subscribes the window to the core's push events; the app shell calls it once. */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    let runsSeen = 0;
    let refreshedAt = 0;
    return apiClient.onEvent((event) => {
      if (event.type === 'data-changed') {
        if (typeof performance !== 'undefined') performance.mark('tessera:data-changed');
        void queryClient.invalidateQueries({ predicate: (query) => answerMayChange(query.queryKey[0], query.queryKey[1], event) });
      } else if (event.type === 'sync-progress') {
        setLatest(event.progress);
        const { running, runsNew, runsUpdated } = event.progress;
        const runs = runsNew + runsUpdated;
        if (!running) {
          runsSeen = 0;
        } else if (runs > runsSeen && Date.now() - refreshedAt >= RUNS_REFRESH_MS) {
          runsSeen = runs;
          refreshedAt = Date.now();
          void queryClient.invalidateQueries({ queryKey: ['listRuns'] });
          void queryClient.invalidateQueries({ queryKey: ['getCacheCounts'] });
        }
      }
    });
  }, [queryClient]);
}

/** The sync's progress: the latest pushed, or the core's answer until one is. */
export function useSyncProgress(): SyncProgressInfo | undefined {
  const pushed = useSyncExternalStore(subscribe, () => latest);
  const initial = useApiQuery('getSyncProgress', {});
  return pushed ?? initial.data;
}
