// The folder layout of an MLflow file store (mlflow/store/tracking/file_store.py):
//   <root>/<experiment_id>/meta.yaml                       the experiment
//   <root>/<experiment_id>/<run_id>/meta.yaml              a run
//   <root>/<experiment_id>/<run_id>/metrics/<key>          "timestamp value step" lines; '/' in a key is a folder
//   <root>/<experiment_id>/<run_id>/params/<key>           the value, nothing else
//   <root>/<experiment_id>/<run_id>/tags/<key>             the value, nothing else
// Not runs: <root>/.trash (deleted experiments), <root>/models (model registry), and in an
// experiment the reserved folders tags/, datasets/, traces/ (and models/ for logged models).
// Run folders also hold artifacts/, inputs/, outputs/…, which are ignored.

import { isSafeRelativePath, type SourceListingEntry } from '../source-types';

export const TRASH_FOLDER = '.trash';
const ROOT_NOT_EXPERIMENTS = new Set([TRASH_FOLDER, 'models']);
const EXPERIMENT_NOT_RUNS = new Set(['tags', 'datasets', 'traces', 'models']);
const RUN_DATA = new Set(['metrics', 'params', 'tags']);

export interface MlflowKeyedFile {
  key: string;
  entry: SourceListingEntry;
}

export interface MlflowRunLayout {
  /** Experiment folder, relative to the source root (includes the detected store prefix). */
  experimentDir: string;
  /** The run's folder name, which MLflow makes equal to its run_id. */
  folder: string;
  dir: string;
  meta?: SourceListingEntry;
  metrics: MlflowKeyedFile[];
  params: MlflowKeyedFile[];
  tags: MlflowKeyedFile[];
}

export interface MlflowExperimentLayout {
  /** The experiment folder name, which MLflow makes equal to its experiment_id. */
  folder: string;
  dir: string;
  meta?: SourceListingEntry;
  runs: MlflowRunLayout[];
}

export interface MlflowStoreLayout {
  /** '' when the listing root is the store, 'mlruns' when it is the project folder holding it. */
  prefix: string;
  experiments: MlflowExperimentLayout[];
}

/** Folders a walk need not enter: trash, registry and logged models, artifacts (which can be huge). */
export function isMlflowIgnoredDir(relativeDir: string): boolean {
  const parts = relativeDir.split('/');
  // Inside a run's metrics/, params/ or tags/ every folder is part of a key name.
  if (parts.some((part, i) => i >= 2 && RUN_DATA.has(part))) return false;
  const name = parts[parts.length - 1]!;
  return name === TRASH_FOLDER || name === 'artifacts' || name === 'models';
}

export function discoverMlflowStore(listing: Iterable<SourceListingEntry>): MlflowStoreLayout {
  const entries = [...listing].filter((e) => isSafeRelativePath(e.path));
  const hasTopLevelExperiment = entries.some((e) => /^[^/]+\/meta\.yaml$/.test(e.path) && !ROOT_NOT_EXPERIMENTS.has(e.path.split('/')[0]!));
  const prefix = !hasTopLevelExperiment && entries.some((e) => /^mlruns\/[^/]+\/meta\.yaml$/.test(e.path)) ? 'mlruns' : '';
  const experiments = new Map<string, MlflowExperimentLayout>();
  const experiment = (folder: string): MlflowExperimentLayout => {
    let exp = experiments.get(folder);
    if (!exp) {
      exp = { folder, dir: join(prefix, folder), runs: [] };
      experiments.set(folder, exp);
    }
    return exp;
  };
  const runs = new Map<string, MlflowRunLayout>();
  const run = (expFolder: string, folder: string): MlflowRunLayout => {
    const id = `${expFolder}/${folder}`;
    let r = runs.get(id);
    if (!r) {
      const exp = experiment(expFolder);
      r = { experimentDir: exp.dir, folder, dir: `${exp.dir}/${folder}`, metrics: [], params: [], tags: [] };
      runs.set(id, r);
      exp.runs.push(r);
    }
    return r;
  };

  for (const entry of entries) {
    const rel = prefix === '' ? entry.path : entry.path.startsWith(`${prefix}/`) ? entry.path.slice(prefix.length + 1) : undefined;
    if (rel === undefined) continue;
    const parts = rel.split('/');
    if (parts.length < 2 || ROOT_NOT_EXPERIMENTS.has(parts[0]!)) continue;
    const [expFolder, second] = parts as [string, string];
    if (parts.length === 2) {
      if (second === 'meta.yaml') experiment(expFolder).meta = entry;
      continue;
    }
    if (EXPERIMENT_NOT_RUNS.has(second)) continue;
    if (parts.length === 3) {
      if (parts[2] === 'meta.yaml') run(expFolder, second).meta = entry;
      continue;
    }
    const kind = parts[2]!;
    if (!RUN_DATA.has(kind)) continue;
    const file = { key: parts.slice(3).join('/'), entry };
    const r = run(expFolder, second);
    if (kind === 'metrics') r.metrics.push(file);
    else if (kind === 'params') r.params.push(file);
    else r.tags.push(file);
  }
  const byName = <T extends { folder: string }>(a: T, b: T): number => (a.folder < b.folder ? -1 : a.folder > b.folder ? 1 : 0);
  const list = [...experiments.values()].sort(byName);
  for (const exp of list) exp.runs.sort(byName);
  return { prefix, experiments: list };
}

function join(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}/${name}`;
}
