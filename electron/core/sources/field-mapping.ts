// Field mapping per source: which field of a foreign run (an MLflow param or tag, a TensorBoard
// hparam or path segment, a W&B config or summary value) gives the lab-store fields that scaling fits and ablations join on.
// Example: { params: 'params.n_params', tokens: 'params.train_tokens', variant: 'tags.variant' }.

import { z } from 'zod';
import { RUN_ID_PATTERN } from './run-id';
import type { SourceIssue } from './source-types';

const sourceField = z.string().trim().min(1, 'names a source field, like params.n_params');

export const fieldMappingSchema = z
  .object({
    params: sourceField.optional(),
    tokens: sourceField.optional(),
    flops: sourceField.optional(),
    group: sourceField.optional(),
    ablation: sourceField.optional(),
    variant: sourceField.optional(),
    seed: sourceField.optional(),
  })
  .strict();

export type FieldMapping = z.infer<typeof fieldMappingSchema>;

export type SourceFormat = 'tensorboard' | 'mlflow' | 'wandb';

/** The field-name prefixes each format offers (see the facts builders of each format). */
export const SOURCE_FIELD_PREFIXES: Record<SourceFormat, string[]> = {
  mlflow: ['params.', 'tags.', 'experiment.', 'run.'],
  tensorboard: ['hparams.', 'path'],
  wandb: ['config.', 'summary.', 'run.'],
};

export type FactValue = string | number | boolean | null;

/** What a source knows about one run, before mapping. */
export interface SourceRunFacts {
  id: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  owner?: string;
  /** Default group when the mapping names none (an MLflow experiment, a W&B group or project). */
  group?: string;
  /** The run's own tags, when the source has them (W&B). */
  tags?: string[];
  /** Every field a mapping may name, flat: 'params.lr', 'tags.mlflow.user', 'path.0', 'hparams.seed'. */
  fields: Record<string, FactValue>;
  config: Record<string, FactValue>;
}

/** The lab store's run.json shape. */
export interface MappedRun {
  id: string;
  name?: string;
  created_at: string;
  owner?: string;
  group?: string;
  ablation?: string;
  variant?: string;
  seed?: number;
  model?: { params: number };
  data?: { tokens: number };
  compute?: { flops: number };
  config: Record<string, FactValue>;
  tags?: string[];
}

/** Mapping entries that can never match in this format (a typo like 'param.n'), as readable problems. */
export function mappingFieldProblems(mapping: FieldMapping, format: SourceFormat): string[] {
  const prefixes = SOURCE_FIELD_PREFIXES[format];
  return Object.entries(mapping)
    .filter(([, field]) => field !== undefined && !prefixes.some((p) => field.startsWith(p)))
    .map(([target, field]) => `${target}: "${field}" is not a ${format} field; expected one starting with ${prefixes.join(', ')}`);
}

export function applyFieldMapping(facts: SourceRunFacts, mapping: FieldMapping, file: string): { run: MappedRun; issues: SourceIssue[] } {
  const issues: SourceIssue[] = [];
  const run: MappedRun = { id: facts.id, name: facts.name, created_at: facts.createdAt, config: facts.config };
  if (facts.owner !== undefined) run.owner = facts.owner;
  if (facts.group !== undefined) run.group = facts.group;
  if (facts.tags !== undefined && facts.tags.length > 0) run.tags = facts.tags;
  const lookup = (target: keyof FieldMapping): FactValue | undefined => {
    const field = mapping[target];
    return field === undefined ? undefined : facts.fields[field];
  };
  const problem = (target: keyof FieldMapping, value: FactValue, expected: string): void => {
    issues.push({ file, field: mapping[target], code: 'invalid-field', reason: `${JSON.stringify(value)} cannot give ${target}`, expected });
  };
  const positive = (target: 'params' | 'tokens' | 'flops'): number | undefined => {
    const value = lookup(target);
    if (value === undefined || value === null) return undefined;
    const n = parseQuantity(value);
    if (n === undefined || !(n > 0)) problem(target, value, 'a positive number such as 1.1e9 or 1.1B');
    return n !== undefined && n > 0 ? n : undefined;
  };
  const params = positive('params');
  if (params !== undefined) run.model = { params };
  const tokens = positive('tokens');
  if (tokens !== undefined) run.data = { tokens };
  const flops = positive('flops');
  if (flops !== undefined) run.compute = { flops };

  const group = lookup('group');
  if (group !== undefined && group !== null && group !== '') run.group = String(group);
  const variant = lookup('variant');
  if (variant !== undefined && variant !== null && variant !== '') run.variant = String(variant);
  const ablation = lookup('ablation');
  if (ablation !== undefined && ablation !== null && ablation !== '') {
    if (RUN_ID_PATTERN.test(String(ablation))) run.ablation = String(ablation);
    else problem('ablation', ablation, 'an ablation id (letters, digits, . _ -, starting with a letter or digit)');
  }
  const seed = lookup('seed');
  if (seed !== undefined && seed !== null && seed !== '') {
    const n = parseQuantity(seed);
    if (n !== undefined && Number.isSafeInteger(n)) run.seed = n;
    else problem('seed', seed, 'a whole number');
  }
  return { run, issues };
}

const SUFFIX: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, g: 1e9, t: 1e12 };

/** Numbers as configs write them: 1.1e9, 1_100_000_000, 1.1B, 350M, 2T. */
export function parseQuantity(value: FactValue): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*([+-]?(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)\s*([kKmMbBgGtT]?)\s*$/.exec(value);
  if (!match) return undefined;
  const n = Number(match[1]!.replace(/_/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return match[2] ? n * SUFFIX[match[2].toLowerCase()]! : n;
}
