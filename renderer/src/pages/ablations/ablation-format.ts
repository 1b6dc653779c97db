// How the Ablations page words and colours its numbers and verdicts.
import type { AblationVerdict, VariantAtPoint } from '../../../../shared/domain/run-views';
import { formatCount, formatY } from '../../components/series-chart/chart-format';
import { VERDICT_COLORS } from '../../theme/palette';

export const VERDICT_TEXT: Record<AblationVerdict, string> = {
  better: 'better',
  worse: 'worse',
  'within-noise': 'within noise',
  'no-noise-estimate': 'no noise estimate',
};

export function verdictColor(verdict: AblationVerdict): string {
  return verdict === 'better' ? VERDICT_COLORS.better : verdict === 'worse' ? VERDICT_COLORS.worse : VERDICT_COLORS.neutral;
}

export function signed(value: number): string {
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${formatY(Math.abs(value), 3)}`;
}

/** A metric value with its significant digits kept (3.0000, not 3): values in a column line up and compare. */
export function metricValue(value: number): string {
  return Math.abs(value) >= 1e5 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(4) : value.toPrecision(5);
}

export function spread(v: VariantAtPoint): string {
  if (v.n === 0) return '—';
  if (v.n === 1) return 'one seed';
  return `sd ${formatY(v.std ?? NaN, 2)} (${metricValue(v.min!)}–${metricValue(v.max!)})`;
}

export function sizeLabel(params: number | null): string {
  return params === null ? 'size unknown' : `${formatCount(params)} params`;
}
