// events/<yyyy>/<mm>/<event-id>.json: decisions, comments, complexity assessments and reviews
// added from the app. An event that is malformed in any way, or of an unknown type, is refused.
import { readComplexity, type ComplexityAssessment } from './complexity';
import { checkDocumentId } from './document-id';
import { enumSpec, FieldReader, fieldSpecs } from './field-reader';
import { canonicalIsoTime } from './iso-time';
import { describeValue } from './store-ids';
import { IssueList } from './sync-issue';
import { decodeStoreText, isPlainObject, parseJsonText } from './store-text';

export const EVENT_TYPES = ['decision', 'comment', 'complexity', 'review'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const DECISIONS = ['adopt', 'drop', 'park', 'continue'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface EventRecord {
  id: string;
  /** Canonical UTC time, so events written in different zones order correctly. */
  at: string;
  author: string | null;
  type: EventType;
  target: string | null;
  decision: Decision | null;
  complexity: ComplexityAssessment | null;
  /** The whole event as written. */
  raw: Record<string, unknown>;
}

const EXPECTED = 'a JSON object {"id", "at", "author", "type": "decision" | "comment" | "complexity" | "review", …}';

export function parseEventFile(bytes: Uint8Array, fileId: string, issues: IssueList): EventRecord | null {
  // Every problem refuses the event, so problems are collected apart and counted.
  const own = new IssueList(issues.path);
  const event = readEvent(bytes, fileId, own);
  issues.issues.push(...own.issues);
  return own.issues.length === 0 ? event : null;
}

function readEvent(bytes: Uint8Array, fileId: string, issues: IssueList): EventRecord | null {
  const text = decodeStoreText(bytes, issues, EXPECTED);
  const json = text === null ? undefined : parseJsonText(text, issues, EXPECTED);
  if (json === undefined) return null;
  if (!isPlainObject(json)) {
    issues.add('not-object', `The event is ${describeValue(json)}, not a JSON object.`, EXPECTED);
    return null;
  }
  if (!checkDocumentId(json.id, fileId, 'event', issues)) return null;
  const fields = new FieldReader(json, issues);
  const at = fields.required('at', fieldSpecs.time);
  const author = fields.optional('author', fieldSpecs.id) ?? null;
  const type = json.type;
  if (type === undefined || type === null) {
    issues.add('missing-field', 'Required field "type" is missing.', enumSpec(EVENT_TYPES).expected);
    return null;
  }
  if (!(EVENT_TYPES as readonly unknown[]).includes(type)) {
    issues.add('unknown-event-type', `Unknown event type ${describeValue(type)}: the event is ignored.`, enumSpec(EVENT_TYPES).expected);
    return null;
  }
  const record = { id: fileId, author, type: type as EventType, raw: json };
  switch (type as EventType) {
    case 'decision': {
      const target = fields.required('target', { ...fieldSpecs.id, expected: 'the id of the proposal decided on' });
      const decision = fields.required('decision', enumSpec(DECISIONS));
      const rationale = fields.required('rationale', { ...fieldSpecs.text, expected: 'the reason for the decision (required)' });
      if (rationale !== undefined && rationale.trim() === '') {
        issues.add('invalid-field', 'Field "rationale" is empty.', 'the reason for the decision (required)');
      }
      if (at === undefined || target === undefined || decision === undefined) return null;
      return { ...record, at: canonicalIsoTime(at), target, decision, complexity: null };
    }
    case 'comment': {
      const target = fields.required('target', { ...fieldSpecs.id, expected: 'the id of a proposal, ablation or run' });
      fields.required('text', fieldSpecs.text);
      if (at === undefined || target === undefined) return null;
      return { ...record, at: canonicalIsoTime(at), target, decision: null, complexity: null };
    }
    case 'complexity': {
      const target = fields.required('target', { ...fieldSpecs.id, expected: 'the id of the proposal assessed' });
      const assessment = fields.object('complexity');
      if (assessment === undefined && json.complexity == null) {
        issues.add('missing-field', 'Required field "complexity" is missing.', 'a mapping {code, knobs, infra, risk, usability_tax}');
      }
      const complexity = assessment ? readComplexity(assessment) : null;
      if (at === undefined || target === undefined || complexity === null) return null;
      return { ...record, at: canonicalIsoTime(at), target, decision: null, complexity };
    }
    case 'review': {
      const target = fields.optional('target', fieldSpecs.id) ?? null;
      fields.optional('notes', fieldSpecs.text);
      if (at === undefined) return null;
      return { ...record, at: canonicalIsoTime(at), target, decision: null, complexity: null };
    }
  }
}
