// A fit shown at once without intervals, then again with them when its bootstrap (run in the
// core's compute worker) is done; progress from task-progress push events, and cancellation.
// Switching to another fit, or leaving the page, cancels a bootstrap still running for this one.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../../../shared/api/contract';
import { apiClient } from '../../api/api-client';
import { callOrThrow, useApiQuery } from '../../api/use-api';

type BootstrappedMethod = 'getScalingFit' | 'getAblationScaling';

export interface BootstrapState {
  /** Resamples done and asked for while running; null when no bootstrap is running. */
  progress: { done: number; total: number } | null;
  running: boolean;
  cancel(): void;
  rerun(): void;
}

export function useTaskProgress(task: string): { done: number; total: number } | null {
  const [progress, setProgress] = useState<{ task: string; done: number; total: number } | null>(null);
  useEffect(
    () =>
      apiClient.onEvent((event) => {
        if (event.type === 'task-progress' && event.task === task) setProgress({ task, done: event.done, total: event.total });
      }),
    [task],
  );
  return progress && progress.task === task ? { done: progress.done, total: progress.total } : null;
}

export function useBootstrapped<K extends BootstrappedMethod>(method: K, input: InputOf<K>, resamples: number, task: string, enabled: boolean) {
  const queryClient = useQueryClient();
  const plain = useApiQuery(method, { ...input, bootstrap: 0 } as InputOf<K>, { enabled });
  const bootInput = { ...input, bootstrap: resamples } as InputOf<K>;
  const [declined, setDeclined] = useState<Set<string>>(() => new Set());
  const wanted = enabled && resamples > 0 && !declined.has(task) && plain.isSuccess;
  const boot = useApiQuery(method, bootInput, { enabled: wanted, staleTime: Infinity });
  const progress = useTaskProgress(task);

  // A bootstrap nobody waits for any more (another fit was picked, or the view closed) is cancelled.
  const previous = useRef<{ task: string; fetching: boolean } | null>(null);
  useEffect(() => {
    const before = previous.current;
    if (before && before.task !== task && before.fetching) void callOrThrow('cancelTask', { task: before.task }).catch(() => {});
    previous.current = { task, fetching: boot.isFetching };
  }, [task, boot.isFetching]);
  useEffect(
    () => () => {
      const last = previous.current;
      if (last?.fetching) void callOrThrow('cancelTask', { task: last.task }).catch(() => {});
    },
    [],
  );

  const cancel = useCallback(() => {
    setDeclined((d) => new Set(d).add(task));
    void callOrThrow('cancelTask', { task }).catch(() => {});
  }, [task]);
  const rerun = () => {
    queryClient.removeQueries({ queryKey: [method, bootInput] });
    setDeclined((d) => {
      const next = new Set(d);
      next.delete(task);
      return next;
    });
  };

  const running = boot.isFetching;
  const bootstrap: BootstrapState = { progress: running ? progress : null, running, cancel, rerun };
  return { plain, boot, bootstrap };
}
