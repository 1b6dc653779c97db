// proposals/<proposal-id>.md: YAML front matter between `---` lines, then a Markdown body. A file
// whose front matter is missing, unclosed or not valid YAML is refused with an issue.
import { complexityOrNull } from './complexity';
import { enumSpec, FieldReader, fieldSpecs } from './field-reader';
import { checkDocumentId } from './document-id';
import type { IssueList } from './sync-issue';
import { decodeStoreText } from './store-text';
import { parseYamlMapping } from './yaml-text';

export const PROPOSAL_KINDS = ['critical-path', 'exploratory'] as const;
export const PROPOSAL_STATUSES = ['proposed', 'active', 'promising', 'inconclusive', 'adopted', 'dropped'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export interface ProposalPerson {
  id: string;
  share: number | null;
}

export interface ProposalRecord {
  id: string;
  title: string | null;
  owner: string | null;
  area: string | null;
  kind: (typeof PROPOSAL_KINDS)[number] | null;
  status: ProposalStatus | null;
  created: string | null;
  people: ProposalPerson[];
  computeBudget: Record<string, unknown> | null;
  expected: Record<string, unknown> | null;
  complexity: Record<string, unknown> | null;
  frontMatter: Record<string, unknown>;
  body: string;
}

const EXPECTED = 'YAML front matter between two "---" lines, then the Markdown body';

interface SplitProposal {
  yaml: string;
  body: string;
}

function splitFrontMatter(text: string, issues: IssueList): SplitProposal | null {
  const lines = text.split('\n');
  if (lines[0]!.trimEnd() !== '---') {
    issues.add('invalid-front-matter', 'The file does not start with a "---" line opening its front matter.', EXPECTED, 1);
    return null;
  }
  const close = lines.findIndex((line, i) => i > 0 && (line.trimEnd() === '---' || line.trimEnd() === '...'));
  if (close === -1) {
    issues.add('invalid-front-matter', 'The front matter opened on line 1 is never closed by a "---" line.', EXPECTED, 1);
    return null;
  }
  return { yaml: lines.slice(1, close).join('\n'), body: lines.slice(close + 1).join('\n') };
}

export function parseProposalFile(bytes: Uint8Array, fileId: string, issues: IssueList): ProposalRecord | null {
  const text = decodeStoreText(bytes, issues, EXPECTED)?.replace(/\r\n/g, '\n') ?? null;
  const split = text === null ? null : splitFrontMatter(text, issues);
  if (!split) return null;
  const yaml = parseYamlMapping(split.yaml, issues, { expected: EXPECTED, firstLine: 2, code: 'invalid-front-matter' });
  if (!yaml) return null;
  const fields = new FieldReader(yaml.value, issues, yaml.lineOf);
  if (!checkDocumentId(yaml.value.id, fileId, 'proposal', issues, yaml.lineOf(['id']))) return null;
  const mapping = (key: string): Record<string, unknown> | null => {
    const reader = fields.object(key);
    return reader ? reader.raw : null;
  };
  return {
    id: fileId,
    title: fields.optional('title', fieldSpecs.label) ?? null,
    owner: fields.optional('owner', fieldSpecs.id) ?? null,
    area: fields.optional('area', fieldSpecs.label) ?? null,
    kind: fields.optional('kind', enumSpec(PROPOSAL_KINDS)) ?? null,
    status: fields.optional('status', enumSpec(PROPOSAL_STATUSES)) ?? null,
    created: fields.optional('created', fieldSpecs.time) ?? null,
    people: fields.objectList('people', 'a mapping {id, share}', (person) => {
      const id = person.required('id', fieldSpecs.id);
      if (id === undefined) return undefined;
      return { id, share: person.optional('share', { ...fieldSpecs.fraction, expected: 'a share of time from 0 to 1' }) ?? null };
    }),
    computeBudget: mapping('compute_budget'),
    expected: mapping('expected'),
    complexity: complexityOrNull(fields),
    frontMatter: yaml.value,
    body: split.body,
  };
}
