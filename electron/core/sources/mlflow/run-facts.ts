// What an MLflow run offers to a field mapping: params.<key>, tags.<key>, experiment.id,
// experiment.name, run.id, run.name, run.user, run.status, and for nested runs run.parent (the
// parent's lab-store id) with run.root (the outermost ancestor's; a run without a parent is its own
// root, so `--map group=run.root` groups each run with the runs nested under it). Experiments
// become groups, mlflow.runName the name, mlflow.user the owner. Params are text in MLflow and stay
// the text that was logged ("007", "3e-4", "1.0"): a mapping parses numbers where it needs them.

import type { FactValue, SourceRunFacts } from '../field-mapping';
import { deriveRunId } from '../run-id';

export const RUN_NAME_TAG = 'mlflow.runName';
export const USER_TAG = 'mlflow.user';
export const PARENT_TAG = 'mlflow.parentRunId';

/** What the file store and the SQLite store both know of a run. */
export interface MlflowRunInfo {
  /** Lab-store id. */
  id: string;
  runId: string;
  name: string;
  userId?: string;
  status: string;
  startTimeMs?: number;
  experiment: { experimentId: string; name: string };
  params: Record<string, string>;
  tags: Record<string, string>;
}

/** run id → parent run id, for finding each run's outermost ancestor. */
export type MlflowParents = ReadonlyMap<string, string>;

function rootOf(runId: string, parents: MlflowParents): string {
  let at = runId;
  const seen = new Set<string>();
  for (let parent = parents.get(at); parent !== undefined && !seen.has(parent); parent = parents.get(at)) {
    seen.add(at);
    at = parent;
  }
  return at;
}

export function mlflowRunFacts(run: MlflowRunInfo, parents: MlflowParents = new Map(), fallbackCreatedMs = 0): SourceRunFacts {
  const fields: Record<string, FactValue> = {
    'experiment.id': run.experiment.experimentId,
    'experiment.name': run.experiment.name,
    'run.id': run.runId,
    'run.name': run.name,
    'run.status': run.status,
  };
  const owner = run.tags[USER_TAG]?.trim() || run.userId;
  if (owner) fields['run.user'] = owner;
  const config: Record<string, FactValue> = { ...run.params };
  for (const [key, value] of Object.entries(run.params)) fields[`params.${key}`] = value;
  for (const [key, value] of Object.entries(run.tags)) fields[`tags.${key}`] = value;
  const parent = run.tags[PARENT_TAG]?.trim();
  if (parent) {
    fields['run.parent'] = deriveRunId(parent);
    config.parent_run = deriveRunId(parent);
  }
  fields['run.root'] = deriveRunId(rootOf(run.runId, parents));
  return {
    id: run.id,
    name: run.name,
    createdAt: new Date(run.startTimeMs ?? fallbackCreatedMs).toISOString(),
    owner,
    group: run.experiment.name,
    fields,
    config,
  };
}

/** Each run's parent, from the mlflow.parentRunId tags. */
export function mlflowParents(runs: Iterable<Pick<MlflowRunInfo, 'runId' | 'tags'>>): Map<string, string> {
  const parents = new Map<string, string>();
  for (const run of runs) {
    const parent = run.tags[PARENT_TAG]?.trim();
    if (parent) parents.set(run.runId, parent);
  }
  return parents;
}
