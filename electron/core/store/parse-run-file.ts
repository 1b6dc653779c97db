// runs/<run-id>/run.json: what the run is. Required: id (equal to the folder name) and created_at.
// Unknown keys are kept in the run's config view; compute.flops defaults to 6·N·D.
import { FieldReader, fieldSpecs } from './field-reader';
import { describeValue, isStoreId, STORE_ID_EXPECTED } from './store-ids';
import type { IssueList } from './sync-issue';
import { decodeStoreText, isPlainObject, parseJsonText } from './store-text';

export interface RunRecord {
  id: string;
  name: string | null;
  createdAt: string;
  owner: string | null;
  group: string | null;
  ablation: string | null;
  variant: string | null;
  seed: number | null;
  proposal: string | null;
  params: number | null;
  nonEmbeddingParams: number | null;
  activeParams: number | null;
  arch: string | null;
  tokens: number | null;
  mixture: string | null;
  flops: number | null;
  flopsGiven: boolean;
  accelerator: string | null;
  chips: number | null;
  chipHours: number | null;
  /** `config` plus every key the format does not define (nested ones as "model.layers"). */
  config: Record<string, unknown>;
  tags: string[];
  raw: Record<string, unknown>;
}

const EXPECTED = 'a JSON object with at least "id" and "created_at"';
const TOP_LEVEL = ['id', 'name', 'created_at', 'owner', 'group', 'ablation', 'variant', 'seed', 'proposal', 'model', 'data', 'compute', 'config', 'tags'];
const MODEL = ['params', 'non_embedding_params', 'active_params', 'arch'];
const DATA = ['tokens', 'mixture'];
const COMPUTE = ['flops', 'accelerator', 'chips', 'chip_hours'];

/** Parses run.json of the folder `folderId`; null (with issues) when the run must be refused. */
export function parseRunFile(bytes: Uint8Array, folderId: string, issues: IssueList): RunRecord | null {
  const text = decodeStoreText(bytes, issues, EXPECTED);
  const json = text === null ? undefined : parseJsonText(text, issues, EXPECTED);
  if (json === undefined) return null;
  if (!isPlainObject(json)) {
    issues.add('not-object', `run.json is ${describeValue(json)}, not a JSON object.`, EXPECTED);
    return null;
  }
  const fields = new FieldReader(json, issues);
  const id = json.id;
  if (id === undefined || id === null) {
    issues.add('missing-field', 'Required field "id" is missing.', `"id": "${folderId}" (the folder name)`);
    return null;
  }
  if (!isStoreId(id)) {
    issues.add('invalid-id', `Field "id" is ${describeValue(id)}: the run is refused.`, STORE_ID_EXPECTED);
    return null;
  }
  if (id !== folderId) {
    issues.add('id-mismatch', `Field "id" is "${id}" but the run's folder is "${folderId}": the run is refused.`, `"id": "${folderId}"`);
    return null;
  }
  const createdAt = fields.required('created_at', fieldSpecs.time);
  if (createdAt === undefined) return null;

  const model = fields.object('model');
  const data = fields.object('data');
  const compute = fields.object('compute');
  const params = model?.optional('params', fieldSpecs.positive) ?? null;
  const tokens = data?.optional('tokens', fieldSpecs.positive) ?? null;
  const givenFlops = compute?.optional('flops', fieldSpecs.positive);
  const configField = json.config;
  const config: Record<string, unknown> = {};
  if (isPlainObject(configField)) Object.assign(config, configField);
  else if (configField !== undefined && configField !== null) {
    issues.add('invalid-field', `Field "config" is ${describeValue(configField)}.`, 'a mapping of settings');
  }
  const keepUnknown = (reader: FieldReader | undefined, known: string[], prefix: string) => {
    for (const key of reader?.unknownKeys(known) ?? []) {
      if (!(prefix + key in config)) config[prefix + key] = reader!.raw[key];
    }
  };
  keepUnknown(fields, TOP_LEVEL, '');
  keepUnknown(model, MODEL, 'model.');
  keepUnknown(data, DATA, 'data.');
  keepUnknown(compute, COMPUTE, 'compute.');

  return {
    id,
    name: fields.optional('name', fieldSpecs.label) ?? null,
    createdAt,
    owner: fields.optional('owner', fieldSpecs.id) ?? null,
    group: fields.optional('group', fieldSpecs.label) ?? null,
    ablation: fields.optional('ablation', fieldSpecs.id) ?? null,
    variant: fields.optional('variant', fieldSpecs.label) ?? null,
    seed: fields.optional('seed', fieldSpecs.integer) ?? null,
    proposal: fields.optional('proposal', fieldSpecs.id) ?? null,
    params,
    nonEmbeddingParams: model?.optional('non_embedding_params', fieldSpecs.positive) ?? null,
    activeParams: model?.optional('active_params', fieldSpecs.positive) ?? null,
    arch: model?.optional('arch', fieldSpecs.label) ?? null,
    tokens,
    mixture: data?.optional('mixture', fieldSpecs.label) ?? null,
    flops: givenFlops ?? (params !== null && tokens !== null ? 6 * params * tokens : null),
    flopsGiven: givenFlops !== undefined,
    accelerator: compute?.optional('accelerator', fieldSpecs.label) ?? null,
    chips: compute?.optional('chips', fieldSpecs.nonNegative) ?? null,
    chipHours: compute?.optional('chip_hours', fieldSpecs.nonNegative) ?? null,
    config,
    tags: fields.valueList('tags', fieldSpecs.label),
    raw: json,
  };
}
