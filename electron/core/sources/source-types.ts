// What every source format (TensorBoard, MLflow) hands to the sync engine, and what it needs
// from a transport (a local folder, SFTP). Formats stay pure: they never open files themselves.

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

/** A problem in source data: where it is and what was expected. The data around it is still read. */
export interface SourceIssue {
  /** Path relative to the source root. */
  file: string;
  /** Byte offset in the file, for binary formats. */
  offset?: number;
  /** 1-based line number, for text formats. */
  line?: number;
  field?: string;
  reason: string;
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

export function formatIssue(issue: SourceIssue): string {
  const where = [
    issue.file,
    issue.line !== undefined ? `line ${issue.line}` : undefined,
    issue.offset !== undefined ? `byte ${issue.offset}` : undefined,
    issue.field !== undefined ? `field ${issue.field}` : undefined,
  ].filter(Boolean);
  return `${where.join(', ')}: ${issue.reason}`;
}
