// runs/<run-id>/status.json: how the run is doing. A bad field is reported and left empty.
import { enumSpec, FieldReader, fieldSpecs } from './field-reader';
import { describeValue } from './store-ids';
import type { IssueList } from './sync-issue';
import { decodeStoreText, isPlainObject, parseJsonText } from './store-text';

export const RUN_STATES = ['running', 'finished', 'failed', 'killed'] as const;
export type RunState = (typeof RUN_STATES)[number];

export interface RunStatus {
  state: RunState | null;
  updatedAt: string | null;
  message: string | null;
}

const EXPECTED = '{"state": "running" | "finished" | "failed" | "killed", "updated_at": "…", "message": "…"}';

export function parseRunStatus(bytes: Uint8Array, issues: IssueList): RunStatus {
  const empty: RunStatus = { state: null, updatedAt: null, message: null };
  const text = decodeStoreText(bytes, issues, EXPECTED);
  const json = text === null ? undefined : parseJsonText(text, issues, EXPECTED);
  if (json === undefined) return empty;
  if (!isPlainObject(json)) {
    issues.add('not-object', `status.json is ${describeValue(json)}, not a JSON object.`, EXPECTED);
    return empty;
  }
  const fields = new FieldReader(json, issues);
  return {
    state: fields.required('state', enumSpec(RUN_STATES)) ?? null,
    updatedAt: fields.optional('updated_at', fieldSpecs.time) ?? null,
    message: fields.optional('message', fieldSpecs.label) ?? null,
  };
}
