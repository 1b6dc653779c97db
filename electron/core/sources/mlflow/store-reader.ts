// Reads what an MLflow file store says about its runs (meta.yaml, params, tags), and their metric
// files incrementally from saved cursors. Deleted runs and runs of deleted experiments are skipped,
// as MLflow's own ACTIVE_ONLY view skips them.

import { deriveRunId } from '../run-id';
import type { MetricPoint, SourceFileAccess, SourceIssue } from '../source-types';
import { parseExperimentMeta, parseRunMeta, type MlflowExperimentMeta, type MlflowRunMeta } from './meta-yaml';
import { MlflowMetricReader, initialMlflowMetricCursor, type MlflowMetricCursor } from './metric-reader';
import type { MlflowKeyedFile, MlflowRunLayout, MlflowStoreLayout } from './store-layout';
import { RUN_NAME_TAG, type MlflowRunInfo } from './run-facts';

export interface MlflowRun {
  /** Lab-store id derived from the MLflow run id (a 32-digit hex uuid passes through unchanged). */
  id: string;
  meta: MlflowRunMeta;
  experiment: MlflowExperimentMeta;
  /** mlflow.runName tag, else run_name, else the run id. */
  name: string;
  params: Record<string, string>;
  tags: Record<string, string>;
  layout: MlflowRunLayout;
  /** Time of meta.yaml's last change, for runs whose meta.yaml has no start_time. */
  metaMtimeMs?: number;
}

/** What the facts need of a file-store run. */
export function fileRunInfo(run: MlflowRun): MlflowRunInfo {
  return {
    id: run.id,
    runId: run.meta.runId,
    name: run.name,
    userId: run.meta.userId,
    status: run.meta.status,
    startTimeMs: run.meta.startTimeMs,
    experiment: run.experiment,
    params: run.params,
    tags: run.tags,
  };
}

export interface MlflowStoreRead {
  runs: MlflowRun[];
  issues: SourceIssue[];
}

export async function loadMlflowRuns(layout: MlflowStoreLayout, access: Pick<SourceFileAccess, 'readText'>): Promise<MlflowStoreRead> {
  const out: MlflowStoreRead = { runs: [], issues: [] };
  for (const exp of layout.experiments) {
    if (!exp.meta) {
      if (exp.runs.some((r) => r.meta)) out.issues.push({ file: `${exp.dir}/meta.yaml`, code: 'missing-file', reason: 'experiment folder has runs but no meta.yaml; its runs are skipped' });
      continue;
    }
    const expMeta = parseExperimentMeta(await access.readText(exp.meta.path), exp.meta.path);
    if (!expMeta.ok) {
      out.issues.push(expMeta.issue);
      continue;
    }
    if (expMeta.value.deleted) continue;
    if (expMeta.value.experimentId !== exp.folder) {
      out.issues.push({ file: exp.meta.path, field: 'experiment_id', code: 'id-mismatch', reason: `says "${expMeta.value.experimentId}" but the folder is "${exp.folder}"; MLflow ignores such experiments` });
      continue;
    }
    for (const runLayout of exp.runs) {
      const run = await loadRun(runLayout, expMeta.value, access, out.issues);
      if (run) out.runs.push(run);
    }
  }
  return out;
}

async function loadRun(
  layout: MlflowRunLayout,
  experiment: MlflowExperimentMeta,
  access: Pick<SourceFileAccess, 'readText'>,
  issues: SourceIssue[],
): Promise<MlflowRun | undefined> {
  // A folder without meta.yaml is not a run (MLflow skips it quietly too: artifact stores share the tree).
  if (!layout.meta) return undefined;
  const meta = parseRunMeta(await access.readText(layout.meta.path), layout.meta.path);
  if (!meta.ok) {
    issues.push(meta.issue);
    return undefined;
  }
  if (meta.value.deleted) return undefined;
  if (meta.value.runId !== layout.folder) {
    issues.push({ file: layout.meta.path, field: 'run_id', code: 'id-mismatch', reason: `says "${meta.value.runId}" but the folder is "${layout.folder}"; the run is skipped` });
    return undefined;
  }
  if (meta.value.experimentId !== experiment.experimentId) {
    issues.push({ file: layout.meta.path, field: 'experiment_id', code: 'id-mismatch', reason: `says "${meta.value.experimentId}" but the run sits in experiment "${experiment.experimentId}"; MLflow ignores such runs` });
    return undefined;
  }
  // Old MLflow versions wrote params with a final newline, current ones without.
  const params = await readValues(layout.params, access, (text) => text.replace(/\r?\n$/, ''));
  const tags = await readValues(layout.tags, access, (text) => text);
  const name = tags[RUN_NAME_TAG]?.trim() || meta.value.runName || meta.value.runId;
  return {
    id: deriveRunId(meta.value.runId),
    meta: meta.value,
    experiment,
    name,
    params,
    tags,
    layout,
    metaMtimeMs: layout.meta.mtimeMs,
  };
}

async function readValues(
  files: MlflowKeyedFile[],
  access: Pick<SourceFileAccess, 'readText'>,
  clean: (text: string) => string,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const f of files) values[f.key] = clean(await access.readText(f.entry.path));
  return values;
}

export interface MlflowRunCursor {
  /** Keyed by metric file path relative to the source root. */
  files: Record<string, MlflowMetricCursor>;
}

export const initialMlflowRunCursor = (): MlflowRunCursor => ({ files: {} });

export interface MlflowMetricsBatch {
  file: string;
  points: MetricPoint[];
  issues: SourceIssue[];
  cursor: MlflowRunCursor;
  /** A metric file shrank: it was rewritten, so the run is read again from scratch (first batch only). */
  restarted: boolean;
}

/** New metric lines of a run since `cursor`, one batch per chunk read, each with the cursor to resume from. */
export async function* readMlflowRunMetrics(
  run: Pick<MlflowRun, 'layout'>,
  cursor: MlflowRunCursor,
  access: Pick<SourceFileAccess, 'readFrom'>,
): AsyncGenerator<MlflowMetricsBatch> {
  const metrics = run.layout.metrics;
  const rewritten = metrics.some((m) => (cursor.files[m.entry.path]?.offset ?? 0) > m.entry.size);
  let files: Record<string, MlflowMetricCursor> = rewritten ? {} : { ...cursor.files };
  if (rewritten) yield { file: run.layout.dir, points: [], issues: [], cursor: { files: {} }, restarted: true };
  for (const metric of metrics) {
    const saved = files[metric.entry.path] ?? initialMlflowMetricCursor();
    if (saved.offset >= metric.entry.size) continue;
    const reader = new MlflowMetricReader(metric.entry.path, metric.key, saved);
    for await (const chunk of access.readFrom(metric.entry.path, saved.offset)) {
      const batch = reader.push(chunk);
      files = { ...files, [metric.entry.path]: reader.cursor };
      if (batch.points.length > 0 || batch.issues.length > 0) yield { file: metric.entry.path, ...batch, cursor: { files }, restarted: false };
    }
    files = { ...files, [metric.entry.path]: reader.cursor };
    yield { file: metric.entry.path, points: [], issues: [], cursor: { files }, restarted: false };
  }
}
