// The Chinchilla approach-3 objective with its analytic gradient:
//   Σ_i w_i · Huber_δ( LSE(a − α·log N_i, b − β·log D_i, e) − log L_i )
// for one or several arms (variants) fitted together. Each arm has its own a, b, α, β;
// e is either one free parameter shared by all arms or a fixed constant.
//
// Three choices keep it fast and well conditioned; none changes the function being minimized:
// - a and b are re-centred, a' = a − α·c_N and b' = b − β·c_D (c = mean log N, log D), so a' and α
//   are no longer nearly collinear, which saves L-BFGS many iterations;
// - A/N^α and B/D^β are computed once per distinct N and D of an arm, and the prediction once per
//   distinct (N, D) design: runs share model sizes and token budgets, and the Huber sum over the
//   runs of one design takes O(log m) (grouped-huber.ts). LSE is taken as the log of the plain
//   sum, and a point where that overflows or underflows double precision counts as infinitely bad;
// - the value is divided by δ·Σw, so gradients are O(1) whatever the data size and one set of
//   tolerances serves every fit.

import { GroupedHuberSums, huberSlope } from './grouped-huber';

export interface ArmArrays {
  N: ArrayLike<number>;
  D: ArrayLike<number>;
  L: ArrayLike<number>;
  weight: ArrayLike<number>;
}

/** a, b, α, β of one arm in the published (uncentred) parametrization. */
export interface ArmLogParams {
  a: number;
  b: number;
  alpha: number;
  beta: number;
}

/** Distinct values of one variable per arm, and each observation's index into them. */
interface DistinctTable {
  /** Centred log of each distinct value, arms back to back. */
  logValue: Float64Array;
  /** Start of each arm's distinct values (length arms + 1). */
  start: Int32Array;
  /** Per observation: index into logValue. */
  index: Int32Array;
  /** Work array: the power term per distinct value. */
  term: Float64Array;
}

export class ChinchillaObjective {
  readonly arms: number;
  readonly dimension: number;
  readonly freeE: boolean;
  readonly centerLogN: number;
  readonly centerLogD: number;
  private readonly logL: Float64Array;
  private readonly baseWeight: Float64Array;
  private readonly weight: Float64Array;
  private readonly nTable: DistinctTable;
  private readonly dTable: DistinctTable;
  /** The distinct (N, D) designs: each arm's designs back to back, with their N and D table entries. */
  private readonly designStart: Int32Array;
  private readonly designN: Int32Array;
  private readonly designD: Int32Array;
  private readonly huber: GroupedHuberSums;
  private scale = 1;
  private totalWeight = 0;

  constructor(
    armData: readonly ArmArrays[],
    readonly delta: number,
    readonly fixedE: number | null,
  ) {
    if (!(delta > 0)) throw new Error(`Huber delta must be > 0, got ${delta}`);
    this.arms = armData.length;
    this.freeE = fixedE === null;
    this.dimension = 4 * this.arms + (this.freeE ? 1 : 0);
    const total = armData.reduce((sum, arm) => sum + arm.N.length, 0);
    this.logL = new Float64Array(total);
    this.baseWeight = new Float64Array(total);
    this.weight = new Float64Array(total);
    let k = 0;
    for (const arm of armData) {
      for (let i = 0; i < arm.L.length; i++, k++) {
        this.logL[k] = Math.log(arm.L[i]!);
        this.baseWeight[k] = arm.weight[i]!;
      }
    }
    this.centerLogN = meanLog(armData.map((arm) => arm.N));
    this.centerLogD = meanLog(armData.map((arm) => arm.D));
    this.nTable = distinctTable(armData.map((arm) => arm.N), this.centerLogN);
    this.dTable = distinctTable(armData.map((arm) => arm.D), this.centerLogD);
    const designs = designTable(armData.map((arm) => arm.N.length), this.nTable.index, this.dTable.index);
    this.designStart = designs.start;
    this.designN = designs.n;
    this.designD = designs.d;
    this.huber = new GroupedHuberSums(designs.of, designs.n.length, this.logL, delta);
    this.setMultiplicity(null);
  }

  get observations(): number {
    return this.logL.length;
  }

  get weightTotal(): number {
    return this.totalWeight;
  }

  /** Bootstrap resampling: observation i counts `multiplicity[i]` times (null restores the data as given). */
  setMultiplicity(multiplicity: ArrayLike<number> | null): void {
    let total = 0;
    for (let i = 0; i < this.weight.length; i++) {
      const w = this.baseWeight[i]! * (multiplicity ? multiplicity[i]! : 1);
      this.weight[i] = w;
      total += w;
    }
    this.totalWeight = total;
    this.scale = total > 0 ? 1 / (this.delta * total) : 1;
    this.huber.setWeights(this.weight);
  }

  /** Converts a scaled objective value back to the weighted Huber sum Σ w·Huber(r). */
  huberSum(scaledValue: number): number {
    return scaledValue / this.scale;
  }

  /** Scaled objective Σ w·Huber(r) / (δ·Σw) at internal point x; writes its gradient into `gradient`. */
  readonly evaluate = (x: Float64Array, gradient: Float64Array): number => {
    const { nTable, dTable, designStart, designN, designD, huber, delta } = this;
    const { groupStart, center, w } = huber;
    const expE = Math.exp(this.freeE ? x[4 * this.arms]! : this.fixedE!);
    const nTerm = nTable.term;
    const dTerm = dTable.term;
    const nLog = nTable.logValue;
    const dLog = dTable.logValue;
    const scale = this.scale;
    let total = 0;
    let coefE = 0;
    for (let v = 0; v < this.arms; v++) {
      const o = 4 * v;
      fillTerms(nTable, v, x[o]!, x[o + 2]!);
      fillTerms(dTable, v, x[o + 1]!, x[o + 3]!);
      // Gradient sums kept in locals: accumulating per distinct value in memory would chain
      // every iteration on the previous store when consecutive designs share a size.
      let gA = 0;
      let gB = 0;
      let gAlpha = 0;
      let gBeta = 0;
      const end = designStart[v + 1]!;
      for (let g = designStart[v]!; g < end; g++) {
        const first = groupStart[g]!;
        const single = groupStart[g + 1]! - first === 1;
        // A design no run of this resample draws adds nothing: no log to take.
        if (single ? w[first] === 0 : huber.weightOf(g) === 0) continue;
        const ni = designN[g]!;
        const di = designD[g]!;
        const tN = nTerm[ni]!;
        const tD = dTerm[di]!;
        const sum = tN + tD + expE;
        // Not finite when the sum overflows or underflows: the total then is too, and is reported as Infinity.
        const p = Math.log(sum);
        // Most designs of a small fit have one run: summed in place, without the search.
        let slope: number;
        if (single) {
          const r = p - center[g]!;
          const d = huberSlope(r, delta);
          const wk = w[first]!;
          total += wk * d * (r - 0.5 * d);
          slope = wk * d;
        } else {
          total += huber.sum(g, p);
          slope = huber.slope;
        }
        const c = slope / sum;
        const cN = c * tN;
        const cD = c * tD;
        gA += cN;
        gAlpha -= cN * nLog[ni]!;
        gB += cD;
        gBeta -= cD * dLog[di]!;
        coefE += c;
      }
      gradient[o] = gA * scale;
      gradient[o + 1] = gB * scale;
      gradient[o + 2] = gAlpha * scale;
      gradient[o + 3] = gBeta * scale;
    }
    if (this.freeE) gradient[4 * this.arms] = coefE * expE * this.scale;
    if (!(total < Infinity)) return Infinity;
    return total * this.scale;
  };

  /** Writes arm parameters (published parametrization) and e into internal coordinates. */
  toInternal(arms: readonly ArmLogParams[], e: number, out: Float64Array): Float64Array {
    arms.forEach((p, v) => {
      out[4 * v] = p.a - p.alpha * this.centerLogN;
      out[4 * v + 1] = p.b - p.beta * this.centerLogD;
      out[4 * v + 2] = p.alpha;
      out[4 * v + 3] = p.beta;
    });
    if (this.freeE) out[4 * this.arms] = e;
    return out;
  }

  armFromInternal(x: ArrayLike<number>, arm: number): ArmLogParams {
    const alpha = x[4 * arm + 2]!;
    const beta = x[4 * arm + 3]!;
    return {
      a: x[4 * arm]! + alpha * this.centerLogN,
      b: x[4 * arm + 1]! + beta * this.centerLogD,
      alpha,
      beta,
    };
  }

  eFromInternal(x: ArrayLike<number>): number {
    return this.freeE ? x[4 * this.arms]! : this.fixedE!;
  }
}

/** term[u] = exp(c − exponent·log value[u]) for arm v's distinct values. */
function fillTerms(table: DistinctTable, v: number, c: number, exponent: number): void {
  const { logValue, term } = table;
  const end = table.start[v + 1]!;
  for (let u = table.start[v]!; u < end; u++) term[u] = Math.exp(c - exponent * logValue[u]!);
}

function meanLog(columns: readonly ArrayLike<number>[]): number {
  let sum = 0;
  let n = 0;
  for (const column of columns) {
    for (let i = 0; i < column.length; i++, n++) sum += Math.log(column[i]!);
  }
  return n > 0 ? sum / n : 0;
}

function distinctTable(columns: readonly ArrayLike<number>[], center: number): DistinctTable {
  const logValues: number[] = [];
  const start = new Int32Array(columns.length + 1);
  const index = new Int32Array(columns.reduce((s, c) => s + c.length, 0));
  let k = 0;
  columns.forEach((column, v) => {
    start[v] = logValues.length;
    const seen = new Map<number, number>();
    for (let i = 0; i < column.length; i++, k++) {
      const value = column[i]!;
      let u = seen.get(value);
      if (u === undefined) {
        u = logValues.length;
        seen.set(value, u);
        logValues.push(Math.log(value) - center);
      }
      index[k] = u;
    }
  });
  start[columns.length] = logValues.length;
  const size = logValues.length;
  return {
    logValue: Float64Array.from(logValues),
    start,
    index,
    term: new Float64Array(size),
  };
}

/** The distinct (N-entry, D-entry) pairs of each arm, and each observation's pair. */
function designTable(armSizes: readonly number[], nIndex: Int32Array, dIndex: Int32Array) {
  const of = new Int32Array(nIndex.length);
  const start = new Int32Array(armSizes.length + 1);
  const n: number[] = [];
  const d: number[] = [];
  let k = 0;
  armSizes.forEach((size, v) => {
    start[v] = n.length;
    const seen = new Map<string, number>();
    for (let i = 0; i < size; i++, k++) {
      const key = `${nIndex[k]}|${dIndex[k]}`;
      let g = seen.get(key);
      if (g === undefined) {
        g = n.length;
        seen.set(key, g);
        n.push(nIndex[k]!);
        d.push(dIndex[k]!);
      }
      of[k] = g;
    }
  });
  start[armSizes.length] = n.length;
  return { of, start, n: Int32Array.from(n), d: Int32Array.from(d) };
}
