// A complexity assessment: what carrying a change costs everyone. Used by proposal front matter
// and by `complexity` events, which replace the assessment from their time on.
import { FieldReader, fieldSpecs } from './field-reader';

const SCORE = { schema: fieldSpecs.number.schema.min(0).max(5), expected: 'a score from 0 (none) to 5 (severe)' };
export const COMPLEXITY_SCORES = ['code', 'knobs', 'infra', 'risk'] as const;

export type ComplexityAssessment = Partial<Record<(typeof COMPLEXITY_SCORES)[number] | 'usability_tax', number>> &
  Record<string, unknown>;

/** Reads an assessment; bad scores are reported and dropped, unknown keys kept. */
export function readComplexity(fields: FieldReader): ComplexityAssessment {
  const out: ComplexityAssessment = {};
  for (const key of COMPLEXITY_SCORES) {
    const value = fields.optional(key, SCORE);
    if (value !== undefined) out[key] = value;
  }
  const tax = fields.optional('usability_tax', {
    ...fieldSpecs.fraction,
    expected: 'a fraction from 0 to 1 (0.05 = 5 % slower for everyone)',
  });
  if (tax !== undefined) out.usability_tax = tax;
  for (const key of fields.unknownKeys([...COMPLEXITY_SCORES, 'usability_tax'])) out[key] = fields.raw[key];
  return out;
}

/** The `complexity` field of a document, read as an assessment; null when absent or not a mapping. */
export function complexityOrNull(fields: FieldReader, key = 'complexity'): ComplexityAssessment | null {
  const reader = fields.object(key);
  return reader ? readComplexity(reader) : null;
}
