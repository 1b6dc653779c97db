// One run of a TensorBoard, MLflow or W&B source: its record, then the new bytes of each of its files
// from the saved cursors. Every chunk's points, issues and the file's new cursor commit in one
// transaction, so a pass stopped at any instant (killed, a dropped SFTP link) resumes exactly.
// A file that shrank, lost its first bytes' identity, or vanished while its run stayed means the
// run was rewritten: its points are dropped and every file is read again from the start.
import type { SourceStreamReader, SourceRunPlan, SourceSyncContext, StreamRowState } from './source-sync-context';
import { isSourceStreamKind, streamState } from './source-sync-context';
import { sourceRunRecord } from './source-run-record';
import { LoggedEntriesWriter } from '../logged-entries-writer';
import { RunMetricsWriter } from '../run-metrics-writer';
import { timeAtStep } from '../../points/point-lookups';
import { inTransaction } from '../sync-context';
import { contentHash } from '../content-hash';
import { endsThePass, fileFailureIssue } from '../file-failure';
import { ConcurrentSyncError, HEAD_BYTES, MAX_ISSUES_PER_FILE } from '../sync-run-metrics';
import { UNFINISHED_MTIME, type SyncFileRow } from '../sync-file-rows';
import { StoreAccessError } from '../../store-access/store-transport';
import { toSyncIssue, type SourceListingEntry } from '../../sources/source-types';
import type { SyncIssue } from '../../store/sync-issue';

/** Files up to this size are read whole once: identity check and new bytes in one request. */
const SMALL_STREAM_BYTES = 64 * 1024;
const NO_PROGRESS = { lastStep: null, lastTokens: null, lastTime: null };

interface StreamWork {
  entry: SourceListingEntry;
  row: SyncFileRow | undefined;
  head: Buffer;
  /** The whole file, when it is small. */
  whole: Buffer | null;
}

interface RunState {
  plan: SourceRunPlan;
  pk: number;
  writer: RunMetricsWriter | null;
  /** Sources that keep every entry (plan.history 'every-entry') write through this instead. */
  entries: LoggedEntriesWriter | null;
  /** Last step written per metric: a lower one is a restart of that metric. */
  lastSteps: Map<string, number>;
  states: Map<string, StreamRowState>;
}

async function readBytes(ctx: SourceSyncContext, path: string, length: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of ctx.transport.readRange(path, 0, length, Math.max(length, 1))) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Reads a changed file's first bytes (all of it when small); says whether it was rewritten. */
async function probe(ctx: SourceSyncContext, entry: SourceListingEntry, row: SyncFileRow | undefined): Promise<StreamWork & { rewritten: boolean }> {
  const small = entry.size <= SMALL_STREAM_BYTES;
  const bytes = await readBytes(ctx, entry.path, small ? entry.size : Math.min(entry.size, HEAD_BYTES));
  const head = bytes.subarray(0, Math.min(bytes.length, HEAD_BYTES));
  const consumed = row !== undefined && row.offset > 0;
  const rewritten =
    consumed && (entry.size < row.offset || head.length < row.headLength || contentHash(head.subarray(0, row.headLength)) !== row.headHash);
  return { entry, row, head, whole: small ? bytes : null, rewritten };
}

/** The run's last step and time, from its series (a source's metrics need not share steps). */
export function refreshRunProgress(ctx: SourceSyncContext, runPk: number): void {
  const series = ctx.sqlite.prepare('SELECT pk, last_step AS lastStep FROM series WHERE run_pk = ? AND last_step IS NOT NULL').all(runPk) as { pk: number; lastStep: number }[];
  let lastStep: number | null = null;
  let lastTime: number | null = null;
  for (const s of series) {
    if (lastStep === null || s.lastStep > lastStep) lastStep = s.lastStep;
    const time = timeAtStep(ctx.sqlite, s.pk, s.lastStep);
    if (time !== null && (lastTime === null || time > lastTime)) lastTime = time;
  }
  ctx.sqlite.prepare('UPDATE runs SET last_step = ?, last_time = ? WHERE pk = ?').run(lastStep, lastTime, runPk);
}

/** Writes the run's record when it changed; returns its runs.pk, or null when the run is refused. */
function writeRunRecord(ctx: SourceSyncContext, plan: SourceRunPlan, states: ReadonlyMap<string, StreamRowState>, issues: SyncIssue[]): number | null {
  const facts = plan.facts(states);
  const { record, rawJson, issues: found } = sourceRunRecord(facts, ctx.mapping, plan.issuePath);
  // What a mapping preview needs of the run: its fields and the group it has without a mapping.
  const fieldsJson = JSON.stringify({ group: facts.group ?? null, fields: facts.fields });
  issues.length = 0;
  issues.push(...found);
  const cached = ctx.runs.get(plan.id);
  if (!record) {
    if (cached) inTransaction(ctx.sqlite, () => removeSourceRun(ctx, plan.id));
    return null;
  }
  if (cached && cached.rawJson === rawJson && cached.fieldsJson === fieldsJson) return cached.pk;
  return inTransaction(ctx.sqlite, () => {
    const result = ctx.entities.upsertRun(record, ctx.now, ctx.format);
    if ('conflict' in result) {
      issues.push({ path: plan.issuePath, line: null, code: 'duplicate-id', message: `A run "${plan.id}" was already imported from ${result.conflict}: this one is refused.`, expected: 'run ids unique across sources' });
      return null;
    }
    ctx.sqlite.prepare('UPDATE runs SET source_fields_json = ? WHERE pk = ?').run(fieldsJson, result.pk);
    ctx.runs.set(plan.id, { pk: result.pk, rawJson, fieldsJson });
    if (result.isNew) {
      ctx.tally.newRuns.add(plan.id);
      ctx.progress.state.runsNew++;
    } else ctx.tally.runChanged(plan.id);
    return result.pk;
  });
}

/** Takes a run out of the cache with its points and the state of its files. Inside a transaction. */
export function removeSourceRun(ctx: SourceSyncContext, runId: string): void {
  const cached = ctx.runs.get(runId);
  if (cached) ctx.entities.removeRun(cached.pk);
  for (const row of [...ctx.files.known.values()]) {
    if (isSourceStreamKind(row.kind) && streamState(row)?.run === runId) ctx.files.forget(row.path);
  }
  ctx.runs.delete(runId);
  ctx.tally.removedRuns.add(runId);
  ctx.tally.newRuns.delete(runId);
  ctx.tally.updatedRuns.delete(runId);
}

/**
 * A read that failed for a reason that may pass (I/O), or threw for a reason of its own (`failure`,
 * see file-failure.ts): an issue, and the file is looked at again next time; committed points stay.
 */
function recordReadError(ctx: SourceSyncContext, run: RunState, entry: SourceListingEntry, row: SyncFileRow | undefined, error: Error, failure = false): void {
  inTransaction(ctx.sqlite, () => {
    ctx.files.removeIssuesWithCode(entry.path, 'read-error');
    ctx.files.addIssues([failure ? fileFailureIssue(entry.path, error) : { path: entry.path, line: null, code: 'read-error', message: `Could not read the file: ${error.message}`, expected: null }]);
    const base: SyncFileRow = row ?? {
      path: entry.path,
      kind: run.plan.streamKind,
      size: entry.size,
      mtimeMs: UNFINISHED_MTIME,
      headHash: null,
      headLength: 0,
      offset: 0,
      lineNo: 0,
      stateJson: JSON.stringify({ run: run.plan.id, cursor: null }),
    };
    ctx.files.save({ ...base, mtimeMs: UNFINISHED_MTIME });
  });
  ctx.tally.issues = true;
}

/** The whole run restarted at `step` (a TensorBoard SessionLog START): every metric's points from there on go. */
function restartRun(run: RunState, step: number): void {
  run.writer!.supersedeFrom(step);
  for (const [metric, last] of run.lastSteps) {
    if (last < step) continue;
    const now = run.writer!.lastStepOf(metric);
    if (now === null) run.lastSteps.delete(metric);
    else run.lastSteps.set(metric, now);
  }
}

async function readStream(ctx: SourceSyncContext, run: RunState, work: StreamWork): Promise<void> {
  const { entry, row, head } = work;
  const saved = run.states.get(entry.path) ?? null;
  const reader: SourceStreamReader = run.plan.openStream(entry.path, saved);
  let issueCount = (saved as { issueCount?: number } | null)?.issueCount ?? 0;
  let expected: number | undefined = row?.offset;
  let scanned = reader.offset;
  let committed = false;

  const commit = (batch: ReturnType<SourceStreamReader['push']>, final: boolean) => {
    const before = run.writer?.pointsWritten ?? 0;
    inTransaction(ctx.sqlite, () => {
      if (expected !== undefined && ctx.files.committedOffset(entry.path) !== expected) throw new ConcurrentSyncError(entry.path);
      run.writer ??= new RunMetricsWriter(ctx.sqlite, run.pk);
      if (run.plan.history === 'every-entry') {
        run.entries ??= new LoggedEntriesWriter(ctx.sqlite, run.writer);
        for (const p of batch.points) run.entries.add(p);
      } else {
        const purges = batch.purges ?? [];
        let purge = 0;
        for (let i = 0; i <= batch.points.length; i++) {
          for (; purge < purges.length && purges[purge]!.at === i; purge++) restartRun(run, purges[purge]!.step);
          const p = batch.points[i];
          if (!p) break;
          const last = run.lastSteps.get(p.metric);
          // A lower step than this metric's last one: the run restarted from a checkpoint, the new attempt supersedes.
          if (last !== undefined && p.step < last) run.writer.supersedeFrom(p.step, p.metric);
          run.writer.append(0, p.metric, p.step, null, p.time, p.value);
          run.lastSteps.set(p.metric, p.step);
        }
      }
      const issues: SyncIssue[] = [];
      for (const issue of batch.issues) {
        issueCount++;
        if (issueCount < MAX_ISSUES_PER_FILE) issues.push(toSyncIssue(issue));
        else if (issueCount === MAX_ISSUES_PER_FILE) {
          issues.push({ path: entry.path, line: issue.line ?? null, code: 'too-many-issues', message: `More than ${MAX_ISSUES_PER_FILE - 1} issues in this file; the rest are not listed.`, expected: null });
        }
      }
      if (!committed) ctx.files.removeIssuesWithCode(entry.path, 'read-error');
      if (issues.length > 0) {
        ctx.files.addIssues(issues);
        ctx.tally.issues = true;
      }
      run.writer.flush(NO_PROGRESS, ctx.now);
      refreshRunProgress(ctx, run.pk);
      const state: StreamRowState & { issueCount: number } = { run: run.plan.id, ...reader.state(), issueCount };
      ctx.files.save({
        path: entry.path,
        kind: run.plan.streamKind,
        size: final ? entry.size : scanned,
        mtimeMs: final ? (entry.mtimeMs ?? 0) : UNFINISHED_MTIME,
        headHash: contentHash(head),
        headLength: head.length,
        offset: reader.offset,
        lineNo: reader.lineNo,
        stateJson: JSON.stringify(state),
      });
      run.states.set(entry.path, state);
      expected = reader.offset;
      committed = true;
    });
    const written = run.writer!.pointsWritten - before;
    ctx.tally.points += written;
    if (written > 0) ctx.tally.runChanged(run.plan.id);
  };

  try {
    const chunks = work.whole ? [work.whole.subarray(reader.offset)] : ctx.transport.readRange(entry.path, reader.offset, entry.size, ctx.chunkBytes);
    for await (const chunk of chunks) {
      await ctx.pace();
      ctx.signal?.throwIfAborted();
      if (chunk.length === 0) continue;
      scanned += chunk.length;
      ctx.tally.bytesRead += chunk.length;
      ctx.progress.state.bytesDone += chunk.length;
      commit(reader.push(chunk), scanned >= entry.size);
      ctx.progress.emit();
    }
    if (!committed || scanned < entry.size) commit({ points: [], issues: [] }, scanned >= entry.size);
  } catch (error) {
    if (!(error instanceof StoreAccessError)) throw error;
    if (error.code !== 'not-found') recordReadError(ctx, run, entry, ctx.files.known.get(entry.path), error);
  }
}

export async function syncSourceRun(ctx: SourceSyncContext, plan: SourceRunPlan, rows: SyncFileRow[]): Promise<void> {
  const states = new Map<string, StreamRowState>();
  for (const row of rows) {
    const state = streamState(row);
    if (state) states.set(row.path, state);
  }
  const recordIssues: SyncIssue[] = [];
  const pk = writeRunRecord(ctx, plan, states, recordIssues);
  if (pk === null) {
    ctx.documentIssues.push(...recordIssues);
    return;
  }
  const run: RunState = { plan, pk, writer: null, entries: null, lastSteps: new Map(), states };
  const series = ctx.sqlite.prepare('SELECT key, last_step AS lastStep FROM series WHERE run_pk = ?').all(pk) as Array<{ key: string; lastStep: number | null }>;
  for (const s of series) if (s.lastStep !== null) run.lastSteps.set(s.key, s.lastStep);

  const rowsByPath = new Map(rows.map((r) => [r.path, r]));
  const listed = new Set(plan.streams.map((s) => s.path));
  let rewritten = rows.some((r) => !listed.has(r.path) && r.offset > 0);
  let work: StreamWork[] = [];
  /** Probes a file; null when it vanished since the listing or cannot be read now (then an issue says why). */
  const probeOrSkip = async (entry: SourceListingEntry, row: SyncFileRow | undefined) => {
    try {
      return await probe(ctx, entry, row);
    } catch (error) {
      if (endsThePass(error, ctx.signal)) throw error;
      if (!(error instanceof StoreAccessError)) recordReadError(ctx, run, entry, row, error as Error, true);
      else if (error.code !== 'not-found') recordReadError(ctx, run, entry, row, error);
      return null;
    }
  };
  for (const entry of plan.streams) {
    const row = rowsByPath.get(entry.path);
    if (!rewritten && row && row.size === entry.size && row.mtimeMs === entry.mtimeMs) continue;
    const probed = await probeOrSkip(entry, row);
    if (!probed) continue;
    rewritten ||= probed.rewritten;
    work.push(probed);
  }
  if (rewritten) {
    // Every file is read again, so every file needs its identity.
    const probedPaths = new Set(work.map((w) => w.entry.path));
    for (const entry of plan.streams) {
      if (probedPaths.has(entry.path)) continue;
      const probed = await probeOrSkip(entry, undefined);
      if (probed) work.push(probed);
    }
    const order = new Map(plan.streams.map((s, i) => [s.path, i]));
    work = work.sort((a, b) => order.get(a.entry.path)! - order.get(b.entry.path)!).map((w) => ({ ...w, row: undefined }));
  }

  if (rewritten) {
    inTransaction(ctx.sqlite, () => {
      const writer = new RunMetricsWriter(ctx.sqlite, pk);
      writer.clearAll();
      writer.flush(NO_PROGRESS, ctx.now);
      refreshRunProgress(ctx, pk);
      for (const row of rows) ctx.files.forget(row.path);
    });
    states.clear();
    run.lastSteps.clear();
    ctx.tally.runChanged(plan.id);
    ctx.tally.issues = true;
  } else {
    const vanished = rows.filter((r) => !listed.has(r.path));
    if (vanished.length > 0) inTransaction(ctx.sqlite, () => vanished.forEach((r) => ctx.files.forget(r.path)));
  }
  for (const item of work) {
    try {
      await readStream(ctx, run, item);
    } catch (error) {
      if (endsThePass(error, ctx.signal)) throw error;
      recordReadError(ctx, run, item.entry, ctx.files.known.get(item.entry.path), error as Error, true);
    }
  }

  // New hparams may have arrived with the events: the record is written again when its facts changed.
  const finalPk = writeRunRecord(ctx, plan, states, recordIssues);
  ctx.documentIssues.push(...recordIssues);
  if (finalPk !== null && plan.status) writeRunStatus(ctx, plan, finalPk, states);
}

export function writeRunStatus(ctx: SourceSyncContext, plan: SourceRunPlan, pk: number, states: ReadonlyMap<string, StreamRowState>): void {
  const current = ctx.sqlite.prepare('SELECT state, state_updated_at AS updatedAt, state_message AS message, last_time AS lastTime FROM runs WHERE pk = ?').get(pk) as
    | { state: string | null; updatedAt: string | null; message: string | null; lastTime: number | null }
    | undefined;
  if (!current) return;
  const status = plan.status!(current.lastTime, states);
  if (status.state === current.state && status.updatedAt === current.updatedAt && status.message === current.message) return;
  inTransaction(ctx.sqlite, () => ctx.entities.setRunStatus(pk, status, ctx.now));
  ctx.tally.runChanged(plan.id);
}
