// Reads a run's metrics.jsonl from where the last sync stopped, in chunks so memory stays flat
// whatever the file size. Each chunk's points, statistics, issues and the new read position
// commit in one transaction. A file that shrank or whose first bytes changed was rewritten: the
// run's points are dropped and it is read again from the start.
import type { ParsedMetricsChunk } from '../store/metrics-chunk-parser';
import type { SyncIssue, SyncIssueCode } from '../store/sync-issue';
import { openMetricsRead, type MetricsFileState, type MetricsRead } from './metrics-read';
import { RunMetricsWriter } from './run-metrics-writer';
import { contentHash } from './content-hash';
import { inTransaction, type SyncContext } from './sync-context';
import { recordReadError } from './sync-document-file';
import { retractStoreFile } from './retract-store-file';
import { StoreAccessError } from '../store-access/store-transport';
import { UNFINISHED_MTIME } from './sync-file-rows';
import { isUnchanged, type WalkedFile } from './walk-lab-store';

export { HEAD_BYTES } from './metrics-read';
/** Issues kept per metrics file; past this, one more says how the rest went. */
export const MAX_ISSUES_PER_FILE = 1000;

export class ConcurrentSyncError extends Error {
  constructor(path: string) {
    super(`Another sync changed the cache's read position of ${path} meanwhile; this pass stops. Sync again.`);
    this.name = 'ConcurrentSyncError';
  }
}

/** Applies one parsed chunk: restarts, points, progress state and the lines' issues. */
function applyChunk(
  path: string,
  chunk: ParsedMetricsChunk,
  keys: string[],
  writer: RunMetricsWriter,
  state: MetricsFileState,
  issues: SyncIssue[],
): void {
  keys.push(...chunk.newKeys);
  const report = (line: number, code: SyncIssueCode, message: string, expected: string | null) => {
    state.issues++;
    if (state.issues < MAX_ISSUES_PER_FILE) issues.push({ path, line, code, message, expected });
    else if (state.issues === MAX_ISSUES_PER_FILE) {
      issues.push({ path, line, code: 'too-many-issues', message: `More than ${MAX_ISSUES_PER_FILE - 1} issues in this file; the rest are not listed.`, expected: null });
    }
  };
  for (const issue of chunk.issues) report(chunk.firstLineNo + issue.lineIndex, issue.code, issue.message, issue.expected);
  const { steps, pointEnds, keyIds, values } = chunk;
  let p = 0;
  for (let line = 0; line < chunk.lineCount; line++) {
    const step = steps[line]!;
    const end = pointEnds[line]!;
    if (step < 0) {
      p = end;
      continue;
    }
    if (state.lastStep !== null && step < state.lastStep) {
      // A restart from a checkpoint: the new attempt supersedes everything from its step on.
      writer.supersedeFrom(step);
      state.lastTokens = null;
      state.lastTime = null;
    }
    const tokens = Number.isNaN(chunk.tokens[line]!) ? null : chunk.tokens[line]!;
    const time = Number.isNaN(chunk.times[line]!) ? null : chunk.times[line]!;
    state.lastStep = step;
    if (tokens !== null) state.lastTokens = tokens;
    if (time !== null) state.lastTime = time;
    for (let slot = 0; p < end; p++, slot++) writer.append(slot, keys[keyIds[p]!]!, step, tokens, time, values[p]!);
  }
}

export async function syncRunMetrics(ctx: SyncContext, file: WalkedFile): Promise<void> {
  const runId = file.id!;
  const runPk = ctx.runs.get(runId);
  if (runPk === undefined) return;
  const known = ctx.files.known.get(file.path);
  if (isUnchanged(known, file)) return;

  let read: MetricsRead;
  try {
    read = await (ctx.parsing.readAhead?.take(file, known) ?? openMetricsRead(ctx, file, known, ctx.parsing.worker));
  } catch (error) {
    if (!(error instanceof StoreAccessError)) throw error;
    if (error.code !== 'not-found') recordReadError(ctx, file, known, error, true);
    return;
  }
  const { state, binary } = read;
  const headHash = contentHash(read.head);
  const keys: string[] = [];
  let writer: RunMetricsWriter | undefined;
  let expectedOffset: number | undefined = read.fromScratch ? undefined : known!.offset;
  let firstCommit = true;
  let scanned = read.start;
  let endOffset = read.start;
  let linesSoFar = read.lineNo;

  const commit = (chunk: ParsedMetricsChunk | null, final: boolean) =>
    inTransaction(ctx.sqlite, () => {
      const resetting = firstCommit && read.fromScratch;
      if (!resetting && ctx.files.committedOffset(file.path) !== expectedOffset) throw new ConcurrentSyncError(file.path);
      const issues: SyncIssue[] = [];
      if (firstCommit) {
        if (known && known.kind !== 'run-metrics') retractStoreFile(ctx, known);
        writer = new RunMetricsWriter(ctx.sqlite, runPk);
        if (resetting) {
          writer.clearAll();
          ctx.files.replaceIssues(file.path, []);
          if (binary) {
            state.binary = true;
            issues.push({
              path: file.path,
              line: null,
              code: 'binary-file',
              message: 'metrics.jsonl holds binary data (NUL bytes), not JSON lines: it is not read.',
              expected: 'UTF-8 text, one JSON object per line',
            });
          }
        } else {
          ctx.files.removeIssuesWithCode(file.path, 'read-error');
        }
      }
      if (chunk) applyChunk(file.path, chunk, keys, writer!, state, issues);
      writer!.flush(state, ctx.now);
      if (issues.length > 0) {
        ctx.files.addIssues(issues);
        ctx.tally.issues = true;
      }
      ctx.files.save({
        path: file.path,
        kind: 'run-metrics',
        size: final ? file.size : scanned,
        mtimeMs: final ? file.mtimeMs : UNFINISHED_MTIME,
        headHash,
        headLength: read.head.length,
        offset: endOffset,
        lineNo: linesSoFar,
        stateJson: JSON.stringify(state),
      });
      expectedOffset = endOffset;
      firstCommit = false;
    });

  try {
    if (read.stream) {
      for (let chunk = await read.stream.next(); chunk !== null; chunk = await read.stream.next()) {
        await ctx.pace.yieldIfDue();
        ctx.signal?.throwIfAborted();
        scanned += chunk.byteLength;
        endOffset = chunk.endOffset;
        linesSoFar = chunk.linesSoFar;
        ctx.tally.bytesRead += chunk.byteLength;
        ctx.progress.state.bytesDone += chunk.byteLength;
        const pointsBefore = writer?.pointsWritten ?? 0;
        commit(chunk, scanned >= file.size);
        ctx.tally.points += writer!.pointsWritten - pointsBefore;
        ctx.batch.commitIfDue(ctx.tally.points);
        ctx.progress.emit();
      }
    } else {
      scanned = endOffset = file.size;
    }
    if (firstCommit || scanned < file.size) commit(null, scanned >= file.size);
  } catch (error) {
    read.stream?.cancel();
    if (!(error instanceof StoreAccessError)) throw error;
    if (error.code !== 'not-found') recordReadError(ctx, file, ctx.files.known.get(file.path), error, true);
    return;
  }
  if ((writer?.pointsWritten ?? 0) > 0 || read.fromScratch) ctx.tally.runChanged(runId);
}
