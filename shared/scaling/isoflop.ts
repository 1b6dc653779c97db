// Chinchilla approach 2: isoFLOP profiles. Runs are binned by training compute; in each bin the
// loss is fitted by a parabola in log N, whose minimum is that compute's optimal model size;
// N_opt = k·C^a is then fitted across bins by least squares in log space.
import { fitPowerLaw } from './power-law';
import { observationCompute, validateObservations } from './observations';
import type { PowerLawFit, RejectedObservation, ScalingObservation } from './types';

export interface IsoFlopOptions {
  /** 'budget': one bin per computeBudget label; 'log': runs clustered in log compute; 'auto' (default): 'budget' when every run has a label. */
  binning?: 'auto' | 'budget' | 'log';
  /** Widest span of one 'log' bin, in decades of compute (default 0.1, i.e. a factor of 1.26). */
  binWidthDecades?: number;
  /** Distinct model sizes a bin needs for its parabola (default 3). */
  minDistinctN?: number;
  /** Use a bin only if its minimum lies within the model sizes it sampled (default true): a vertex outside is an extrapolation. */
  requireInteriorMinimum?: boolean;
}

export type IsoFlopBinStatus = 'ok' | 'too-few-sizes' | 'not-convex' | 'minimum-outside-range';

export interface IsoFlopBin {
  /** The bin's compute: its budget label, or the geometric mean of its runs' compute. */
  compute: number;
  runIds: string[];
  /** loss ≈ c0 + c1·ln N + c2·(ln N)², for drawing the curve; null with too few sizes. */
  parabola: { c0: number; c1: number; c2: number } | null;
  /** Model size at the parabola's minimum (NaN if none), the tokens C/(6·N_opt) and the loss there. */
  nOpt: number;
  dOpt: number;
  lossAtOpt: number;
  /** Smallest and largest N sampled in the bin. */
  nRange: [number, number];
  status: IsoFlopBinStatus;
  /** Whether the bin enters the power-law fit. */
  used: boolean;
}

export interface IsoFlopProfiles {
  bins: IsoFlopBin[];
  /** N_opt = k·C^a over the used bins (null with fewer than 2). */
  nOpt: PowerLawFit | null;
  /** D_opt = k·C^b over the used bins. */
  dOpt: PowerLawFit | null;
  rejected: RejectedObservation[];
}

interface Run {
  o: ScalingObservation;
  /** Position in the caller's array, for error reports. */
  index: number;
  C: number;
}

export function fitIsoFlopProfiles(observations: readonly ScalingObservation[], options: IsoFlopOptions = {}): IsoFlopProfiles {
  const { valid, rejected } = validateObservations(observations, false);
  const runs = valid
    .map((o) => ({
      o,
      index: observations.indexOf(o),
      C: o.D === undefined && o.flops === undefined ? NaN : observationCompute(o),
    }))
    .filter((r) => {
      if (Number.isFinite(r.C) || r.o.computeBudget !== undefined) return true;
      rejected.push({ index: r.index, id: r.o.id, field: 'D', value: r.o.D, expected: 'D or flops or computeBudget to place the run' });
      return false;
    });
  const mode = options.binning ?? 'auto';
  const byBudget = mode === 'budget' || (mode === 'auto' && runs.length > 0 && runs.every((r) => r.o.computeBudget !== undefined));
  const groups = byBudget ? binByBudget(runs, rejected) : binByLogCompute(runs, options.binWidthDecades ?? 0.1, rejected);
  const bins = groups.map((g) => fitBin(g.compute, g.runs, options));
  const used = bins.filter((b) => b.used);
  return {
    bins,
    nOpt: fitPowerLaw(used.map((b) => b.compute), used.map((b) => b.nOpt)),
    dOpt: fitPowerLaw(used.map((b) => b.compute), used.map((b) => b.dOpt)),
    rejected,
  };
}

function binByBudget(runs: Run[], rejected: RejectedObservation[]): { compute: number; runs: Run[] }[] {
  const groups = new Map<number, Run[]>();
  runs.forEach((r) => {
    const budget = r.o.computeBudget;
    if (budget === undefined) {
      rejected.push({ index: r.index, id: r.o.id, field: 'computeBudget', value: undefined, expected: 'a compute budget label on every run when binning by budget' });
      return;
    }
    groups.set(budget, [...(groups.get(budget) ?? []), r]);
  });
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([compute, rs]) => ({ compute, runs: rs }));
}

/** Sorted by compute, a new bin starts when a run is more than `width` decades above the bin's first run. */
function binByLogCompute(runs: Run[], width: number, rejected: RejectedObservation[]): { compute: number; runs: Run[] }[] {
  for (const r of runs) {
    if (!Number.isFinite(r.C)) {
      rejected.push({ index: r.index, id: r.o.id, field: 'D', value: r.o.D, expected: 'D or flops when binning by compute' });
    }
  }
  const sorted = runs.filter((r) => Number.isFinite(r.C)).sort((a, b) => a.C - b.C);
  const groups: { compute: number; runs: Run[] }[] = [];
  let current: Run[] = [];
  for (const r of sorted) {
    if (current.length > 0 && Math.log10(r.C) - Math.log10(current[0]!.C) > width) {
      groups.push({ compute: geometricMean(current.map((c) => c.C)), runs: current });
      current = [];
    }
    current.push(r);
  }
  if (current.length > 0) groups.push({ compute: geometricMean(current.map((c) => c.C)), runs: current });
  return groups;
}

function fitBin(compute: number, runs: Run[], options: IsoFlopOptions): IsoFlopBin {
  const logN = runs.map((r) => Math.log(r.o.N));
  const nRange: [number, number] = [Math.exp(Math.min(...logN)), Math.exp(Math.max(...logN))];
  const base = { compute, runIds: runs.map((r) => r.o.id), nRange };
  const none = { parabola: null, nOpt: NaN, dOpt: NaN, lossAtOpt: NaN, used: false };
  if (new Set(logN).size < (options.minDistinctN ?? 3)) return { ...base, ...none, status: 'too-few-sizes' };

  const center = logN.reduce((s, v) => s + v, 0) / logN.length;
  const q = fitQuadratic(
    logN.map((x) => x - center),
    runs.map((r) => r.o.L),
    runs.map((r) => r.o.weight ?? 1),
  );
  if (q === null) return { ...base, ...none, status: 'too-few-sizes' };
  const [q0, q1, q2] = q;
  const parabola = { c0: q0 - q1 * center + q2 * center * center, c1: q1 - 2 * q2 * center, c2: q2 };
  if (!(q2 > 0)) return { ...base, ...none, parabola, status: 'not-convex' };
  const u = -q1 / (2 * q2);
  const nOpt = Math.exp(center + u);
  const interior = nOpt >= nRange[0] && nOpt <= nRange[1];
  const status: IsoFlopBinStatus = interior ? 'ok' : 'minimum-outside-range';
  return {
    ...base,
    parabola,
    nOpt,
    dOpt: compute / (6 * nOpt),
    lossAtOpt: q0 + q1 * u + q2 * u * u,
    status,
    used: interior || options.requireInteriorMinimum === false,
  };
}

/** Weighted least squares y ≈ q0 + q1·x + q2·x²; null when the normal equations are singular. */
function fitQuadratic(x: number[], y: number[], w: number[]): [number, number, number] | null {
  const m = [
    [0, 0, 0, 0],
    [0, 0, 0, 0],
    [0, 0, 0, 0],
  ];
  for (let i = 0; i < x.length; i++) {
    const basis = [1, x[i]!, x[i]! * x[i]!];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r]![c]! += w[i]! * basis[r]! * basis[c]!;
      m[r]![3]! += w[i]! * basis[r]! * y[i]!;
    }
  }
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (!(Math.abs(m[pivot]![col]!) > 1e-12 * Math.max(1, Math.abs(m[0]![0]!)))) return null;
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = m[r]![col]! / m[col]![col]!;
      for (let c = col; c < 4; c++) m[r]![c]! -= f * m[col]![c]!;
    }
  }
  return [m[0]![3]! / m[0]![0]!, m[1]![3]! / m[1]![1]!, m[2]![3]! / m[2]![2]!];
}

function geometricMean(values: number[]): number {
  return Math.exp(values.reduce((s, v) => s + Math.log(v), 0) / values.length);
}
