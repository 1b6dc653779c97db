// Small store files (run.json, status.json, ablations, proposals, events, team.yaml, the marker)
// are read whole and applied in one transaction together with their identity and their issues.
// A file whose bytes did not change (only touched) just has its identity updated.
import { IssueList, type SyncIssue } from '../store/sync-issue';
import { fileFailureIssue } from './file-failure';
import { contentHash } from './content-hash';
import { inTransaction, type SyncContext } from './sync-context';
import { retractStoreFile } from './retract-store-file';
import { StoreAccessError } from '../store-access/store-transport';
import { UNFINISHED_MTIME, type SyncFileRow } from './sync-file-rows';
import { isUnchanged, type WalkedFile } from './walk-lab-store';

export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;

/** Returned by an ApplyDocument that did not apply the file yet (an event dated ahead): it is read again next pass. */
export const LOOK_AGAIN = Symbol('look again');

/**
 * Applies the file's content (null when it could not be read as a whole, with the reason in
 * `issues`). Returns the file's resume state to keep, if any, or LOOK_AGAIN.
 */
export type ApplyDocument = (bytes: Buffer | null, issues: IssueList) => string | null | void | typeof LOOK_AGAIN;

/** Records a read that failed for a reason that may pass (I/O): the file is looked at again next time. */
export function recordReadError(ctx: SyncContext, file: WalkedFile, known: SyncFileRow | undefined, error: Error, keepHead: boolean): void {
  const issue: SyncIssue = { path: file.path, line: null, code: 'read-error', message: `Could not read the file: ${error.message}`, expected: null };
  inTransaction(ctx.sqlite, () => {
    ctx.files.removeIssuesWithCode(file.path, 'read-error');
    ctx.files.addIssues([issue]);
    const base: SyncFileRow = known ?? { path: file.path, kind: file.kind, size: file.size, mtimeMs: UNFINISHED_MTIME, headHash: null, headLength: 0, offset: 0, lineNo: 0, stateJson: null };
    ctx.files.save({ ...base, mtimeMs: UNFINISHED_MTIME, headHash: keepHead ? base.headHash : null });
  });
  ctx.tally.issues = true;
}

/**
 * Records a file whose reading threw (see file-failure.ts). What a document produced before goes, as
 * for a refused file; metrics keep the points committed before the failure. The file is looked at
 * again on the next pass, so a fault that passes costs nothing but that pass.
 */
export function recordFileFailure(ctx: SyncContext, file: WalkedFile, error: unknown): void {
  inTransaction(ctx.sqlite, () => {
    const known = ctx.files.known.get(file.path);
    const metrics = file.kind === 'run-metrics' && known?.kind === 'run-metrics';
    if (known && !metrics) retractStoreFile(ctx, known);
    const kept = ctx.files.known.get(file.path);
    // A metrics file keeps the issues of the lines read before the failure.
    if (metrics) ctx.files.removeIssuesWithCode(file.path, 'read-error');
    else ctx.files.replaceIssues(file.path, []);
    ctx.files.addIssues([fileFailureIssue(file.path, error)]);
    const base: SyncFileRow = kept ?? { path: file.path, kind: file.kind, size: file.size, mtimeMs: UNFINISHED_MTIME, headHash: null, headLength: 0, offset: 0, lineNo: 0, stateJson: null };
    ctx.files.save({ ...base, mtimeMs: UNFINISHED_MTIME, headHash: metrics ? base.headHash : null });
  });
  ctx.tally.issues = true;
}

export async function syncDocumentFile(ctx: SyncContext, file: WalkedFile, apply: ApplyDocument): Promise<void> {
  const known = ctx.files.known.get(file.path);
  if (isUnchanged(known, file)) return;
  const issues = new IssueList(file.path);
  let bytes: Buffer | null = null;
  try {
    bytes = await ctx.transport.readSmallFile(file.path, MAX_DOCUMENT_BYTES);
    ctx.tally.bytesRead += bytes.length;
    ctx.progress.state.bytesDone += bytes.length;
  } catch (error) {
    if (!(error instanceof StoreAccessError)) throw error;
    // Gone since the listing: the next pass sees it removed.
    if (error.code === 'not-found') return;
    if (error.code === 'io') {
      recordReadError(ctx, file, known, error, false);
      return;
    }
    const code = error.code === 'too-large' ? 'file-too-large' : error.code === 'outside-store' ? 'symlink-outside-store' : 'read-error';
    issues.add(code, error.message, error.code === 'too-large' ? `at most ${MAX_DOCUMENT_BYTES} bytes` : null);
  }
  const hash = bytes ? contentHash(bytes) : null;
  inTransaction(ctx.sqlite, () => {
    const row: SyncFileRow = {
      path: file.path,
      kind: file.kind,
      size: file.size,
      mtimeMs: file.mtimeMs,
      headHash: hash,
      headLength: bytes?.length ?? 0,
      offset: bytes?.length ?? 0,
      lineNo: 0,
      stateJson: known?.stateJson ?? null,
    };
    if (known && known.kind === file.kind && hash !== null && known.headHash === hash) {
      ctx.files.save(row);
      return;
    }
    if (known && known.kind !== file.kind) retractStoreFile(ctx, known);
    const state = apply(bytes, issues);
    if (ctx.files.replaceIssues(file.path, issues.issues)) ctx.tally.issues = true;
    if (state === LOOK_AGAIN) ctx.files.save({ ...row, mtimeMs: UNFINISHED_MTIME, headHash: null, stateJson: null });
    else ctx.files.save({ ...row, stateJson: state ?? null });
  });
}

/** A refused or missing entry: its one issue is recorded, and whatever the path produced before is retracted. */
export function syncRefusedEntry(ctx: SyncContext, file: WalkedFile, onRefused?: () => void): void {
  const known = ctx.files.known.get(file.path);
  if (isUnchanged(known, file)) return;
  inTransaction(ctx.sqlite, () => {
    if (known && known.kind !== file.kind) retractStoreFile(ctx, known);
    onRefused?.();
    ctx.files.replaceIssues(file.path, file.issue ? [file.issue] : []);
    ctx.files.save({ path: file.path, kind: file.kind, size: file.size, mtimeMs: file.mtimeMs, headHash: null, headLength: 0, offset: 0, lineNo: 0, stateJson: null });
  });
  ctx.tally.issues = true;
}
