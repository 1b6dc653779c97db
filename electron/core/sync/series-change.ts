// What the point writer tells the work that must stay in step with the points (series-hooks.ts lists
// who that is): kept apart from that list, so the hooks can take these types without importing it.
import type Database from 'better-sqlite3';
import type { RunStatus } from '../store/parse-run-status';

/** The points a flush wrote, in step order (NaN for a NaN value or a missing time). */
export interface AppendedPoints {
  length: number;
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  times: ArrayLike<number>;
}

/** What a flush did to one series, as the writer knows it without reading anything back. */
export interface SeriesChange {
  key: string;
  /** The series' points after the flush. */
  pointCount: number;
  /** Exactly the points from `fromStep` on, when the writer kept them (series a hook asked for, no restart). */
  appended?: AppendedPoints;
  /** A NaN or ±Infinity was written. */
  nonFiniteWritten: boolean;
  /** Points that were there before were superseded or replaced (a restart, a repeated step). */
  rewound: boolean;
}

/** Points of `seriesPk` with step ≥ `fromStep` were written or superseded. */
export type SeriesAppendedHook = (sqlite: Database.Database, seriesPk: number, fromStep: number, change: SeriesChange) => void;
/** The series and all its points are gone (its run left the store, or its file was rewritten). */
export type SeriesRemovedHook = (sqlite: Database.Database, seriesPk: number) => void;

/** A run's status was written; `before` is the state it had. */
export type RunStatusHook = (sqlite: Database.Database, runPk: number, before: string | null, status: RunStatus | null) => void;
