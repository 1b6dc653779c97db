// What a TensorBoard run offers to a field mapping. TensorBoard has no params of its own, so a
// mapping can name the run's folder ('path', or one segment: 'path.0' is the first folder) and
// the HParams plugin's values ('hparams.<name>'), which tf.summary / PyTorch add_hparams log.
// Note PyTorch's add_hparams writes into a sub-folder of its own, which is a run of its own here.

import type { FactValue, SourceRunFacts } from '../field-mapping';
import type { SessionStartInfo } from './hparams';
import { tensorboardRunStartTime, type TensorboardRun } from './run-discovery';

export function tensorboardRunFacts(run: TensorboardRun, session?: SessionStartInfo): SourceRunFacts {
  const fields: Record<string, FactValue> = { path: run.dir };
  run.dir.split('/').forEach((segment, i) => {
    if (segment !== '') fields[`path.${i}`] = segment;
  });
  const config: Record<string, FactValue> = {};
  for (const [name, value] of Object.entries(session?.hparams ?? {})) {
    fields[`hparams.${name}`] = value;
    config[name] = value;
  }
  const startSeconds =
    tensorboardRunStartTime(run) ??
    session?.startTimeSecs ??
    Math.min(...run.files.map((f) => (f.mtimeMs ?? 0) / 1000));
  return {
    id: run.id,
    name: run.dir === '' ? '(log directory)' : run.dir,
    createdAt: new Date((Number.isFinite(startSeconds) ? startSeconds : 0) * 1000).toISOString(),
    fields,
    config,
  };
}
