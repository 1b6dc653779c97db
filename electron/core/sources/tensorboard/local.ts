// TensorBoard log directories on a local disk: the folder transport wired to the pure readers.

import { listLocalTree, localFileAccess } from '../local-files';
import { discoverTensorboardRuns, type TensorboardRun } from './run-discovery';
import { readTensorboardRun, type TensorboardRunBatch, type TensorboardRunCursor } from './run-reader';

export async function discoverLocalTensorboardRuns(logdir: string): Promise<TensorboardRun[]> {
  return discoverTensorboardRuns(await listLocalTree(logdir));
}

export function readLocalTensorboardRun(logdir: string, run: TensorboardRun, cursor: TensorboardRunCursor): AsyncGenerator<TensorboardRunBatch> {
  return readTensorboardRun(run, cursor, localFileAccess(logdir));
}
