// How eval-quality numbers and verdicts read on the Evals page and in the triage warnings.
import type { EvalKind, EvalQuality, ProxyVerdict } from '../../../../shared/api/evals-methods';

export const KIND_LABELS: Record<EvalKind, string> = {
  internal: 'held-out',
  public: 'public benchmark — may be contaminated',
  unclassified: 'unclassified',
};

export const KIND_BADGE: Record<EvalKind, string> = { internal: 'badge ok', public: 'badge warn', unclassified: 'badge' };

export const VERDICT_LABELS: Record<ProxyVerdict, string> = {
  good: 'good proxy',
  poor: 'poor proxy',
  unclear: 'unclear',
  insufficient: 'too few ablations',
};

export const VERDICT_BADGE: Record<ProxyVerdict, string> = { good: 'badge ok', poor: 'badge danger', unclear: 'badge warn', insufficient: 'badge' };

export const DIRECTION_LABELS = { lower: 'lower', higher: 'higher', unknown: '?' } as const;

/** Three significant digits, without trailing zeros: 0.00123, 0.0452, 12.3. */
export function formatValue(n: number | null, digits = 3): string {
  if (n === null) return '–';
  if (n === 0) return '0';
  return String(Number(n.toPrecision(digits)));
}

export function formatSigned(n: number, digits = 2): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${formatValue(Math.abs(n), digits)}`;
}

export const percent = (n: number) => `${Math.round(n * 100)} %`;

export function signAgreementText(quality: EvalQuality): string {
  const s = quality.predictivity.signAgreement;
  if (s.rate === null || !s.interval) return '–';
  return `${percent(s.rate)} [${Math.round(s.interval.lower * 100)}–${Math.round(s.interval.upper * 100)}]`;
}

export function rankCorrelationText(quality: EvalQuality): string {
  const r = quality.predictivity.rankCorrelation;
  if (r.rho === null) return '–';
  return `${r.rho.toFixed(2)}${r.interval ? ` [${r.interval.lower.toFixed(2)}, ${r.interval.upper.toFixed(2)}]` : ''}`;
}

/** The model size as people say it: 124M, 1.46B. */
export function formatParams(n: number): string {
  if (n >= 1e9) return `${Number((n / 1e9).toPrecision(3))}B`;
  if (n >= 1e6) return `${Number((n / 1e6).toPrecision(3))}M`;
  return String(n);
}
