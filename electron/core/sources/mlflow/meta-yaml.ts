// meta.yaml of MLflow experiments and runs, as FileStore writes them with yaml.safe_dump.
// Experiment: {experiment_id, name, lifecycle_stage, artifact_location, creation_time, last_update_time}
// Run: {run_id, run_uuid, run_name, experiment_id, user_id, status, start_time, end_time,
//       lifecycle_stage, artifact_uri, deleted_time, …}. status is stored as the RunStatus enum number
// (RUNNING=1, SCHEDULED=2, FINISHED=3, FAILED=4, KILLED=5). Older stores lack run_id, run_name and
// lifecycle_stage (meaning active) and may hold experiment_id as an integer.

import { YAMLParseError, isScalar, parseDocument } from 'yaml';
import type { SourceIssue } from '../source-types';

export type MlflowRunStatus = 'running' | 'scheduled' | 'finished' | 'failed' | 'killed';
const STATUS_BY_NUMBER: Record<number, MlflowRunStatus> = { 1: 'running', 2: 'scheduled', 3: 'finished', 4: 'failed', 5: 'killed' };

export interface MlflowExperimentMeta {
  experimentId: string;
  name: string;
  deleted: boolean;
  creationTimeMs?: number;
}

export interface MlflowRunMeta {
  runId: string;
  experimentId: string;
  runName?: string;
  userId?: string;
  status: MlflowRunStatus;
  startTimeMs?: number;
  endTimeMs?: number;
  deleted: boolean;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; issue: SourceIssue };

/**
 * A sync pass reads every meta.yaml again (from the texts it keeps), and YAML parsing dominates a
 * pass that finds nothing new; the same text of the same file parses to the same result, so it is
 * remembered (bounded: a store with more files than this just parses some of them again).
 */
const MEMO_LIMIT = 50_000;
const memo = new Map<string, Parsed<unknown>>();

function remembered<T>(kind: string, text: string, file: string, parse: () => Parsed<T>): Parsed<T> {
  const key = `${kind}\0${file}\0${text}`;
  const hit = memo.get(key) as Parsed<T> | undefined;
  if (hit) return hit;
  const parsed = parse();
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, parsed);
  return parsed;
}

export function parseExperimentMeta(text: string, file: string): Parsed<MlflowExperimentMeta> {
  return remembered('experiment', text, file, () => parseExperimentMetaText(text, file));
}

export function parseRunMeta(text: string, file: string): Parsed<MlflowRunMeta> {
  return remembered('run', text, file, () => parseRunMetaText(text, file));
}

function parseExperimentMetaText(text: string, file: string): Parsed<MlflowExperimentMeta> {
  const doc = parseYamlMapping(text, file);
  if (!doc.ok) return doc;
  const m = doc.value;
  const experimentId = m.text('experiment_id');
  if (experimentId === undefined) return missing(file, 'experiment_id', 'a string or integer id');
  return {
    ok: true,
    value: {
      experimentId,
      name: m.text('name') ?? experimentId,
      deleted: m.value('lifecycle_stage') === 'deleted',
      creationTimeMs: finite(m.value('creation_time')),
    },
  };
}

function parseRunMetaText(text: string, file: string): Parsed<MlflowRunMeta> {
  const doc = parseYamlMapping(text, file);
  if (!doc.ok) return doc;
  const m = doc.value;
  const runId = m.text('run_id') ?? m.text('run_uuid');
  if (runId === undefined) return missing(file, 'run_id', 'the run id (or run_uuid in old stores)');
  const experimentId = m.text('experiment_id');
  if (experimentId === undefined) return missing(file, 'experiment_id', 'a string or integer id');
  const status = statusOf(m.value('status'));
  if (status === undefined) {
    return {
      ok: false,
      issue: { file, field: 'status', code: 'invalid-field', reason: `unknown run status ${JSON.stringify(m.value('status'))}`, expected: '1-5 or RUNNING, SCHEDULED, FINISHED, FAILED, KILLED' },
    };
  }
  return {
    ok: true,
    value: {
      runId,
      experimentId,
      runName: m.text('run_name'),
      userId: m.text('user_id'),
      status,
      startTimeMs: finite(m.value('start_time')),
      endTimeMs: finite(m.value('end_time')),
      deleted: m.value('lifecycle_stage') === 'deleted',
    },
  };
}

interface MetaFields {
  /** A field as text, exactly as written when YAML would have read it as a number (ids like 1e10, 0123). */
  text(name: string): string | undefined;
  value(name: string): unknown;
}

function parseYamlMapping(text: string, file: string): Parsed<MetaFields> {
  try {
    // PyYAML writes these files with YAML 1.1 rules.
    const doc = parseDocument(text, { version: '1.1' });
    const firstError = doc.errors[0];
    if (firstError) throw firstError;
    const js: unknown = doc.toJS();
    if (js === null || typeof js !== 'object' || Array.isArray(js)) {
      return { ok: false, issue: { file, code: 'not-object', reason: 'meta.yaml is not a mapping of fields', expected: 'a YAML mapping' } };
    }
    const values = js as Record<string, unknown>;
    return {
      ok: true,
      value: {
        value: (name) => values[name],
        text: (name) => {
          const node = doc.get(name, true);
          if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
          const raw = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
          return raw === '' ? undefined : raw;
        },
      },
    };
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    return { ok: false, issue: { file, line: error.linePos?.[0].line, code: 'invalid-yaml', reason: `not valid YAML: ${error.message.split('\n')[0]}` } };
  }
}

function statusOf(value: unknown): MlflowRunStatus | undefined {
  if (value === undefined || value === null) return 'running';
  if (typeof value === 'number') return STATUS_BY_NUMBER[value];
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    return Object.values(STATUS_BY_NUMBER).find((s) => s === lower);
  }
  return undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function missing<T>(file: string, field: string, expected: string): Parsed<T> {
  return { ok: false, issue: { file, field, code: 'missing-field', reason: 'missing or empty', expected } };
}
