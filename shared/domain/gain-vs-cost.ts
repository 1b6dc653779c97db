// Gain against complexity cost: where each direction stands, which ones nothing beats (the Pareto
// frontier), and which region of the decision map it falls in.
//
// Gain is the measured improvement in % of the baseline's metric (positive = better, whatever the
// metric's direction), with its 95 % interval. A gain whose interval includes 0 is UNPROVEN: drawn
// hollow, never counted as a failure. Regions split the plane at two adjustable lines:
//   adopt          gain ≥ minGain and cost ≤ maxCost
//   think twice    gain ≥ minGain and cost >  maxCost   (it works, but everyone pays for it)
//   explore further gain < minGain and cost ≤ maxCost   (cheap: the way to make it work may not be found yet)
//   drop           gain < minGain and cost >  maxCost
// A point's region follows its position (the point estimate), so it always agrees with the shading.

export type GainRegion = 'adopt' | 'think-twice' | 'explore' | 'drop';

export const REGION_LABELS: Record<GainRegion, string> = {
  adopt: 'Adopt',
  'think-twice': 'Think twice',
  explore: 'Explore further',
  drop: 'Drop',
};

export interface RegionThresholds {
  /** Smallest gain worth having, in % of the baseline metric. */
  minGain: number;
  /** Largest cost worth carrying, in cost points. */
  maxCost: number;
}

export const DEFAULT_REGION_THRESHOLDS: RegionThresholds = { minGain: 0.2, maxCost: 12 };

export interface GainPoint {
  id: string;
  cost: number;
  /** Measured gain in %; null when the direction has no measurement yet. */
  gain: number | null;
  interval: [number, number] | null;
}

/** Unproven: no interval (too few seeds) or an interval that includes 0. */
export function isUnproven(point: Pick<GainPoint, 'gain' | 'interval'>): boolean {
  if (point.gain === null || point.interval === null) return true;
  return point.interval[0] <= 0 && point.interval[1] >= 0;
}

export function gainRegion(point: Pick<GainPoint, 'cost' | 'gain'>, thresholds: RegionThresholds): GainRegion | null {
  if (point.gain === null) return null;
  const worthIt = point.gain >= thresholds.minGain;
  const cheap = point.cost <= thresholds.maxCost;
  if (worthIt) return cheap ? 'adopt' : 'think-twice';
  return cheap ? 'explore' : 'drop';
}

/**
 * The measured directions no other beats: none has lower-or-equal cost and higher-or-equal gain with
 * one of them strict. Returned in order of cost, ready to draw as a staircase.
 */
export function paretoFrontier(points: readonly GainPoint[]): string[] {
  const measured = points.filter((p): p is GainPoint & { gain: number } => p.gain !== null && Number.isFinite(p.gain) && Number.isFinite(p.cost));
  const sorted = [...measured].sort((a, b) => a.cost - b.cost || b.gain - a.gain || (a.id < b.id ? -1 : 1));
  const frontier: string[] = [];
  let bestGain = -Infinity;
  for (const point of sorted) {
    if (point.gain > bestGain) {
      frontier.push(point.id);
      bestGain = point.gain;
    }
  }
  return frontier;
}
