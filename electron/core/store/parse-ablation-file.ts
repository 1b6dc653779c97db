// ablations/<ablation-id>.yaml: one controlled comparison. Runs join it through their run.json.
import { enumSpec, FieldReader, fieldSpecs } from './field-reader';
import { checkDocumentId } from './document-id';
import type { IssueList } from './sync-issue';
import { decodeStoreText } from './store-text';
import { parseYamlMapping } from './yaml-text';

export const COMPARE_AT = ['step', 'tokens', 'flops'] as const;

export interface AblationRecord {
  id: string;
  title: string | null;
  question: string | null;
  proposal: string | null;
  owner: string | null;
  metric: string | null;
  compareAt: (typeof COMPARE_AT)[number];
  baseline: string | null;
  raw: Record<string, unknown>;
}

const EXPECTED = 'a YAML mapping with id, title, question, proposal, owner, metric, compare_at, baseline';

export function parseAblationFile(bytes: Uint8Array, fileId: string, issues: IssueList): AblationRecord | null {
  const text = decodeStoreText(bytes, issues, EXPECTED);
  const yaml = text === null ? null : parseYamlMapping(text, issues, { expected: EXPECTED });
  if (!yaml) return null;
  const fields = new FieldReader(yaml.value, issues, yaml.lineOf);
  if (!checkDocumentId(yaml.value.id, fileId, 'ablation', issues, yaml.lineOf(['id']))) return null;
  return {
    id: fileId,
    title: fields.optional('title', fieldSpecs.label) ?? null,
    question: fields.optional('question', fieldSpecs.label) ?? null,
    proposal: fields.optional('proposal', fieldSpecs.id) ?? null,
    owner: fields.optional('owner', fieldSpecs.id) ?? null,
    metric: fields.optional('metric', fieldSpecs.text) ?? null,
    compareAt: fields.optional('compare_at', enumSpec(COMPARE_AT)) ?? 'tokens',
    baseline: fields.optional('baseline', fieldSpecs.label) ?? null,
    raw: yaml.value,
  };
}
