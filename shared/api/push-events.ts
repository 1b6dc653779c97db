// What the core pushes to every open UI: data changed (react-query invalidates), sync progress.
import type { SyncProgressInfo } from './app-methods';

export type PushEvent =
  | {
      type: 'data-changed';
      scopes: DataScope[];
      at: string;
      /** The runs whose description, status or points changed; absent when not known (then any run may have). */
      runIds?: string[];
    }
  | { type: 'sync-progress'; progress: SyncProgressInfo }
  | { type: 'task-progress'; task: string; done: number; total: number }
  /** A sync pass found new alerts; each client asks `listAlerts` for those of its person (ids say nothing private). */
  | { type: 'alerts-fired'; ids: number[]; at: string };

/** Which cached queries a change affects; the client invalidates queries tagged with these. */
export const DATA_SCOPES = ['runs', 'metrics', 'ablations', 'proposals', 'team', 'events', 'issues', 'settings', 'alerts'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];
