// The point detectors of one series, fed its points in step order. Everything a verdict depends on
// lies within the last REPLAY_POINTS points, so a detector fed those points from scratch is in the
// state one fed the whole history is in: the sync keeps no detector state of its own, restarts
// and rewritten files need no undo, and a store read in one pass or in many finds the same alerts.
//
//   spike      v_i > L + max(k·σ̂, f·|L|),  L = median, σ̂ = IQR / 1.349 of the finite values among the
//              previous W points, and back below that within B points (reported then, at the step it
//              jumped); counted once per run of consecutive points above.
//   storm      the spike that makes ≥ n spikes within S points (again only after S points without).
//   divergence ℓ_i = median of the last few points; m = min ℓ over the last H points, at point a:
//              ℓ_i − m ≥ max(k·σ̂_a, f·|m|), i − a ≥ r, ℓ_i is the highest since a, and
//              ℓ_i − ℓ_(a+i)/2 ≥ that margin / 4 and ℓ_(i−r) − m ≥ margin / 2 (a climb under way for a
//              while and still going on, unlike a spike's jump and decay; a quarter margin r points back
//              was within the noise of m, the lowest of many medians, after one spike in six).
//   non-finite NaN or ±Infinity after at least R finite points (or at the start).
import { DETECTOR_THRESHOLDS, type AlertRule } from './alert-rules';
import { SortedWindow } from './sorted-window';

export type SeriesRule = Extract<AlertRule, 'non-finite' | 'spike' | 'spike-storm' | 'divergence'>;

export interface SeriesFinding {
  rule: SeriesRule;
  step: number;
  /** The point's value (NaN, ±Infinity for a non-finite one). */
  value: number;
  /** What it was compared against: the robust level (spike), the lowest trailing level (divergence). */
  level: number | null;
  /** The value it had to exceed. */
  threshold: number | null;
  /** Rule-specific facts: the noise scale, the step the climb or the storm began, the spike count. */
  detail: Record<string, number>;
}

type Thresholds = typeof DETECTOR_THRESHOLDS;
/** The interquartile range of a normal distribution, in standard deviations. */
const IQR_PER_SIGMA = 1.349;

/** Points a detector must be fed before the first new one so that its verdicts equal a full history's. */
export function replayPointsFor(t: Thresholds = DETECTOR_THRESHOLDS): number {
  const spike = t.spike.windowPoints + t.spike.backWithinPoints + 1;
  const storm = 2 * t.storm.withinPoints + spike;
  const divergence = 2 * t.divergence.stretchPoints + t.divergence.levelPoints + spike;
  return Math.max(storm, divergence, t.nonFinite.rearmPoints + 1);
}

/** Fires at a non-finite value that follows at least `rearmPoints` finite ones. */
export class NonFiniteRule {
  private index = 0;
  private lastNonFinite = -Infinity;

  constructor(private readonly rearmPoints = DETECTOR_THRESHOLDS.nonFinite.rearmPoints) {}

  push(step: number, value: number): SeriesFinding | null {
    const i = this.index++;
    if (Number.isFinite(value)) return null;
    const opens = i - this.lastNonFinite > this.rearmPoints;
    this.lastNonFinite = i;
    return opens ? { rule: 'non-finite', step, value, level: null, threshold: null, detail: {} } : null;
  }
}

/** Spikes, spike storms and divergence of one loss-like series. */
export class LossSeriesDetector {
  private readonly window: SortedWindow;
  private readonly scratch = new Float64Array(16);
  private index = 0;
  private previousAbove = false;
  /** A jump above the threshold that has not come back down yet. */
  private pending: { index: number; step: number; value: number; level: number; threshold: number; noise: number } | null = null;
  /** Point indices of the latest spikes, newest last (as many as a storm needs). */
  private readonly spikeIndices: number[] = [];
  private readonly spikeSteps: number[] = [];
  private lastStormCondition = -Infinity;
  private lastDivergenceCondition = -Infinity;
  // The trailing level, its noise and step at each of the last H points, and a deque of indices whose
  // levels increase from front to back: the front is the lowest level of the stretch.
  private readonly levels: Float64Array;
  private readonly noises: Float64Array;
  private readonly steps: Float64Array;
  private readonly deque: Int32Array;
  private dequeHead = 0;
  private dequeLength = 0;
  private readonly mask: number;

  constructor(private readonly t: Thresholds = DETECTOR_THRESHOLDS) {
    this.window = new SortedWindow(t.spike.windowPoints);
    const h = t.divergence.stretchPoints;
    // Ring positions are taken with a mask.
    if ((h & (h - 1)) !== 0) throw new RangeError(`divergence.stretchPoints must be a power of two, got ${h}`);
    this.mask = h - 1;
    this.levels = new Float64Array(h).fill(NaN);
    this.noises = new Float64Array(h).fill(NaN);
    this.steps = new Float64Array(h);
    this.deque = new Int32Array(h);
  }

  /** Feeds the next point; returns what it sets off (usually nothing). */
  push(step: number, value: number): SeriesFinding[] | null {
    const i = this.index++;
    let found: SeriesFinding[] | null = null;
    let noise = NaN;
    const { spike } = this.t;
    if (this.pending && i - this.pending.index > spike.backWithinPoints) this.pending = null;
    if (!Number.isFinite(value)) {
      this.window.push(NaN);
      this.previousAbove = false;
      this.pending = null;
    } else {
      if (this.pending && value <= this.pending.threshold) {
        found = this.spikeFound(this.pending);
        this.pending = null;
      }
      if (this.window.size >= spike.minPoints) {
        const level = this.window.median();
        noise = Math.max((this.window.quantile(0.75) - this.window.quantile(0.25)) / IQR_PER_SIGMA, 1e-12 * Math.abs(level));
        const threshold = level + Math.max(spike.noiseFactor * noise, spike.levelFraction * Math.abs(level));
        const above = value > threshold;
        if (above && !this.previousAbove && !this.pending) this.pending = { index: i, step, value, level, threshold, noise };
        this.previousAbove = above;
      } else {
        this.previousAbove = false;
      }
      this.window.push(value);
    }
    const divergence = this.trackLevel(i, step, value, noise);
    if (divergence) (found ??= []).push(divergence);
    return found;
  }

  private spikeFound(jump: { index: number; step: number; value: number; level: number; threshold: number; noise: number }): SeriesFinding[] {
    const { storm } = this.t;
    const { index: i, step, value, level, threshold, noise } = jump;
    const found: SeriesFinding[] = [{ rule: 'spike', step, value, level, threshold, detail: { noise } }];
    this.spikeIndices.push(i);
    this.spikeSteps.push(step);
    if (this.spikeIndices.length > storm.spikes) {
      this.spikeIndices.shift();
      this.spikeSteps.shift();
    }
    const oldest = this.spikeIndices[0]!;
    if (this.spikeIndices.length >= storm.spikes && i - oldest < storm.withinPoints) {
      if (i - this.lastStormCondition > storm.withinPoints) {
        found.push({ rule: 'spike-storm', step, value, level, threshold, detail: { spikes: storm.spikes, fromStep: this.spikeSteps[0]! } });
      }
      this.lastStormCondition = i;
    }
    return found;
  }

  private trackLevel(i: number, step: number, value: number, noise: number): SeriesFinding | null {
    const { divergence: d } = this.t;
    const h = d.stretchPoints;
    const level = this.window.recentMedian(d.levelPoints, Math.ceil(d.levelPoints / 2), this.scratch);
    // Points older than the stretch leave the deque.
    while (this.dequeLength > 0 && this.deque[this.dequeHead]! <= i - h) {
      this.dequeHead = (this.dequeHead + 1) & this.mask;
      this.dequeLength--;
    }
    let found: SeriesFinding | null = null;
    if (!Number.isNaN(level) && this.dequeLength > 0) found = this.divergenceAt(i, step, value, level);
    const slot = i & this.mask;
    this.levels[slot] = level;
    this.noises[slot] = noise;
    this.steps[slot] = step;
    if (!Number.isNaN(level)) {
      while (this.dequeLength > 0 && this.levels[this.deque[(this.dequeHead + this.dequeLength - 1) & this.mask]! & this.mask]! >= level) this.dequeLength--;
      this.deque[(this.dequeHead + this.dequeLength) & this.mask] = i;
      this.dequeLength++;
    }
    return found;
  }

  private divergenceAt(i: number, step: number, value: number, level: number): SeriesFinding | null {
    const { divergence: d } = this.t;
    const h = d.stretchPoints;
    const a = this.deque[this.dequeHead]!;
    const lowest = this.levels[a & this.mask]!;
    const noiseThen = this.noises[a & this.mask]!;
    if (i - a < d.minRisePoints || Number.isNaN(noiseThen)) return null;
    const margin = Math.max(d.noiseFactor * noiseThen, d.levelFraction * Math.abs(lowest));
    if (level - lowest < margin) return null;
    let middle = NaN;
    for (let j = a + 1; j < i; j++) {
      const l = this.levels[j & this.mask]!;
      if (l > level) return null;
      if (j <= (a + i) >> 1 && !Number.isNaN(l)) middle = l;
    }
    if (Number.isNaN(middle) || level - middle < margin / 4) return null;
    // A spike's level jumps within a point or two; a climb was already well under way r points ago.
    const before = this.levels[(i - d.minRisePoints) & this.mask]!;
    if (!(before - lowest >= margin / 2)) return null;
    const opens = i - this.lastDivergenceCondition > h;
    this.lastDivergenceCondition = i;
    if (!opens) return null;
    return {
      rule: 'divergence',
      step,
      value,
      level: lowest,
      threshold: lowest + margin,
      detail: { trailingLevel: level, fromStep: this.steps[a & this.mask]!, noise: noiseThen },
    };
  }
}
