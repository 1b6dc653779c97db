// How proposals' numbers, statuses and decisions are written on screen.
import type { GainEstimate } from '../../../../shared/api/proposals-methods';
import type { DecisionOutcome } from '../../../../shared/domain/store-events';

export const STATUS_ORDER = ['proposed', 'active', 'promising', 'inconclusive', 'adopted', 'dropped'] as const;

// "Park" is the decision, "inconclusive" the status it sets (lab-store.md): each is named with the other,
// everywhere, so a lead sees that parking a proposal is what makes it inconclusive.
export const STATUS_LABELS: Record<string, string> = {
  proposed: 'Proposed',
  active: 'Active',
  promising: 'Promising',
  inconclusive: 'Inconclusive (parked)',
  adopted: 'Adopted',
  dropped: 'Dropped',
};

export const DECISION_LABELS: Record<DecisionOutcome, string> = { adopt: 'Adopt', drop: 'Drop', park: 'Park (→ inconclusive)', continue: 'Continue' };

/** A status as it reads inside a sentence or a badge. */
export function statusText(status: string | null): string {
  return status === null ? 'no status' : (STATUS_LABELS[status]?.toLowerCase() ?? status);
}

/** The key that takes each decision on the triage board. */
export const DECISION_KEYS: Record<string, DecisionOutcome> = { a: 'adopt', d: 'drop', p: 'park', c: 'continue' };

export function statusBadgeClass(status: string | null): string {
  if (status === 'adopted') return 'badge ok';
  if (status === 'dropped') return 'badge danger';
  if (status === 'inconclusive') return 'badge warn';
  return 'badge';
}

export function decisionBadgeClass(decision: DecisionOutcome): string {
  return decision === 'adopt' ? 'badge ok' : decision === 'drop' ? 'badge danger' : decision === 'park' ? 'badge warn' : 'badge';
}

export function formatWhen(iso: string | null): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 10)} ${date.toISOString().slice(11, 16)} UTC`;
}

export function formatChipHours(value: number | null): string {
  if (value === null) return '–';
  return value >= 10_000 ? `${(value / 1000).toFixed(0)}k` : value >= 1000 ? `${(value / 1000).toFixed(1)}k` : value.toFixed(0);
}

export function formatSigned(value: number, digits: number): string {
  return `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}`;
}

/** "+1.67 % [0.30, 3.04]" — the gain in % of the baseline with its 95 % interval. */
export function formatRelativeGain(gain: GainEstimate): string {
  if (gain.relativeGain === null) return formatSigned(gain.gain, 4);
  const interval = gain.relativeInterval ? ` [${gain.relativeInterval[0].toFixed(2)}, ${gain.relativeInterval[1].toFixed(2)}]` : '';
  return `${formatSigned(gain.relativeGain, 2)} %${interval}`;
}

/** The gain in the metric's own units: "−0.0500 eval/c4/loss (lower is better)". */
export function formatMetricDelta(gain: GainEstimate): string {
  const delta = gain.better === 'lower' ? -gain.gain : gain.gain;
  const interval = gain.interval
    ? ` (95 % interval of the gain ${formatSigned(gain.interval[0], 4)} to ${formatSigned(gain.interval[1], 4)})`
    : '';
  return `${formatSigned(delta, 4)} on ${gain.metric}${interval}`;
}

export function formatParams(params: number | null): string {
  if (params === null) return '';
  return params >= 1e9 ? `${(params / 1e9).toFixed(params >= 1e10 ? 0 : 2)}B` : `${(params / 1e6).toFixed(0)}M`;
}
