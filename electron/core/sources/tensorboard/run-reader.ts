// Reads a TensorBoard run's new bytes from saved per-file cursors, file after file in name order,
// so several events files of one run (restarts, new writers) merge into one history. Yields after
// each chunk with a cursor snapshot: a sync engine can commit the points and the cursor together.

import type { MetricPoint, SourceFileAccess, SourceIssue } from '../source-types';
import { TensorboardEventFileReader, initialTensorboardFileCursor, type TensorboardFileCursor } from './event-file-reader';
import type { SessionStartInfo } from './hparams';
import type { TensorboardRun } from './run-discovery';
import type { TfRecordReaderOptions } from './tfrecord-reader';

export interface TensorboardRunCursor {
  /** Keyed by file path relative to the source root. */
  files: Record<string, TensorboardFileCursor>;
}

export const initialTensorboardRunCursor = (): TensorboardRunCursor => ({ files: {} });

export interface TensorboardRunBatch {
  file: string;
  points: MetricPoint[];
  issues: SourceIssue[];
  sessionStart?: SessionStartInfo;
  /** Where to resume after this batch. */
  cursor: TensorboardRunCursor;
  /**
   * A file is shorter than its saved cursor, so it was rewritten: everything is read again from
   * the start and the run's earlier points must be dropped. Set on the first batch only.
   */
  restarted: boolean;
}

export async function* readTensorboardRun(
  run: TensorboardRun,
  cursor: TensorboardRunCursor,
  access: Pick<SourceFileAccess, 'readFrom'>,
  options?: TfRecordReaderOptions,
): AsyncGenerator<TensorboardRunBatch> {
  const rewritten = run.files.some((f) => (cursor.files[f.path]?.offset ?? 0) > f.size);
  let files: Record<string, TensorboardFileCursor> = rewritten ? {} : { ...cursor.files };
  if (rewritten) yield { file: run.files[0]?.path ?? run.dir, points: [], issues: [], cursor: { files: {} }, restarted: true };
  for (const entry of run.files) {
    const saved = files[entry.path] ?? initialTensorboardFileCursor();
    if (saved.offset >= entry.size) continue;
    const reader = new TensorboardEventFileReader(entry.path, saved, options);
    for await (const chunk of access.readFrom(entry.path, saved.offset)) {
      const batch = reader.push(chunk);
      files = { ...files, [entry.path]: reader.cursor };
      if (batch.points.length === 0 && batch.issues.length === 0 && !batch.sessionStart) continue;
      yield { file: entry.path, ...batch, cursor: { files }, restarted: false };
    }
    files = { ...files, [entry.path]: reader.cursor };
    yield { file: entry.path, points: [], issues: [], cursor: { files }, restarted: false };
  }
}
