// What one sync pass did, for the CLI (--json), the UI's "data changed" push and the tests.
import type { SyncIssue } from '../store/sync-issue';

export interface SyncChanges {
  /** Ids of runs whose description, status or points changed (new ones included). */
  runs: string[];
  removedRuns: string[];
  proposals: string[];
  ablations: string[];
  events: string[];
  team: boolean;
  /** Whether sync issues were added or cleared. */
  issues: boolean;
}

export interface SyncTotals {
  runs: number;
  points: number;
  proposals: number;
  ablations: number;
  events: number;
  issues: number;
}

export interface SyncSummary {
  runs: { new: number; updated: number; removed: number };
  /** Points written this pass (inserted or replaced). */
  points: number;
  /** Proposals, ablations and events added, changed or removed this pass. */
  proposals: number;
  ablations: number;
  events: number;
  /** Every sync issue the cache now holds, by path then line. */
  issues: SyncIssue[];
  /** The cache after the pass. */
  totals: SyncTotals;
  changed: SyncChanges;
  filesScanned: number;
  bytesRead: number;
  durationMs: number;
  /** Whether metrics were parsed by the worker thread (passes with much to read) or in the sync thread. */
  parsedInWorker?: boolean;
  /** Ids of the alerts this pass found (electron/core/alerts). */
  alerts: number[];
}

/** Whether the pass changed anything a view shows. */
export function syncChangedAnything(changes: SyncChanges): boolean {
  return (
    changes.runs.length > 0 ||
    changes.removedRuns.length > 0 ||
    changes.proposals.length > 0 ||
    changes.ablations.length > 0 ||
    changes.events.length > 0 ||
    changes.team ||
    changes.issues
  );
}

/** Collects what a pass changed while it runs. */
export class SyncTally {
  readonly newRuns = new Set<string>();
  readonly updatedRuns = new Set<string>();
  readonly removedRuns = new Set<string>();
  readonly proposals = new Set<string>();
  readonly ablations = new Set<string>();
  readonly events = new Set<string>();
  team = false;
  issues = false;
  points = 0;
  bytesRead = 0;

  runChanged(id: string): void {
    if (!this.newRuns.has(id)) this.updatedRuns.add(id);
  }

  changes(): SyncChanges {
    return {
      runs: [...new Set([...this.newRuns, ...this.updatedRuns])].filter((id) => !this.removedRuns.has(id)).sort(),
      removedRuns: [...this.removedRuns].sort(),
      proposals: [...this.proposals].sort(),
      ablations: [...this.ablations].sort(),
      events: [...this.events].sort(),
      team: this.team,
      issues: this.issues,
    };
  }
}
