// A sync issue: something in the store that was refused or malformed. It says where (the store
// path, the line when there is one), what was wrong and what was expected. Good data around it is kept.
export type SyncIssueCode =
  | 'invalid-json'
  | 'too-deep'
  | 'invalid-yaml'
  | 'invalid-front-matter'
  | 'not-object'
  | 'missing-field'
  | 'invalid-field'
  | 'invalid-step'
  | 'invalid-value'
  | 'line-too-long'
  | 'binary-line'
  | 'binary-file'
  | 'empty-file'
  | 'file-too-large'
  | 'invalid-id'
  | 'id-mismatch'
  | 'duplicate-id'
  | 'symlink-outside-store'
  | 'unexpected-entry'
  | 'missing-file'
  | 'unknown-event-type'
  | 'future-time'
  | 'unknown-target'
  | 'unknown-author'
  | 'unsupported-format'
  | 'read-error'
  | 'too-many-issues';

export interface SyncIssue {
  /** Store-relative path, '/'-separated. */
  path: string;
  /** 1-based line number when the problem is on a line. */
  line: number | null;
  code: SyncIssueCode;
  message: string;
  expected: string | null;
}

/** Collects the issues of one file; parsers report through it so they never need the path. */
export class IssueList {
  readonly issues: SyncIssue[] = [];
  constructor(readonly path: string) {}

  add(code: SyncIssueCode, message: string, expected: string | null = null, line: number | null = null): void {
    this.issues.push({ path: this.path, line, code, message, expected });
  }
}

export function formatSyncIssue(issue: SyncIssue): string {
  const where = issue.line === null ? issue.path : `${issue.path}:${issue.line}`;
  return issue.expected ? `${where}: ${issue.message} (expected ${issue.expected})` : `${where}: ${issue.message}`;
}
