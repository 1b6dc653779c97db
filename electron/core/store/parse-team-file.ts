// team.yaml: areas, people, phases and eval suites. A bad entry is reported and dropped; the
// others are kept. Ids of people must be unique.
import { FieldReader, fieldSpecs } from './field-reader';
import type { IssueList } from './sync-issue';
import { decodeStoreText } from './store-text';
import { parseYamlMapping } from './yaml-text';

export interface TeamPerson {
  id: string;
  name: string | null;
  area: string | null;
  raw: Record<string, unknown>;
}

export interface TeamPhase {
  name: string;
  start: string;
  end: string;
  targetExploratory: number | null;
}

export interface EvalSuite {
  prefix: string;
  name: string | null;
  kind: string | null;
}

export interface TeamRecord {
  areas: string[];
  people: TeamPerson[];
  phases: TeamPhase[];
  evals: EvalSuite[];
}

const EXPECTED = 'a YAML mapping with areas, people, phases and evals';

/** Keeps the first entry of each key and reports the others. */
function unique<T>(items: T[], key: (item: T) => string, what: string, issues: IssueList): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) {
      issues.add('duplicate-id', `${what} "${k}" is listed more than once; the first entry is kept.`, `each ${what.toLowerCase()} once`);
      return false;
    }
    seen.add(k);
    return true;
  });
}

export function parseTeamFile(bytes: Uint8Array, issues: IssueList): TeamRecord | null {
  const text = decodeStoreText(bytes, issues, EXPECTED);
  const yaml = text === null ? null : parseYamlMapping(text, issues, { expected: EXPECTED });
  if (!yaml) return null;
  const fields = new FieldReader(yaml.value, issues, yaml.lineOf);
  const areas = fields.valueList('areas', fieldSpecs.label);
  const people = fields.objectList('people', 'a mapping {id, name, area}', (person) => {
    const id = person.required('id', fieldSpecs.id);
    if (id === undefined) return undefined;
    return {
      id,
      name: person.optional('name', fieldSpecs.label) ?? null,
      area: person.optional('area', fieldSpecs.label) ?? null,
      raw: person.raw,
    };
  });
  const phases = fields.objectList('phases', 'a mapping {name, start, end, target_exploratory}', (phase) => {
    const name = phase.required('name', fieldSpecs.label);
    const start = phase.required('start', fieldSpecs.time);
    const end = phase.required('end', fieldSpecs.time);
    const target = phase.optional('target_exploratory', { ...fieldSpecs.fraction, expected: 'the exploratory share aimed at, from 0 to 1' });
    if (name === undefined || start === undefined || end === undefined) return undefined;
    return { name, start, end, targetExploratory: target ?? null };
  });
  const evals = fields.objectList('evals', 'a mapping {prefix, name, kind}', (suite) => {
    const prefix = suite.required('prefix', { ...fieldSpecs.text, expected: 'a metric-name prefix such as "eval/heldout/"' });
    if (prefix === undefined) return undefined;
    return { prefix, name: suite.optional('name', fieldSpecs.label) ?? null, kind: suite.optional('kind', fieldSpecs.label) ?? null };
  });
  return {
    areas: unique(areas, (a) => a, 'Area', issues),
    people: unique(people, (p) => p.id, 'Person', issues),
    phases: unique(phases, (p) => p.name, 'Phase', issues),
    evals: unique(evals, (e) => e.prefix, 'Eval suite', issues),
  };
}
