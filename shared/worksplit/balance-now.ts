import { formatDay, mondayOf, parseDay } from './calendar';
import { computeWorkSplit, InvalidSplitOptionsError } from './compute-work-split';
import { normalizePhases } from './normalize-input';
import { phaseOnDay } from './phases';
import type { BalanceNow, SplitMeasure, TrendLabel, WorkSplitInput } from './types';

export const BALANCE_WINDOW_WEEKS = 4;
export const TREND_MAX_WEEKS = 8;
export const TREND_MIN_WEEKS = 4;
/**
 * A weekly share moving by less than 2 percentage points a week (about 8 points a month) is
 * steady: with a handful of people, one person switching half their time moves a week by more
 * than that, so a smaller threshold would call noise a trend.
 */
export const TREND_STEADY_BELOW = 0.02;

/**
 * The balance a lead reads from across the room.
 *
 * - Phase: the phase whose start-to-end days (end inclusive) hold `today`, with its target.
 * - Actual: exploratory ÷ all work pooled over the window of the current ISO week (up to today)
 *   and the three weeks before it, so a quiet week weighs less than a busy one.
 * - Trend: least-squares slope of the weekly exploratory share against the week number, over
 *   the current week and up to seven before it, using the weeks that had any work; 'unknown'
 *   with fewer than four such weeks, 'steady' when |slope| < TREND_STEADY_BELOW per week.
 */
export function balanceNow(input: WorkSplitInput, today: string, measure: SplitMeasure = 'people'): BalanceNow {
  const todayDay = parseDay(today);
  if (todayDay === null) throw new InvalidSplitOptionsError(`today: expected a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  const firstMonday = mondayOf(todayDay) - (TREND_MAX_WEEKS - 1) * 7;
  const split = computeWorkSplit(input, { by: 'week', measure, today, from: formatDay(firstMonday), to: today });
  const window = split.buckets.slice(-BALANCE_WINDOW_WEEKS);
  const exploratory = window.reduce((sum, b) => sum + b.exploratory, 0);
  const total = window.reduce((sum, b) => sum + b.total, 0);
  const actual = total > 0 ? exploratory / total : null;

  const phase = phaseOnDay(todayDay, normalizePhases(input, []));
  const phaseInfo = phase && { name: phase.name, start: phase.start, end: phase.end, target: phase.target };
  const trend = weeklyTrend(split.buckets.map((b) => ({ week: b.key, share: b.exploratoryShare })));
  return {
    today,
    measure,
    phase: phaseInfo,
    window: { from: split.weeks[split.weeks.length - window.length]!.start, to: today, weeks: window.map((b) => b.key) },
    exploratory,
    total,
    actual,
    gap: actual !== null && phaseInfo ? actual - phaseInfo.target : null,
    trend,
    sentence: balanceSentence(phaseInfo, actual, trend.label, measure),
    issues: split.issues,
  };
}

function weeklyTrend(series: { week: string; share: number | null }[]): BalanceNow['trend'] {
  const points = series.flatMap((p, x) => (p.share === null ? [] : [{ x, week: p.week, share: p.share }]));
  const weeks = points.map(({ week, share }) => ({ week, share }));
  if (points.length < TREND_MIN_WEEKS) return { label: 'unknown', slopePerWeek: null, weeks };
  const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.share, 0) / points.length;
  const sxy = points.reduce((s, p) => s + (p.x - meanX) * (p.share - meanY), 0);
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const slope = sxy / sxx;
  const label: TrendLabel = Math.abs(slope) < TREND_STEADY_BELOW ? 'steady' : slope > 0 ? 'rising' : 'falling';
  return { label, slopePerWeek: slope, weeks };
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function balanceSentence(phase: BalanceNow['phase'], actual: number | null, trend: TrendLabel, measure: SplitMeasure): string {
  const head = phase ? phase.name : 'No phase set for today';
  const target = phase ? ` (target ${percent(phase.target)})` : '';
  if (actual === null) {
    const nothing = measure === 'compute' ? 'no chip-hours on proposals' : 'no proposal work';
    return `${head}: ${nothing} in the last ${BALANCE_WINDOW_WEEKS} weeks${target}`;
  }
  const what = measure === 'compute' ? 'of chip-hours exploratory' : 'exploratory';
  const tail = trend === 'unknown' ? 'too early for a trend' : trend;
  return `${head}: ${percent(actual)} ${what} over the last ${BALANCE_WINDOW_WEEKS} weeks${target}, ${tail}`;
}
