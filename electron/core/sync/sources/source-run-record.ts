// A foreign run as the lab store would describe it: the facts a source knows, through the field
// mapping, written as a run.json and read back with the lab store's own run.json parser, so an
// imported run gets the same fields, checks and defaults (flops = 6·N·D) as a native one and joins
// scaling fits and ablations the same way.
import { applyFieldMapping, type FieldMapping, type MappedRun, type SourceRunFacts } from '../../sources/field-mapping';
import { RUN_ID_PATTERN } from '../../sources/run-id';
import { toSyncIssue } from '../../sources/source-types';
import { parseRunFile, type RunRecord } from '../../store/parse-run-file';
import { IssueList, type SyncIssue } from '../../store/sync-issue';

export interface SourceRunRecord {
  record: RunRecord | null;
  /** The run.json it amounts to, as stored in runs.raw_json: equal text means nothing changed. */
  rawJson: string;
  issues: SyncIssue[];
}

/** The run.json object of a mapped run, keys in the lab store's order. */
function runJsonOf(run: MappedRun): Record<string, unknown> {
  const json: Record<string, unknown> = { id: run.id, name: run.name, created_at: run.created_at };
  // owner is a team.yaml id; a source's user name that cannot be one (an e-mail address) is left out.
  if (run.owner !== undefined && RUN_ID_PATTERN.test(run.owner)) json.owner = run.owner;
  if (run.group !== undefined) json.group = run.group;
  if (run.ablation !== undefined) json.ablation = run.ablation;
  if (run.variant !== undefined) json.variant = run.variant;
  if (run.seed !== undefined) json.seed = run.seed;
  if (run.model) json.model = run.model;
  if (run.data) json.data = run.data;
  if (run.compute) json.compute = run.compute;
  json.config = run.config;
  if (run.tags) json.tags = run.tags;
  return json;
}

/** `issuePath`: where the run's issues are listed (its meta.yaml, its folder). */
export function sourceRunRecord(facts: SourceRunFacts, mapping: FieldMapping, issuePath: string): SourceRunRecord {
  const mapped = applyFieldMapping(facts, mapping, issuePath);
  const rawJson = JSON.stringify(runJsonOf(mapped.run));
  const list = new IssueList(issuePath);
  const record = parseRunFile(Buffer.from(rawJson, 'utf8'), facts.id, list);
  return { record, rawJson, issues: [...mapped.issues.map(toSyncIssue), ...list.issues] };
}
