// What an MLflow run offers to a field mapping: params.<key>, tags.<key>, experiment.id,
// experiment.name, run.id, run.name, run.user, run.status. Experiments become groups,
// mlflow.runName the name, mlflow.user the owner, params the config.

import type { FactValue, SourceRunFacts } from '../field-mapping';
import { typedConfigValue } from '../field-mapping';
import { USER_TAG, type MlflowRun } from './store-reader';

export function mlflowRunFacts(run: MlflowRun): SourceRunFacts {
  const fields: Record<string, FactValue> = {
    'experiment.id': run.experiment.experimentId,
    'experiment.name': run.experiment.name,
    'run.id': run.meta.runId,
    'run.name': run.name,
    'run.status': run.meta.status,
  };
  const owner = run.tags[USER_TAG]?.trim() || run.meta.userId;
  if (owner) fields['run.user'] = owner;
  const config: Record<string, FactValue> = {};
  for (const [key, value] of Object.entries(run.params)) {
    fields[`params.${key}`] = value;
    config[key] = typedConfigValue(value);
  }
  for (const [key, value] of Object.entries(run.tags)) fields[`tags.${key}`] = value;
  const createdMs = run.meta.startTimeMs ?? run.metaMtimeMs ?? 0;
  return {
    id: run.id,
    name: run.name,
    createdAt: new Date(createdMs).toISOString(),
    owner,
    group: run.experiment.name,
    fields,
    config,
  };
}
