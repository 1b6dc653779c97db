// The measured gain of an ablation, from the Ablations page's results (each variant against the
// baseline at the comparison point, with Welch's 95 % interval over seeds), turned into an
// improvement: positive is better whatever the metric's direction. For a scaling ablation the
// largest model size with both arms is used: a gain that vanishes with scale is not a gain. The
// best variant is reported.
import type Database from 'better-sqlite3';
import type { GainEstimate } from '../../../../shared/api/proposals-methods';
import { isUnproven } from '../../../../shared/domain/gain-vs-cost';
import type { AblationAtSize, AblationSummary } from '../../../../shared/domain/run-views';
import { ablationDetail, AblationNotFoundError, listAblationResults } from '../ablations/ablation-results';
import { loadEvalTrust } from '../runs/eval-trust';

export interface AblationGain {
  ablationId: string;
  gain: GainEstimate | null;
  /** Why there is no gain, when there is none. */
  note: string | null;
}

/** The largest size at which the baseline and another variant both have a value. */
function largestComparedSize(summary: AblationSummary): AblationAtSize | null {
  for (const size of [...summary.sizes].reverse()) {
    const baseline = size.variants.find((v) => v.isBaseline && v.n > 0);
    if (baseline && size.variants.some((v) => !v.isBaseline && v.delta !== null)) return size;
  }
  return null;
}

export function gainFromAblationSummary(summary: AblationSummary): AblationGain {
  const none = (note: string): AblationGain => ({ ablationId: summary.id, gain: null, note });
  if (summary.note) return none(summary.note);
  if (!summary.metric) return none('the ablation names no metric');
  if (!summary.baseline) return none('the ablation names no baseline variant');
  const size = largestComparedSize(summary);
  if (!size || size.x === null) {
    const notes = summary.sizes.map((s) => s.note).filter(Boolean);
    return none(notes[0] ?? `no model size has finite values of both the baseline "${summary.baseline}" and another variant`);
  }
  const baseline = size.variants.find((v) => v.isBaseline)!;
  const sign = summary.better === 'lower' ? -1 : 1;
  const scale = baseline.mean !== null && baseline.mean !== 0 ? 100 / Math.abs(baseline.mean) : null;
  let best: GainEstimate | null = null;
  for (const variant of size.variants) {
    if (variant.isBaseline || variant.delta === null) continue;
    const gain = sign * variant.delta;
    const interval: [number, number] | null = variant.interval
      ? sign > 0
        ? [variant.interval[0], variant.interval[1]]
        : [-variant.interval[1], -variant.interval[0]]
      : null;
    const estimate: GainEstimate = {
      ablationId: summary.id,
      ablationTitle: summary.title,
      metric: summary.metric,
      better: summary.better,
      variant: variant.variant,
      baseline: summary.baseline,
      params: size.params,
      compareAt: summary.compareAt,
      x: size.x,
      gain,
      interval,
      relativeGain: scale === null ? null : gain * scale,
      relativeInterval: interval && scale !== null ? [interval[0] * scale, interval[1] * scale] : null,
      variantSeeds: variant.n,
      baselineSeeds: baseline.n,
      unproven: isUnproven({ gain, interval }),
      note: variant.noiseNote,
    };
    if (best === null || estimate.gain > best.gain) best = estimate;
  }
  return { ablationId: summary.id, gain: best, note: null };
}

export function measureAblationGain(sqlite: Database.Database, ablationId: string): AblationGain {
  try {
    return gainFromAblationSummary(ablationDetail(sqlite, ablationId, loadEvalTrust(sqlite)));
  } catch (error) {
    if (error instanceof AblationNotFoundError) return { ablationId, gain: null, note: `ablation ${ablationId} is not in the cache` };
    throw error;
  }
}

/** Every ablation's gain at once, for views that cover all proposals. */
export function measureAllAblationGains(sqlite: Database.Database): Map<string, AblationGain> {
  const results = listAblationResults(sqlite, loadEvalTrust(sqlite));
  return new Map(results.map((summary) => [summary.id, gainFromAblationSummary(summary)]));
}

/** The best gain among several ablations (in % of baseline, since their metrics may differ). */
export function bestGain(gains: readonly AblationGain[]): GainEstimate | null {
  let best: GainEstimate | null = null;
  for (const { gain } of gains) {
    if (gain && gain.relativeGain !== null && (best === null || gain.relativeGain > best.relativeGain!)) best = gain;
  }
  return best;
}
