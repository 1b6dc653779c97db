// Loss curves with known injected events, for the detector and sync tests: a power-law decay with
// white noise and a slow random drift (as real training loss wanders), plus NaN from a step on,
// spikes that decay, or a climb. Deterministic per seed.
import { createSeededRandom } from '../../shared/random/seeded-random';

export interface CurveSpec {
  seed: number;
  points: number;
  /** Steps between logged points. */
  every: number;
  /** White noise, in loss units. */
  noise: number;
  /** Standard deviation of the slow drift (an AR(1) with memory 0.97). */
  drift?: number;
  /** Loss from this step on is NaN (through `nanUntil`, exclusive, when given). */
  nanFrom?: number;
  nanUntil?: number;
  /** A spike starts at each step: `amplitude` × the level, decaying over `decayPoints`. */
  spikes?: { step: number; amplitude: number; decayPoints: number }[];
  /** From this step the loss climbs: exponentially (×e every `tauPoints`) from `start` nats, or linearly. */
  climb?: { fromStep: number; start: number; tauPoints?: number; perPoint?: number };
}

export function curveLevel(step: number): number {
  return 2.2 + 9 * (1 + step / 200) ** -0.45;
}

/** [step, value] pairs (NaN for NaN). */
export function injectedCurve(spec: CurveSpec): Array<[number, number]> {
  const normal = createSeededRandom(spec.seed).normal;
  let drift = 0;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < spec.points; i++) {
    const step = i * spec.every;
    drift = 0.97 * drift + Math.sqrt(1 - 0.97 ** 2) * (spec.drift ?? 0) * normal();
    let value = curveLevel(step) + drift + spec.noise * normal();
    for (const spike of spec.spikes ?? []) {
      if (step >= spike.step) value += spike.amplitude * curveLevel(spike.step) * Math.exp(-(step - spike.step) / spec.every / spike.decayPoints);
    }
    const climb = spec.climb;
    if (climb && step >= climb.fromStep) {
      const k = (step - climb.fromStep) / spec.every;
      value += climb.perPoint !== undefined ? climb.start + climb.perPoint * k : climb.start * Math.exp(k / (climb.tauPoints ?? 2));
    }
    if (spec.nanFrom !== undefined && step >= spec.nanFrom && (spec.nanUntil === undefined || step < spec.nanUntil)) value = NaN;
    out.push([step, Math.round(value * 1e5) / 1e5]);
  }
  return out;
}
