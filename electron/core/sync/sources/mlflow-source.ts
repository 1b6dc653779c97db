// An MLflow folder as runs for the sync: its file store (below) and any SQLite store beside it
// (mlflow-sqlite-source.ts). Every entry is kept (history 'every-entry'). meta.yaml, params and tags are small files read whole;
// their text is kept in sync_files (kind mlflow-text) so a pass reads only the ones whose size or
// mtime changed — over SFTP a store of 1,000 runs × 30 params would otherwise cost 30,000 requests
// per pass. Metric files are the run's streams. Deleted runs and experiments are skipped, so a run
// deleted in MLflow leaves the cache.
import { discoverMlflowStore, isMlflowIgnoredDir } from '../../sources/mlflow/store-layout';
import { MlflowMetricReader, initialMlflowMetricCursor, type MlflowMetricCursor } from '../../sources/mlflow/metric-reader';
import { mlflowParents, mlflowRunFacts } from '../../sources/mlflow/run-facts';
import { fileRunInfo, loadMlflowRuns } from '../../sources/mlflow/store-reader';
import { MAX_SOURCE_TEXT_BYTES } from '../../sources/transport-access';
import { toSyncIssue, type SourceFileAccess, type SourceListingEntry } from '../../sources/source-types';
import { mlflowRunStatus } from '../../sources/mlflow/run-status';
import { StoreAccessError } from '../../store-access/store-transport';
import { inTransaction } from '../sync-context';
import { contentHash } from '../content-hash';
import type { SyncFileRow } from '../sync-file-rows';
import type { SourcePlan, SourceRunPlan, SourceStreamReader, SourceSyncContext, StreamRowState } from './source-sync-context';
import { openMlflowSqliteStores, planMlflowSqliteRuns, readMlflowSqlitePoints } from './mlflow-sqlite-source';

export { isMlflowIgnoredDir };

class MlflowStream implements SourceStreamReader {
  private readonly reader: MlflowMetricReader;

  constructor(file: string, key: string, saved: StreamRowState | null) {
    this.reader = new MlflowMetricReader(file, key, (saved?.cursor as MlflowMetricCursor | null) ?? initialMlflowMetricCursor());
  }

  push(chunk: Uint8Array) {
    return this.reader.push(chunk);
  }

  get offset(): number {
    return this.reader.cursor.offset;
  }

  get lineNo(): number {
    return this.reader.cursor.line;
  }

  state(): Omit<StreamRowState, 'run'> {
    return { cursor: this.reader.cursor };
  }
}

/** readText for the MLflow readers, served from the kept text of files that did not change. */
class KeptTexts {
  private readonly entries: Map<string, SourceListingEntry>;
  private readonly fresh: SyncFileRow[] = [];
  private readonly used = new Set<string>();

  constructor(
    private readonly ctx: SourceSyncContext,
    listing: readonly SourceListingEntry[],
  ) {
    this.entries = new Map(listing.map((e) => [e.path, e]));
  }

  readonly access: Pick<SourceFileAccess, 'readText'> = {
    readText: (path) => this.readText(path),
  };

  private kept(row: SyncFileRow | undefined): string | undefined {
    if (row?.kind !== 'mlflow-text' || !row.stateJson) return undefined;
    return (JSON.parse(row.stateJson) as { text: string }).text;
  }

  private async readText(path: string): Promise<string> {
    this.used.add(path);
    const entry = this.entries.get(path);
    const row = this.ctx.files.known.get(path);
    const kept = this.kept(row);
    if (kept !== undefined && entry && row!.size === entry.size && row!.mtimeMs === entry.mtimeMs) return kept;
    let bytes: Buffer;
    try {
      bytes = await this.ctx.transport.readSmallFile(path, MAX_SOURCE_TEXT_BYTES);
    } catch (error) {
      if (!(error instanceof StoreAccessError)) throw error;
      const tooLarge = error.code === 'too-large';
      this.ctx.documentIssues.push({
        path,
        line: null,
        code: tooLarge ? 'file-too-large' : 'read-error',
        message: tooLarge ? error.message : `Could not read the file: ${error.message}`,
        expected: tooLarge ? `at most ${MAX_SOURCE_TEXT_BYTES} bytes` : null,
      });
      // A passing read error keeps what was read before, rather than dropping the run.
      return kept ?? '';
    }
    this.ctx.tally.bytesRead += bytes.length;
    const text = bytes.toString('utf8');
    this.fresh.push({
      path,
      kind: 'mlflow-text',
      size: entry?.size ?? bytes.length,
      mtimeMs: entry?.mtimeMs ?? -1,
      headHash: contentHash(bytes),
      headLength: bytes.length,
      offset: bytes.length,
      lineNo: 0,
      stateJson: JSON.stringify({ text }),
    });
    return text;
  }

  /** Saves what was read; forgets kept texts nobody asked for (files gone, runs deleted). */
  commit(): void {
    const unused = [...this.ctx.files.known.values()].filter((row) => row.kind === 'mlflow-text' && !this.used.has(row.path));
    if (this.fresh.length === 0 && unused.length === 0) return;
    inTransaction(this.ctx.sqlite, () => {
      for (const row of this.fresh) this.ctx.files.save(row);
      for (const row of unused) this.ctx.files.forget(row.path);
    });
  }
}

/** The file store's runs and those of every SQLite store (mlflow.db) beside it. */
export async function planMlflowRuns(ctx: SourceSyncContext, listing: readonly SourceListingEntry[]): Promise<SourcePlan> {
  const layout = discoverMlflowStore(listing);
  const sqlite = openMlflowSqliteStores(ctx, listing, layout.experiments.some((e) => e.meta !== undefined));
  try {
    const fileRuns = await planMlflowFileRuns(ctx, layout, listing);
    return {
      runs: [...fileRuns, ...sqlite.flatMap(planMlflowSqliteRuns)],
      readPoints: async () => {
        for (const store of sqlite) await readMlflowSqlitePoints(ctx, store);
      },
      close: () => sqlite.forEach((store) => store.db.close()),
    };
  } catch (error) {
    sqlite.forEach((store) => store.db.close());
    throw error;
  }
}

async function planMlflowFileRuns(ctx: SourceSyncContext, layout: ReturnType<typeof discoverMlflowStore>, listing: readonly SourceListingEntry[]) {
  const texts = new KeptTexts(ctx, listing);
  const read = await loadMlflowRuns(layout, texts.access);
  texts.commit();
  ctx.documentIssues.push(...read.issues.map(toSyncIssue));
  const parents = mlflowParents(read.runs.map(fileRunInfo));
  return read.runs.map((run): SourceRunPlan => {
    const keys = new Map(run.layout.metrics.map((m) => [m.entry.path, m.key]));
    return {
      id: run.id,
      issuePath: run.layout.meta!.path,
      streams: run.layout.metrics.map((m) => m.entry),
      streamKind: 'mlflow-metrics',
      history: 'every-entry',
      openStream: (file, saved) => new MlflowStream(file, keys.get(file) ?? file, saved),
      facts: () => mlflowRunFacts(fileRunInfo(run), parents, run.metaMtimeMs),
      status: (lastTimeSeconds) => mlflowRunStatus(run.meta.status, run.meta.startTimeMs, run.meta.endTimeMs, lastTimeSeconds),
    };
  });
}
