// Keeps every open view current: "data changed" from the core invalidates the cached queries,
// sync progress feeds the progress bar.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SyncProgressInfo } from '../../../shared/api/app-methods';
import { apiClient } from './api-client';

export function useLiveUpdates(): SyncProgressInfo | null {
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<SyncProgressInfo | null>(null);
  useEffect(
    () =>
      apiClient.onEvent((event) => {
        if (event.type === 'data-changed') {
          if (typeof performance !== 'undefined') performance.mark('tessera:data-changed');
          void queryClient.invalidateQueries();
        } else if (event.type === 'sync-progress') {
          setProgress(event.progress);
        }
      }),
    [queryClient],
  );
  return progress;
}
