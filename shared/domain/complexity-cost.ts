// The complexity cost of a direction as one transparent number: a weighted sum of its assessment.
// The four scores (0..5) count one point each by default; the usability tax counts 40 points per
// unit fraction (5 % slower for everyone = 2 points), because a tax is paid by the whole team on
// every later change, where code and knobs are paid once.
import { COMPLEXITY_KEYS, type ComplexityKey, type ComplexityScores } from './store-events';

export type CostWeights = Record<ComplexityKey, number>;

export const DEFAULT_COST_WEIGHTS: CostWeights = { code: 1, knobs: 1, infra: 1, risk: 1, usability_tax: 40 };

export interface ComplexityCost {
  total: number;
  /** Each field's contribution: value × weight. */
  parts: Record<ComplexityKey, number>;
  /** Fields the assessment does not give; they count as 0. */
  missing: ComplexityKey[];
}

export function complexityCost(assessment: Partial<ComplexityScores> | null, weights: CostWeights = DEFAULT_COST_WEIGHTS): ComplexityCost {
  const parts = {} as Record<ComplexityKey, number>;
  const missing: ComplexityKey[] = [];
  let total = 0;
  for (const key of COMPLEXITY_KEYS) {
    const value = assessment?.[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      missing.push(key);
      parts[key] = 0;
      continue;
    }
    parts[key] = value * weights[key];
    total += parts[key];
  }
  return { total, parts, missing };
}

/** The weights in words, for the legend under the scatter. */
export function describeCostWeights(weights: CostWeights): string {
  const scores = (['code', 'knobs', 'infra', 'risk'] as const).map((key) => `${weights[key]}×${key}`).join(' + ');
  const tax = weights.usability_tax;
  return `cost = ${scores} + ${tax}×usability tax (so 5 % tax = ${(tax * 0.05).toFixed(tax * 0.05 < 10 ? 1 : 0)} points)`;
}

/** Reads the complexity part of front matter or an event, keeping only well-formed fields. */
export function readComplexityScores(value: unknown): Partial<ComplexityScores> | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  const out: Partial<ComplexityScores> = {};
  for (const key of COMPLEXITY_KEYS) {
    const v = record[key];
    const max = key === 'usability_tax' ? 1 : 5;
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max) out[key] = v;
  }
  return out;
}
