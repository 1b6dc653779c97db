// How the review writes its numbers, times and verdicts: words and symbols beside every colour, so a
// slide reads the same in greyscale, on a washed-out projector and for colour-blind viewers.
import type { AblationVerdict } from '../../../../shared/domain/run-views';
import { VERDICT_COLORS } from '../../theme/palette';
import { formatWhen } from '../../components/proposals/proposals-format';

export const VERDICT_TEXT: Record<AblationVerdict, { symbol: string; word: string; color: string }> = {
  better: { symbol: '▲', word: 'better', color: VERDICT_COLORS.better },
  worse: { symbol: '▼', word: 'worse', color: VERDICT_COLORS.worse },
  'within-noise': { symbol: '≈', word: 'within noise', color: VERDICT_COLORS.neutral },
  'no-noise-estimate': { symbol: '?', word: 'no noise estimate', color: VERDICT_COLORS.neutral },
};

/** "3 h 12 min", "2 d 4 h": how long ago, in the two largest units. */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "2026-11-22 15:00 UTC". */
export const formatTime = formatWhen;

/** "Sun 22 Nov, 15:00 UTC": the review's own date, as people say it. */
export function formatDay(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return `${day}, ${date.toISOString().slice(11, 16)} UTC`;
}

/** A signed number with a true minus sign: "−0.050", "+0.012". */
export function signed(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? '+∞' : '−∞';
  const text = Math.abs(value).toFixed(digits);
  return `${value < 0 && Number(text) !== 0 ? '−' : value > 0 && Number(text) !== 0 ? '+' : '±'}${text}`;
}

/** "−0.050 [−0.111, +0.011]". */
export function deltaWithInterval(delta: number, interval: [number, number] | null, digits = 3): string {
  return interval ? `${signed(delta, digits)} [${signed(interval[0], digits)}, ${signed(interval[1], digits)}]` : signed(delta, digits);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
