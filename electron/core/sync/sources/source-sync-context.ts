// What one pass over a TensorBoard, MLflow or W&B source shares, and what each format supplies: its
// runs, each with the files whose records become points (streams) and the facts that become its
// run.json. The lab store's writers do the writing (StoreEntityWriter, RunMetricsWriter, SyncFileStore).
import type Database from 'better-sqlite3';
import type { FactValue, FieldMapping, SourceFormat, SourceRunFacts } from '../../sources/field-mapping';
import type { MetricPoint, MetricPurge, SourceIssue, SourceListingEntry } from '../../sources/source-types';
import type { RunStatus } from '../../store/parse-run-status';
import type { SyncIssue } from '../../store/sync-issue';
import type { StoreEntityWriter } from '../store-entity-writer';
import type { StoreTransport } from '../../store-access/store-transport';
import type { SyncFileRow, SyncFileStore } from '../sync-file-rows';
import type { SyncProgressTracker } from '../sync-progress';
import type { SyncTally } from '../sync-summary';

/** Resume state of one stream file, kept in sync_files.state_json beside its offset. */
export interface StreamRowState {
  /** The run the file belongs to. */
  run: string;
  /** The format reader's cursor. */
  cursor: unknown;
  /** TensorBoard: the HParams session start found in this file, the run's only params. */
  session?: { hparams: Record<string, FactValue>; groupName?: string; startTimeSecs?: number };
}

/** Turns a stream's bytes into points, from a saved cursor. */
export interface SourceStreamReader {
  push(chunk: Uint8Array): { points: MetricPoint[]; issues: SourceIssue[]; purges?: MetricPurge[] };
  /** File offset of the first byte not yet consumed (the end of the last whole record or line). */
  readonly offset: number;
  /** Whole lines consumed, for text formats (0 otherwise). */
  readonly lineNo: number;
  state(): Omit<StreamRowState, 'run'>;
}

/** The sync_files kinds whose rows are a source run's streams. */
export const SOURCE_STREAM_KINDS = ['tensorboard-events', 'mlflow-metrics', 'wandb-records', 'mlflow-sqlite-run'] as const;
export type SourceStreamKind = (typeof SOURCE_STREAM_KINDS)[number];

export function isSourceStreamKind(kind: string): kind is SourceStreamKind {
  return (SOURCE_STREAM_KINDS as readonly string[]).includes(kind);
}

export interface SourceRunPlan {
  id: string;
  /** Where the run's own issues (its mapped fields) are listed. */
  issuePath: string;
  /** Files holding its points, in the order their records merge (TensorBoard: oldest file first). */
  streams: SourceListingEntry[];
  streamKind: SourceStreamKind;
  /**
   * What a value at a step already logged means. 'restart' (the lab store's rule, TensorBoard, W&B): the
   * run went back to a checkpoint, and what it logged from that step on is superseded. 'every-entry'
   * (MLflow): nothing is superseded; every entry is kept for export and the chart shows, per step, the
   * entry logged last by timestamp.
   */
  history?: 'restart' | 'every-entry';
  openStream(file: string, saved: StreamRowState | null): SourceStreamReader;
  /** What the run is, given its streams' saved states (TensorBoard hparams live in the events). */
  facts(states: ReadonlyMap<string, StreamRowState>): SourceRunFacts;
  /** How the run is doing, when the source says (MLflow and W&B do, TensorBoard does not). */
  status?(lastTimeSeconds: number | null, states: ReadonlyMap<string, StreamRowState>): RunStatus;
}

/** What a format makes of one listing: its runs, and for a format whose points are not in stream files, how to read them. */
export interface SourcePlan {
  runs: SourceRunPlan[];
  /** Reads points not held in stream files (an MLflow SQLite store), once the runs' records are written. */
  readPoints?(): Promise<void>;
  /** Lets go of what the plan holds open. */
  close?(): void;
}

export interface CachedSourceRun {
  pk: number;
  rawJson: string;
  /** The source's fields of the run before mapping, as last written. */
  fieldsJson: string | null;
}

export interface SourceSyncContext {
  sqlite: Database.Database;
  transport: StoreTransport;
  format: SourceFormat;
  mapping: FieldMapping;
  files: SyncFileStore;
  entities: StoreEntityWriter;
  tally: SyncTally;
  progress: SyncProgressTracker;
  now: string;
  signal?: AbortSignal;
  chunkBytes: number;
  /** Runs of this source the cache holds, by id. */
  runs: Map<string, CachedSourceRun>;
  /** Issues about documents (run facts, MLflow meta.yaml…), recomputed every pass and reconciled at its end. */
  documentIssues: SyncIssue[];
  /** Gives the event loop a turn now and then, so stop and sync-now messages get through. */
  pace(): Promise<void>;
}

export function streamState(row: SyncFileRow | undefined): StreamRowState | null {
  if (!row?.stateJson) return null;
  try {
    return JSON.parse(row.stateJson) as StreamRowState;
  } catch {
    return null;
  }
}

/** sync_files rows of stream files, grouped by run id. */
export function streamRowsByRun(files: SyncFileStore, kind: SourceRunPlan['streamKind']): Map<string, SyncFileRow[]> {
  const byRun = new Map<string, SyncFileRow[]>();
  for (const row of files.known.values()) {
    if (row.kind !== kind) continue;
    const run = streamState(row)?.run ?? '';
    byRun.set(run, [...(byRun.get(run) ?? []), row]);
  }
  return byRun;
}
