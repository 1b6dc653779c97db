// Reads a run's metrics.jsonl from where the last sync stopped, streaming it in chunks so memory
// stays flat whatever the file size. Each chunk's points, statistics, issues and the new read
// position commit in one transaction. A file that shrank or whose first bytes changed was
// rewritten: the run's points are dropped and it is read again from the start.
import { JsonlLineSplitter, type SplitLines } from '../store/jsonl-line-splitter';
import { MetricsLineParser } from '../store/parse-metrics-line';
import type { SyncIssue, SyncIssueCode } from '../store/sync-issue';
import { RunMetricsWriter, type RunProgressState } from './run-metrics-writer';
import { inTransaction, isUnchanged, type SyncContext } from './sync-context';
import { contentHash, recordReadError } from './sync-document-file';
import { retractStoreFile } from './retract-store-file';
import { StoreAccessError } from './store-transport';
import { UNFINISHED_MTIME, type SyncFileRow } from './sync-file-rows';
import type { WalkedFile } from './walk-lab-store';

/** Bytes hashed to recognise a rewritten file. */
export const HEAD_BYTES = 4096;
/** Issues kept per metrics file; past this, one more says how the rest went. */
export const MAX_ISSUES_PER_FILE = 1000;

interface MetricsFileState extends RunProgressState {
  issues: number;
  binary?: boolean;
}

const FRESH_STATE: MetricsFileState = { lastStep: null, lastTokens: null, lastTime: null, issues: 0 };

export class ConcurrentSyncError extends Error {
  constructor(path: string) {
    super(`Another sync changed the cache's read position of ${path} meanwhile; this pass stops. Sync again.`);
    this.name = 'ConcurrentSyncError';
  }
}

async function readHead(ctx: SyncContext, path: string, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of ctx.transport.readRange(path, 0, length, length || 1)) parts.push(chunk);
  return Buffer.concat(parts);
}

interface ReadPlan {
  start: number;
  lineNo: number;
  state: MetricsFileState;
  /** Drop the run's points first (read from scratch). */
  fromScratch: boolean;
  head: Buffer;
}

async function planRead(ctx: SyncContext, file: WalkedFile, known: SyncFileRow | undefined): Promise<ReadPlan> {
  const head = await readHead(ctx, file.path, Math.min(file.size, HEAD_BYTES));
  const fresh: ReadPlan = { start: 0, lineNo: 0, state: { ...FRESH_STATE }, fromScratch: true, head };
  if (!known || known.kind !== 'run-metrics' || file.size < known.size || head.length < known.headLength) return fresh;
  if (contentHash(head.subarray(0, known.headLength)) !== known.headHash) return fresh;
  const state = known.stateJson ? (JSON.parse(known.stateJson) as MetricsFileState) : { ...FRESH_STATE };
  return { start: known.offset, lineNo: known.lineNo, state, fromScratch: false, head };
}

export async function syncRunMetrics(ctx: SyncContext, file: WalkedFile): Promise<void> {
  const runId = file.id!;
  const runPk = ctx.runs.get(runId);
  if (runPk === undefined) return;
  const known = ctx.files.known.get(file.path);
  if (isUnchanged(known, file)) return;

  let plan: ReadPlan;
  try {
    plan = await planRead(ctx, file, known);
  } catch (error) {
    if (!(error instanceof StoreAccessError)) throw error;
    if (error.code !== 'not-found') recordReadError(ctx, file, known, error, true);
    return;
  }
  const { state } = plan;
  const headHash = contentHash(plan.head);
  const parser = new MetricsLineParser();
  const splitter = new JsonlLineSplitter(plan.start, plan.lineNo);
  let writer: RunMetricsWriter | undefined;
  let expectedOffset: number | undefined = plan.fromScratch ? undefined : known!.offset;
  let firstCommit = true;
  let scanned = plan.start;
  // A file that starts with NUL bytes is not text at all: one issue, not one per "line".
  const binary = state.binary === true || (plan.fromScratch && plan.head.includes(0));

  const commit = (split: SplitLines | null, final: boolean) =>
    inTransaction(ctx.sqlite, () => {
      const resetting = firstCommit && plan.fromScratch;
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
      if (split) readLines(split, writer!, issues);
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
        headLength: plan.head.length,
        offset: binary ? scanned : splitter.endOffset,
        lineNo: splitter.lineCount,
        stateJson: JSON.stringify(state),
      });
      expectedOffset = binary ? scanned : splitter.endOffset;
      firstCommit = false;
    });

  const readLines = (split: SplitLines, runWriter: RunMetricsWriter, issues: SyncIssue[]) => {
    let lineNo = split.firstLineNo;
    const report = (code: SyncIssueCode, message: string, expected: string) => {
      state.issues++;
      if (state.issues < MAX_ISSUES_PER_FILE) issues.push({ path: file.path, line: lineNo, code, message, expected });
      else if (state.issues === MAX_ISSUES_PER_FILE) {
        issues.push({ path: file.path, line: lineNo, code: 'too-many-issues', message: `More than ${MAX_ISSUES_PER_FILE - 1} issues in this file; the rest are not listed.`, expected: null });
      }
    };
    for (const text of split.lines) {
      if (typeof text !== 'string') {
        report('line-too-long', `The line is ${text.tooLongBytes} bytes long: it is skipped.`, 'lines of at most 1 MiB (1,048,576 bytes)');
      } else {
        const line = parser.parse(text, report);
        if (line) {
          if (state.lastStep !== null && line.step < state.lastStep) {
            // A restart from a checkpoint: the new attempt supersedes everything from its step on.
            runWriter.supersedeFrom(line.step);
            state.lastTokens = null;
            state.lastTime = null;
          }
          state.lastStep = line.step;
          if (line.tokens !== null) state.lastTokens = line.tokens;
          if (line.time !== null) state.lastTime = line.time;
          const { keys, values } = line;
          for (let i = 0; i < keys.length; i++) runWriter.append(i, keys[i]!, line.step, line.tokens, line.time, values[i]!);
        }
      }
      lineNo++;
    }
  };

  try {
    if (!binary) {
      for await (const chunk of ctx.transport.readRange(file.path, plan.start, file.size, ctx.chunkBytes)) {
        await ctx.pace.yieldIfDue();
        ctx.signal?.throwIfAborted();
        scanned += chunk.length;
        ctx.tally.bytesRead += chunk.length;
        ctx.progress.state.bytesDone += chunk.length;
        const split = splitter.push(chunk);
        const pointsBefore = writer?.pointsWritten ?? 0;
        commit(split, scanned >= file.size);
        ctx.tally.points += writer!.pointsWritten - pointsBefore;
        ctx.progress.emit();
      }
    } else {
      scanned = file.size;
    }
    if (firstCommit || scanned < file.size) commit(null, scanned >= file.size);
  } catch (error) {
    if (!(error instanceof StoreAccessError)) throw error;
    if (error.code !== 'not-found') recordReadError(ctx, file, ctx.files.known.get(file.path), error, true);
    return;
  }
  if ((writer?.pointsWritten ?? 0) > 0 || plan.fromScratch) ctx.tally.runChanged(runId);
}
