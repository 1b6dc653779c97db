// What the last "Sync now" did, in words, wherever it was started (the Sync page, the palette): the
// mutation is keyed by its method, so the sidebar and the Sync page read its outcome after the
// palette that started it has closed.
import { useMutationState } from '@tanstack/react-query';
import type { SyncProgressInfo } from '../../../../shared/api/app-methods';
import type { ApiCallError } from '../../api/use-api';

export interface SyncNowOutcome {
  status: 'pending' | 'success' | 'error';
  /** When the user asked (ms since the epoch). */
  askedAt: number;
  text: string;
}

function clock(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}

/** "Synced at 14:02:11 in 1.3 s: 3 new runs, 5 updated", "… nothing new in the store", or why it failed. */
export function describeSyncResult(result: SyncProgressInfo): string {
  if (result.lastError) return `Sync failed: ${result.lastError}`;
  const seconds = result.startedAt && result.finishedAt ? (Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000 : null;
  const took = seconds !== null && seconds >= 0 ? ` in ${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s` : '';
  const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;
  const changes =
    result.runsNew + result.runsUpdated === 0
      ? 'nothing new in the store'
      : [result.runsNew > 0 && plural(result.runsNew, 'new run', 'new runs'), result.runsUpdated > 0 && plural(result.runsUpdated, 'run updated', 'runs updated')]
          .filter(Boolean)
          .join(', ');
  return `Synced at ${clock(result.finishedAt)}${took}: ${changes}.`;
}

/** The outcome of the latest "Sync now" of this window, or null when none was asked for. */
export function useLastSyncNow(): SyncNowOutcome | null {
  const states = useMutationState({ filters: { mutationKey: ['syncNow'] }, select: (mutation) => mutation.state });
  const last = states.at(-1);
  if (!last || last.status === 'idle') return null;
  const askedAt = last.submittedAt;
  if (last.status === 'pending') return { status: 'pending', askedAt, text: 'Syncing…' };
  if (last.status === 'error') return { status: 'error', askedAt, text: `Sync failed: ${(last.error as ApiCallError | null)?.message ?? 'unknown error'}` };
  const result = last.data as SyncProgressInfo;
  return { status: result.lastError ? 'error' : 'success', askedAt, text: describeSyncResult(result) };
}
