// Writes an MLflow file store the way mlflow/store/tracking/file_store.py does: meta.yaml as
// yaml.safe_dump writes it (sorted keys, block style, status as the RunStatus number), metric lines
// "timestamp value step\n" with Python's float repr, params and tags as bare file contents.

import { appendFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const RUN_STATUS = { RUNNING: 1, SCHEDULED: 2, FINISHED: 3, FAILED: 4, KILLED: 5 } as const;

/** Python's repr(float): 1.0, 0.1, 1e-05, 1e+16, nan, inf, -inf. */
export function pythonFloat(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  const a = Math.abs(value);
  if (a !== 0 && (a < 1e-4 || a >= 1e16)) {
    return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

function yamlScalar(value: string | number | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return String(value);
  // safe_dump quotes strings that would read back as something else.
  if (value === '' || /^[\d.+-]/.test(value) || /^(null|true|false|yes|no|on|off|~)$/i.test(value) || /[:#'"]/.test(value)) {
    return `'${value.replace(/'/g, "''")}'`;
  }
  return value;
}

function safeDump(fields: Record<string, string | number | null | []>): string {
  return Object.keys(fields)
    .sort()
    .map((k) => {
      const v = fields[k]!;
      return `${k}: ${Array.isArray(v) ? '[]' : yamlScalar(v)}\n`;
    })
    .join('');
}

export interface RunOptions {
  runId: string;
  runName?: string;
  user?: string;
  startTime?: number;
  status?: number;
  /** Old stores: no run_id/run_name/lifecycle_stage in meta.yaml. */
  legacyMeta?: boolean;
}

export class MlflowStoreWriter {
  constructor(readonly root: string) {
    mkdirSync(join(root, '.trash'), { recursive: true });
  }

  experiment(id: string, name: string, creationTime = 1_700_000_000_000): this {
    const dir = join(this.root, id);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'meta.yaml'),
      safeDump({
        artifact_location: `file://${dir}`,
        creation_time: creationTime,
        experiment_id: id,
        last_update_time: creationTime,
        lifecycle_stage: 'active',
        name,
      }),
    );
    return this;
  }

  run(experimentId: string, options: RunOptions): MlflowRunWriter {
    return new MlflowRunWriter(join(this.root, experimentId), experimentId, options);
  }

  experimentTag(experimentId: string, key: string, value: string): this {
    writeFile(join(this.root, experimentId, 'tags', key), value);
    return this;
  }

  /** FileStore.delete_experiment: lifecycle_stage deleted, then the folder moves into .trash. */
  deleteExperiment(id: string, name: string): this {
    const dir = join(this.root, id);
    writeFileSync(
      join(dir, 'meta.yaml'),
      safeDump({ artifact_location: `file://${dir}`, creation_time: 1, experiment_id: id, last_update_time: 2, lifecycle_stage: 'deleted', name }),
    );
    renameSync(dir, join(this.root, '.trash', id));
    return this;
  }
}

export class MlflowRunWriter {
  readonly dir: string;

  constructor(experimentDir: string, readonly experimentId: string, readonly options: RunOptions) {
    this.dir = join(experimentDir, options.runId);
    mkdirSync(join(this.dir, 'metrics'), { recursive: true });
    mkdirSync(join(this.dir, 'params'), { recursive: true });
    mkdirSync(join(this.dir, 'artifacts'), { recursive: true });
    this.writeMeta('active', null);
    if (options.runName !== undefined) this.tag('mlflow.runName', options.runName);
    if (options.user !== undefined) this.tag('mlflow.user', options.user);
  }

  private writeMeta(lifecycle: string, deletedTime: number | null, endTime: number | null = null, status?: number): void {
    const o = this.options;
    const common = {
      artifact_uri: `file://${this.dir}/artifacts`,
      end_time: endTime,
      entry_point_name: '',
      experiment_id: this.experimentId,
      run_uuid: o.runId,
      source_name: '',
      source_type: 4,
      source_version: '',
      start_time: o.startTime ?? 1_700_000_000_000,
      status: status ?? o.status ?? RUN_STATUS.RUNNING,
      tags: [] as [],
      user_id: o.user ?? 'unknown',
    };
    const meta = o.legacyMeta
      ? common
      : { ...common, deleted_time: deletedTime, lifecycle_stage: lifecycle, run_id: o.runId, run_name: o.runName ?? '' };
    writeFileSync(join(this.dir, 'meta.yaml'), safeDump(meta));
  }

  /** log_metric: one appended line. `legacy` leaves the step out, as MLflow before 0.9 did. */
  metric(key: string, value: number, timestamp: number, step: number, legacy = false): this {
    const line = legacy ? `${timestamp} ${pythonFloat(value)}\n` : `${timestamp} ${pythonFloat(value)} ${step}\n`;
    const path = join(this.dir, 'metrics', key);
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, line);
    return this;
  }

  /** Appends raw text to a metric file, to write partial or malformed lines. */
  metricText(key: string, text: string): this {
    const path = join(this.dir, 'metrics', key);
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, text);
    return this;
  }

  /** log_param writes the value alone; MLflow before 1.0 added a final newline. */
  param(key: string, value: string, legacyNewline = false): this {
    writeFile(join(this.dir, 'params', key), legacyNewline ? `${value}\n` : value);
    return this;
  }

  tag(key: string, value: string): this {
    writeFile(join(this.dir, 'tags', key), value);
    return this;
  }

  artifact(relPath: string, content: string): this {
    writeFile(join(this.dir, 'artifacts', relPath), content);
    return this;
  }

  finish(endTime: number, status: number = RUN_STATUS.FINISHED): this {
    this.writeMeta('active', null, endTime, status);
    return this;
  }

  /** FileStore.delete_run: the folder stays, meta.yaml says deleted. */
  delete(deletedTime = 1_700_000_900_000): this {
    this.writeMeta('deleted', deletedTime);
    return this;
  }
}

function writeFile(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
}
