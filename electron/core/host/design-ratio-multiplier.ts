// The effective-compute multiplier when every arm of an ablation was trained at one tokens-per-
// parameter ratio (D = k·N), as ablation ladders usually are. Such data cannot separate A/N^α from
// B/D^β, so the compute-optimal frontier is not in the data; the loss along each arm's own ratio
// is. The multiplier at compute C is then the compute the baseline needs, trained along its ratio,
// to reach the loss the variant reaches along its ratio at C, divided by C. Each arm is fitted on
// its own (E free) and bootstrapped over its runs; the verdict, crossings and intervals use the
// same rules as the frontier multiplier.
import {
  logSpaced,
  multiplierCrossings,
  multiplierLogSlope,
  multiplierVerdict,
  predictLoss,
  summarizeInterval,
  type ChinchillaFit,
  type ChinchillaParams,
  type VariantEffectiveCompute,
} from '../../../shared/scaling';

export interface DesignRatioArm {
  key: string;
  /** Tokens per parameter the arm was trained at (geometric mean of D/N over its runs). */
  ratio: number;
  fit: ChinchillaFit;
  samples: readonly ChinchillaParams[];
}

/** The baseline's compute is searched within this factor of C either way. */
const SEARCH_DECADES = 6;
const SEARCH_POINTS = 241;
const TREND_POINTS = 9;

export function lossAlongRatio(p: ChinchillaParams, ratio: number, C: number): number {
  const N = Math.sqrt(C / (6 * ratio));
  return predictLoss(p, N, ratio * N);
}

/**
 * Smallest compute at which the arm, trained along its ratio, reaches loss L: searched on a log
 * grid within 10^±6 of `near`, then bisected. Infinity when it never gets there in that range.
 */
export function computeAlongRatioFor(p: ChinchillaParams, ratio: number, L: number, near: number): number {
  if (!Number.isFinite(L)) return NaN;
  const lo = Math.log(near) - SEARCH_DECADES * Math.LN10;
  const hi = Math.log(near) + SEARCH_DECADES * Math.LN10;
  const at = (x: number) => lossAlongRatio(p, ratio, Math.exp(x));
  let previous = lo;
  if (at(lo) <= L) return Math.exp(lo);
  for (let i = 1; i < SEARCH_POINTS; i++) {
    const x = lo + ((hi - lo) * i) / (SEARCH_POINTS - 1);
    if (at(x) <= L) {
      let a = previous;
      let b = x;
      for (let k = 0; k < 60; k++) {
        const m = (a + b) / 2;
        if (at(m) <= L) b = m;
        else a = m;
      }
      return Math.exp(b);
    }
    previous = x;
  }
  return Infinity;
}

export function multiplierAlongRatios(baseline: { p: ChinchillaParams; ratio: number }, variant: { p: ChinchillaParams; ratio: number }, C: number): number {
  const target = lossAlongRatio(variant.p, variant.ratio, C);
  return computeAlongRatioFor(baseline.p, baseline.ratio, target, C) / C;
}

export function summarizeDesignRatioVariant(baseline: DesignRatioArm, variant: DesignRatioArm, targetCompute: number, curvePoints = 25): VariantEffectiveCompute {
  const warnings: string[] = [];
  let dataRange: [number, number] = [Math.max(baseline.fit.minCompute, variant.fit.minCompute), Math.min(baseline.fit.maxCompute, variant.fit.maxCompute)];
  if (!(dataRange[1] > dataRange[0])) {
    dataRange = [Math.min(baseline.fit.minCompute, variant.fit.minCompute), Math.max(baseline.fit.maxCompute, variant.fit.maxCompute)];
    warnings.push('The baseline and the variant were run at compute ranges that do not overlap: the comparison is an extrapolation throughout.');
  }
  const largestFitted = Math.max(baseline.fit.maxCompute, variant.fit.maxCompute);
  const pairs = Math.min(baseline.samples.length, variant.samples.length);
  const estimateAt = (C: number) => multiplierAlongRatios({ p: baseline.fit.params, ratio: baseline.ratio }, { p: variant.fit.params, ratio: variant.ratio }, C);
  const samplesAt = (C: number) =>
    Array.from({ length: pairs }, (_, i) => multiplierAlongRatios({ p: baseline.samples[i]!, ratio: baseline.ratio }, { p: variant.samples[i]!, ratio: variant.ratio }, C));
  const intervalAt = (C: number) => {
    const values = samplesAt(C);
    return {
      multiplier: summarizeInterval(estimateAt(C), values),
      unreachableShare: pairs > 0 ? values.filter((m) => m === Infinity).length / pairs : 0,
    };
  };
  const inData = (C: number) => C >= dataRange[0] * (1 - 1e-9) && C <= dataRange[1] * (1 + 1e-9);
  const curveGrid = logSpaced(dataRange[0], Math.max(dataRange[1], targetCompute), Math.max(2, curvePoints));
  const trendGrid = logSpaced(dataRange[0], dataRange[1], TREND_POINTS);
  const curve = curveGrid.map((C) => ({ C, ...intervalAt(C), withinData: inData(C) }));

  const estimateTrend = trendGrid.map(estimateAt);
  const sampleTrends = Array.from({ length: pairs }, (_, i) =>
    trendGrid.map((C) => multiplierAlongRatios({ p: baseline.samples[i]!, ratio: baseline.ratio }, { p: variant.samples[i]!, ratio: variant.ratio }, C)),
  );
  const logSlope = summarizeInterval(multiplierLogSlope(trendGrid, estimateTrend), sampleTrends.map((m) => multiplierLogSlope(trendGrid, m)));
  const crossings = multiplierCrossings(curveGrid, curve.map((p) => p.multiplier.estimate)).map((C) => ({ C, withinData: inData(C) }));
  const crossingShare = pairs > 0 ? sampleTrends.filter((m) => multiplierCrossings(trendGrid, m).length > 0).length / pairs : 0;
  for (const c of crossings) {
    warnings.push(
      `The curves cross at C ≈ ${c.C.toExponential(2)} FLOPs${c.withinData ? ', within the data' : ', outside the data'}: the variant's advantage reverses there.`,
    );
  }
  const atTarget = { C: targetCompute, ...intervalAt(targetCompute), extrapolationFactor: targetCompute / largestFitted };
  if (targetCompute > largestFitted * (1 + 1e-9)) {
    warnings.push(`The target compute is ${(targetCompute / largestFitted).toPrecision(3)}× the largest compute either arm was fitted on.`);
  }
  return { key: variant.key, dataRange, curve, atTarget, logSlope, verdict: multiplierVerdict(logSlope), crossings, crossingShare, warnings };
}
