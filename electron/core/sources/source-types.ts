// What every source format (TensorBoard, MLflow) hands to the sync engine, and what it needs
// from a transport (a local folder, SFTP). Formats stay pure: they never open files themselves.

import type { SyncIssue, SyncIssueCode } from '../store/sync-issue';

/** One file in a source tree, as a transport lists it. */
export interface SourceListingEntry {
  /** Relative to the source root, '/'-separated, no '.' or '..' segments. */
  path: string;
  size: number;
  mtimeMs?: number;
}

/** One logged value of one metric. */
export interface MetricPoint {
  metric: string;
  step: number;
  /** Unix seconds. */
  time: number;
  /** May be NaN or ±Infinity: a divergence is a real event and is kept. */
  value: number;
}

/** The run (re)started at `step`: points of every metric at or after it are superseded, before the batch's point `at`. */
export interface MetricPurge {
  at: number;
  step: number;
}

/** A problem in source data: where it is and what was expected. The data around it is still read. */
export interface SourceIssue {
  /** Path relative to the source root. */
  file: string;
  /** Byte offset in the file, for binary formats. */
  offset?: number;
  /** 1-based line number, for text formats. */
  line?: number;
  field?: string;
  /** The lab store's issue kind, so source issues list beside store issues. */
  code: SyncIssueCode;
  reason: string;
  expected?: string;
}

/** What a format reader needs from a transport. */
export interface SourceFileAccess {
  /** The bytes of `path` from `offset` to its current end, in chunks that are not reused afterwards. */
  readFrom(path: string, offset: number): AsyncIterable<Uint8Array>;
  readText(path: string): Promise<string>;
}

/** Listing paths come from outside; a path that could escape the root is never used. */
export function isSafeRelativePath(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || path.includes('\0')) return false;
  return path.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** The lab store's issue shape: the byte offset and field go into the message. */
export function toSyncIssue(issue: SourceIssue): SyncIssue {
  const where = [issue.offset !== undefined ? `at byte ${issue.offset}` : '', issue.field !== undefined ? `${issue.field}:` : '']
    .filter(Boolean)
    .join(' ');
  return {
    path: issue.file,
    line: issue.line ?? null,
    code: issue.code,
    message: where ? `${where} ${issue.reason}` : issue.reason,
    expected: issue.expected ?? null,
  };
}
