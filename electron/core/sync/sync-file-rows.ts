// sync_files: for every store path the sync has an opinion on, its identity when last read
// (size, mtime, a hash of its first bytes) and how far it was consumed. Written in the same
// transaction as the rows the file produced, which is what makes a killed sync resumable.
import type Database from 'better-sqlite3';
import type { SyncIssue } from '../store/sync-issue';

export type StoreFileKind =
  | 'store-marker'
  | 'team'
  | 'run'
  | 'run-status'
  | 'run-metrics'
  | 'ablation'
  | 'proposal'
  | 'event'
  /** An entry refused as a whole (a bad name, a link outside the store, a file where a folder belongs). */
  | 'refused'
  /** A required file that is absent (a run folder without run.json). */
  | 'missing'
  /** TensorBoard events, MLflow metric files and W&B run logs, read incrementally; their resume state is in state_json. */
  | 'tensorboard-events'
  | 'mlflow-metrics'
  | 'wandb-records'
  /** An MLflow SQLite store's metric cursor (offset: the highest rowid read), and each of its runs read up to it. */
  | 'mlflow-sqlite'
  | 'mlflow-sqlite-run'
  /** MLflow meta.yaml, params and tags: the text is kept in state_json, so an unchanged file is not read again. */
  | 'mlflow-text';

export interface SyncFileRow {
  path: string;
  kind: StoreFileKind;
  size: number;
  /** -1 while a file is only partly read: the next sync then always looks at it again. */
  mtimeMs: number;
  headHash: string | null;
  headLength: number;
  offset: number;
  lineNo: number;
  stateJson: string | null;
}

/** mtime recorded for a file that must be looked at again (partly read, or a read failed). */
export const UNFINISHED_MTIME = -1;

interface RawRow {
  path: string;
  kind: string;
  size: number;
  mtime_ms: number;
  head_hash: string | null;
  head_length: number;
  offset: number;
  line_no: number;
  state_json: string | null;
}

export function loadSyncFileRows(sqlite: Database.Database): Map<string, SyncFileRow> {
  const rows = sqlite.prepare('SELECT path, kind, size, mtime_ms, head_hash, head_length, offset, line_no, state_json FROM sync_files').all() as RawRow[];
  const map = new Map<string, SyncFileRow>();
  for (const r of rows) {
    map.set(r.path, {
      path: r.path,
      kind: r.kind as StoreFileKind,
      size: r.size,
      mtimeMs: r.mtime_ms,
      headHash: r.head_hash,
      headLength: r.head_length,
      offset: r.offset,
      lineNo: r.line_no,
      stateJson: r.state_json,
    });
  }
  return map;
}

/** Writes of sync_files and sync_issues, keeping the in-memory copy of sync_files current. */
export class SyncFileStore {
  private readonly upsert: Database.Statement;
  private readonly remove: Database.Statement;
  private readonly removeIssues: Database.Statement;
  private readonly removeIssuesCode: Database.Statement;
  private readonly insertIssue: Database.Statement;
  private readonly readOffset: Database.Statement;
  private duplicates: Set<string> | undefined;

  constructor(
    sqlite: Database.Database,
    readonly known: Map<string, SyncFileRow>,
    private readonly now: string,
  ) {
    this.upsert = sqlite.prepare(
      `INSERT OR REPLACE INTO sync_files (path, kind, size, mtime_ms, head_hash, head_length, offset, line_no, state_json)
       VALUES (@path, @kind, @size, @mtimeMs, @headHash, @headLength, @offset, @lineNo, @stateJson)`,
    );
    this.remove = sqlite.prepare('DELETE FROM sync_files WHERE path = ?');
    this.removeIssues = sqlite.prepare('DELETE FROM sync_issues WHERE path = ?');
    this.removeIssuesCode = sqlite.prepare('DELETE FROM sync_issues WHERE path = ? AND code = ?');
    this.insertIssue = sqlite.prepare(
      'INSERT INTO sync_issues (path, line, code, message, expected, seen_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.readOffset = sqlite.prepare('SELECT offset FROM sync_files WHERE path = ?').pluck();
  }

  save(row: SyncFileRow): void {
    this.upsert.run(row);
    this.known.set(row.path, row);
    if (row.kind === 'event' && row.stateJson !== null) this.duplicates?.add(row.path);
    else this.duplicates?.delete(row.path);
  }

  /** Forgets a path: its row and its issues. */
  forget(path: string): void {
    this.remove.run(path);
    this.removeIssues.run(path);
    this.known.delete(path);
    this.duplicates?.delete(path);
  }

  /** Event files that lost a duplicate-id contest (indexed on first use: removals ask once per event). */
  duplicateEventRows(): SyncFileRow[] {
    this.duplicates ??= new Set([...this.known.values()].filter((r) => r.kind === 'event' && r.stateJson !== null).map((r) => r.path));
    return [...this.duplicates].map((path) => this.known.get(path)!);
  }

  /** Replaces the issues of a path; says whether any were removed or added. */
  replaceIssues(path: string, issues: readonly SyncIssue[]): boolean {
    const removed = this.removeIssues.run(path).changes;
    this.addIssues(issues);
    return removed > 0 || issues.length > 0;
  }

  removeIssuesWithCode(path: string, code: SyncIssue['code']): void {
    this.removeIssuesCode.run(path, code);
  }

  addIssues(issues: readonly SyncIssue[]): void {
    for (const issue of issues) {
      this.insertIssue.run(issue.path, issue.line, issue.code, issue.message, issue.expected, this.now);
    }
  }

  /** The committed offset of a path (undefined when it has no row), to detect another writer. */
  committedOffset(path: string): number | undefined {
    return this.readOffset.get(path) as number | undefined;
  }
}
