// MLflow file stores on a local disk: the folder transport wired to the pure readers.

import { listLocalTree, localFileAccess } from '../local-files';
import { discoverMlflowStore, isMlflowIgnoredDir, type MlflowStoreLayout } from './store-layout';
import { loadMlflowRuns, readMlflowRunMetrics, type MlflowMetricsBatch, type MlflowRun, type MlflowRunCursor, type MlflowStoreRead } from './store-reader';

export async function loadLocalMlflowStore(root: string): Promise<MlflowStoreRead & { layout: MlflowStoreLayout }> {
  const layout = discoverMlflowStore(await listLocalTree(root, { skipDir: isMlflowIgnoredDir }));
  return { layout, ...(await loadMlflowRuns(layout, localFileAccess(root))) };
}

export function readLocalMlflowRunMetrics(root: string, run: MlflowRun, cursor: MlflowRunCursor): AsyncGenerator<MlflowMetricsBatch> {
  return readMlflowRunMetrics(run, cursor, localFileAccess(root));
}
