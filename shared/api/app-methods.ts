// Methods about the app itself: what it is connected to, sync state and issues.
import { z } from 'zod';
import { defineMethod } from './define-method';

export interface AppInfo {
  version: string;
  storeName: string;
  storeUrl: string;
  isDemo: boolean;
  dbFile: string;
  canWrite: boolean;
  /** Why nothing can be written from here (a read-only server, a viewer's token); null when it can. */
  readOnlyReason: string | null;
  /**
   * Why the sources, SSH key and trusted hosts (the Settings page) cannot be changed from here though
   * the team's record can: a person's token on a team server started without --allow-setup. null otherwise.
   */
  setupLockedReason: string | null;
  /**
   * Who a team server knows you to be from your token: every write is theirs, and the app shows them
   * instead of a "Who am I" choice. `person` null: the room display's shared token, which names nobody.
   * null where each window says who it is (the desktop app on its own store, `serve` without --users).
   */
  signedIn: { person: string | null } | null;
  transport: 'ipc' | 'http';
  lastSyncAt: string | null;
}

export interface SyncProgressInfo {
  running: boolean;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  runsNew: number;
  runsUpdated: number;
  startedAt: string | null;
  finishedAt: string | null;
  lastError: string | null;
}

export interface SyncIssueRow {
  path: string;
  line: number | null;
  code: string;
  message: string;
  expected: string | null;
  seenAt: string;
}

export interface CacheCounts {
  runs: number;
  points: number;
  proposals: number;
  ablations: number;
  events: number;
  issues: number;
}

export const appMethods = {
  getAppInfo: defineMethod<AppInfo>()({ input: z.object({}).strict() }),
  getCacheCounts: defineMethod<CacheCounts>()({ input: z.object({}).strict() }),
  getSyncProgress: defineMethod<SyncProgressInfo>()({ input: z.object({}).strict() }),
  syncNow: defineMethod<SyncProgressInfo>()({ input: z.object({}).strict(), writes: true }),
  listSyncIssues: defineMethod<{ total: number; issues: SyncIssueRow[] }>()({
    input: z
      .object({
        path: z.string().max(4096).optional(),
        limit: z.number().int().min(1).max(5000).default(500),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
  }),
};
