// Whether the runs of a fit can pin down the Chinchilla parameters at all. Two checks:
// - the design: A/N^α and B/D^β can only be told apart when D varies apart from N. The spread
//   is the standard deviation of log D around its least-squares line in log N over the distinct
//   (N, D) designs (seeds and sweeps repeat designs; repeating one adds no such variation): 0 when
//   every run trains at one tokens-per-parameter ratio (D = k·N), or on any one curve D = k·N^s;
// - the fit: the condition number of the Jacobian of log L̂ with respect to (log E, log A, α,
//   log B, β) at the optimum, in the fit's centred coordinates, columns scaled to unit length.
//   A large one means some combination of parameters barely changes the predictions: the data
//   leave it to the optimizer's starting point, and its bootstrap interval is meaningless.
// What such runs do identify is the loss against compute (compute-power-law.ts).
import type { ChinchillaParams, ScalingObservation } from './types';

export interface FitIdentifiability {
  identifiable: boolean;
  /** Why not, in a sentence a researcher can act on; null when identifiable. */
  reason: string | null;
  /** Smallest and largest tokens per parameter among the runs. */
  tokensPerParameter: [number, number];
  /** Standard deviation of log D around its least-squares line in log N, over the distinct (N, D) designs. */
  ratioSpread: number;
  conditionNumber: number;
}

/**
 * Below this spread the runs do not separate α from β, whatever the noise: ratios 20 and 30 at four
 * sizes (spread 0.20) fit α anywhere from 0.14 to 0.48 for a true 0.34 from 0.3 % noise. Ratios a
 * factor 2 apart spread 0.35, isoFLOP designs and ladders at ratios a factor 4 apart 0.5 and more.
 * See identifiability.test.ts for where designs fall.
 */
export const MIN_RATIO_SPREAD = 0.25;
/**
 * Above this condition number the parameters are not pinned down even by a design that spreads:
 * designs that recover a known law sit at 40–300 (noise moves the fit, and with it this number);
 * one ratio reaches 10⁶ and more.
 */
export const MAX_CONDITION_NUMBER = 1000;

export function chinchillaIdentifiability(observations: readonly Pick<ScalingObservation, 'N' | 'D'>[], params: ChinchillaParams): FitIdentifiability {
  const logN = observations.map((o) => Math.log(o.N));
  const logD = observations.map((o) => Math.log(o.D));
  const ratios = observations.map((o) => o.D / o.N);
  const tokensPerParameter: [number, number] = [Math.min(...ratios), Math.max(...ratios)];
  const designs = [...new Map(observations.map((o) => [`${o.N}|${o.D}`, o])).values()];
  const ratioSpread = residualSpread(designs.map((o) => Math.log(o.N)), designs.map((o) => Math.log(o.D)));
  const conditionNumber = jacobianCondition(logN, logD, params);
  const ratioText = `${round(tokensPerParameter[0])}${Math.round(tokensPerParameter[1]) !== Math.round(tokensPerParameter[0]) ? `–${round(tokensPerParameter[1])}` : ''}`;
  let reason: string | null = null;
  const separate = 'the data cannot tell A/N^α from B/D^β, and E, A, α, B, β, a and b are wherever the optimizer stopped';
  if (tokensPerParameter[1] / tokensPerParameter[0] < 1.1) {
    reason = `Every run trains on about ${ratioText} tokens per parameter, so N and D grow together: ${separate}. Runs at a second ratio, a factor 3–4 apart, separate them.`;
  } else if (ratioSpread < 0.02) {
    reason = `The runs' token counts follow their model sizes (${ratioText} tokens per parameter, on one curve in N), so ${separate}. Runs off that curve separate them.`;
  } else if (ratioSpread < MIN_RATIO_SPREAD) {
    reason = `The runs' tokens per parameter (${ratioText}) vary too little apart from their model sizes (spread ${ratioSpread.toFixed(2)} of log D at a given N, below ${MIN_RATIO_SPREAD}): ${separate}. Ratios a factor 3–4 apart separate them.`;
  } else if (!(conditionNumber <= MAX_CONDITION_NUMBER)) {
    reason = `The runs do not pin the five parameters down (the fit's condition number is ${Number.isFinite(conditionNumber) ? Math.round(conditionNumber).toLocaleString('en-US') : 'unbounded'}, above ${MAX_CONDITION_NUMBER.toLocaleString('en-US')}): some combination of them barely changes the predictions. More sizes, or a wider spread of tokens per parameter, would.`;
  }
  return { identifiable: reason === null, reason, tokensPerParameter, ratioSpread, conditionNumber };
}

const round = (v: number) => (v >= 10 ? Math.round(v).toString() : v.toPrecision(2));

/** Standard deviation of y around its least-squares line in x (0 when x does not vary and y does not either). */
function residualSpread(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i]! - mx) ** 2;
    sxy += (x[i]! - mx) * (y[i]! - my);
    syy += (y[i]! - my) ** 2;
  }
  const residual = sxx > 0 ? syy - (sxy * sxy) / sxx : syy;
  return Math.sqrt(Math.max(0, residual) / n);
}

/** Condition number of the column-normalized Jacobian of log L̂ in (e, a', α, b', β), centred as the objective is. */
function jacobianCondition(logN: readonly number[], logD: readonly number[], p: ChinchillaParams): number {
  const n = logN.length;
  const cN = logN.reduce((s, v) => s + v, 0) / n;
  const cD = logD.reduce((s, v) => s + v, 0) / n;
  const columns = Array.from({ length: 5 }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const tN = p.A * Math.exp(-p.alpha * logN[i]!);
    const tD = p.B * Math.exp(-p.beta * logD[i]!);
    const S = tN + tD + p.E;
    columns[0]![i] = p.E / S;
    columns[1]![i] = tN / S;
    columns[2]![i] = (-(logN[i]! - cN) * tN) / S;
    columns[3]![i] = tD / S;
    columns[4]![i] = (-(logD[i]! - cD) * tD) / S;
  }
  const norms = columns.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  if (norms.some((v) => !(v > 0) || !Number.isFinite(v))) return Infinity;
  const gram = columns.map((ci, a) => columns.map((cj, b) => ci.reduce((s, v, i) => s + v * cj[i]!, 0) / (norms[a]! * norms[b]!)));
  const eigen = symmetricEigenvalues(gram);
  const largest = Math.max(...eigen);
  const smallest = Math.min(...eigen);
  return smallest > 0 ? Math.sqrt(largest / smallest) : Infinity;
}

/** Eigenvalues of a small symmetric matrix by cyclic Jacobi rotations. */
export function symmetricEigenvalues(matrix: readonly (readonly number[])[]): number[] {
  const a = matrix.map((row) => [...row]);
  const n = a.length;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i]![j]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  return a.map((row, i) => row[i]!);
}
