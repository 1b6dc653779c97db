// A folder of W&B runs, as wandb leaves them on disk: wandb/offline-run-<yyyymmdd_hhmmss>-<id>/run-<id>.wandb
// for offline runs and wandb/run-<…>-<id>/run-<id>.wandb for online ones, anywhere under the root. A run
// resumed later (wandb.init(id=…, resume=…)) gets a folder of its own with the same id: its files join
// into one run, oldest folder first. Works on a plain listing so any transport can supply it.

import { deriveRunId } from '../run-id';
import { isSafeRelativePath, type SourceListingEntry } from '../source-types';

export interface WandbRunFiles {
  /** Lab-store id derived from W&B's run id. */
  id: string;
  /** W&B's run id, from the file name. */
  wandbId: string;
  /** Its run files, in the order they were started. */
  files: SourceListingEntry[];
}

const RUN_FILE = /^run-([A-Za-z0-9_-]+)\.wandb$/;
const RUN_FOLDER = /^(?:offline-)?run-(\d{8}_\d{6})-/;

/** What a run folder holds besides its log: uploads, media and logs, which can be large. */
export function isWandbIgnoredDir(relativeDir: string, name: string): boolean {
  const parent = relativeDir.split('/').slice(-2, -1)[0] ?? '';
  return RUN_FOLDER.test(parent) && (name === 'files' || name === 'logs' || name === 'tmp');
}

/** When a file's folder says it was started (its name's timestamp), else its path, to order a resumed run's files. */
function startKey(path: string): string {
  const folder = path.split('/').slice(-2, -1)[0] ?? '';
  const match = RUN_FOLDER.exec(folder);
  return `${match ? match[1] : ''}\u0000${path}`;
}

export function discoverWandbRuns(listing: Iterable<SourceListingEntry>): WandbRunFiles[] {
  const byId = new Map<string, SourceListingEntry[]>();
  for (const entry of listing) {
    if (!isSafeRelativePath(entry.path)) continue;
    const match = RUN_FILE.exec(entry.path.slice(entry.path.lastIndexOf('/') + 1));
    if (!match) continue;
    byId.set(match[1]!, [...(byId.get(match[1]!) ?? []), entry]);
  }
  return [...byId.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([wandbId, files]) => ({
      id: deriveRunId(wandbId),
      wandbId,
      files: files.sort((a, b) => (startKey(a.path) < startKey(b.path) ? -1 : 1)),
    }));
}
