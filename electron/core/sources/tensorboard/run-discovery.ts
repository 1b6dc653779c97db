// A TensorBoard log directory: every folder holding events files is a run, as TensorBoard itself
// sees it. Works on a plain listing so any transport (local folder, SFTP) can supply it.

import { deriveRunId } from '../run-id';
import { isSafeRelativePath, type SourceListingEntry } from '../source-types';

export interface TensorboardRun {
  /** Lab-store id derived from `dir`. */
  id: string;
  /** Folder relative to the log directory, '' for the log directory itself. */
  dir: string;
  /** Its events files, oldest first: the name carries the creation time, so name order is time order. */
  files: SourceListingEntry[];
}

/** TensorBoard's own test (io_wrapper.IsTensorFlowEventsFile): the base name contains "tfevents". */
export function isEventsFileName(name: string): boolean {
  return name.includes('tfevents');
}

export function discoverTensorboardRuns(listing: Iterable<SourceListingEntry>): TensorboardRun[] {
  const byDir = new Map<string, SourceListingEntry[]>();
  for (const entry of listing) {
    if (!isSafeRelativePath(entry.path)) continue;
    const slash = entry.path.lastIndexOf('/');
    const name = entry.path.slice(slash + 1);
    if (!isEventsFileName(name)) continue;
    const dir = slash < 0 ? '' : entry.path.slice(0, slash);
    const files = byDir.get(dir) ?? [];
    files.push(entry);
    byDir.set(dir, files);
  }
  return [...byDir.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([dir, files]) => ({
      id: deriveRunId(dir),
      dir,
      files: files.sort((a, b) => compareCodeUnits(a.path, b.path)),
    }));
}

/** Creation time from the first file name (events.out.tfevents.<unix seconds>.<host>…), if it has one. */
export function tensorboardRunStartTime(run: TensorboardRun): number | undefined {
  const first = run.files[0];
  if (!first) return undefined;
  const match = /tfevents\.(\d{9,11})(?:\.|$)/.exec(first.path.slice(first.path.lastIndexOf('/') + 1));
  return match ? Number(match[1]) : undefined;
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
