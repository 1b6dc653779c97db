// The shape of a run's curves: warm-up, LR decay, loss falling toward the ladder law, spikes,
// divergence, and how each eval follows the underlying loss. Pure functions of the plan.
import { arcArtefactWeight, CODE_LOSS, DEMO_EVALS, DEMO_LADDER_LAW, HELDOUT_C4_OFFSET, INITIAL_LOSS } from './lab-world';
import type { DemoEval } from './lab-world';
import type { RunPlan } from './run-plan';

export interface CurveModel {
  lrAt(step: number): number;
  /** Loss the model has at this step before step-to-step noise (seed offset, spikes and divergence included). */
  underlyingLoss(step: number): number;
  gradNorm(step: number): number;
  /** Noise-free value of the eval at this step (the run's seed offset included). */
  evalValue(index: number, step: number): number;
  evals: DemoEval[];
}

const RAMP_FRACTION = 0.15;

export function createCurveModel(plan: RunPlan): CurveModel {
  const { E, A, B, alpha, beta } = DEMO_LADDER_LAW;
  const { effects, warmupSteps: W, totalSteps: S, batchTokens } = plan;
  const peak = plan.lr;
  const end = peak * plan.lrEndFraction;
  const modelTerm = A / plan.size.params ** alpha;
  const floor = E + effects.mixtureShift + modelTerm;
  const totalTokens = S * batchTokens;
  const annealGap = 0.1 * (modelTerm + B / (totalTokens * effects.tokenEfficiency) ** beta);
  const initTau = Math.max(W / 4, 1);
  const gradDecay = 2 * W + 1;
  const arcWeight = arcArtefactWeight(plan.size.params);
  const evals = plan.evalKeys.map((key) => {
    const found = DEMO_EVALS.find((e) => e.key === key);
    if (!found) throw new Error(`unknown demo eval ${key}`);
    return found;
  });
  const divergenceTau = plan.divergence ? (plan.divergence.nanFromStep - plan.divergence.fromStep) / Math.log(400) : 1;

  const lrAt = (step: number): number => {
    if (step < W) return (peak * step) / W;
    const p = Math.min(1, (step - W) / Math.max(1, S - W));
    if (plan.schedule === 'cosine') return end + (peak - end) * 0.5 * (1 + Math.cos(Math.PI * p));
    if (plan.schedule === 'linear') return peak - (peak - end) * p;
    return p < 0.8 ? peak : end + (peak - end) * (1 - (p - 0.8) / 0.2);
  };

  const blowUp = (step: number): number => {
    if (!plan.divergence || step < plan.divergence.fromStep) return 0;
    return 0.02 * (Math.exp((step - plan.divergence.fromStep) / divergenceTau) - 1);
  };

  const spikeAt = (step: number): number => {
    let total = 0;
    for (const spike of plan.spikes) {
      if (step >= spike.step) total += spike.amplitude * Math.exp(-(step - spike.step) / spike.decaySteps);
    }
    return total;
  };

  const ramp = (step: number) => 1 - Math.exp(-(step / S) / RAMP_FRACTION);

  const underlyingLoss = (step: number): number => {
    const tokens = Math.max(step, 1) * batchTokens * effects.tokenEfficiency;
    const annealing = step < W ? 1 : lrAt(step) / peak;
    let loss = floor + B / tokens ** beta + annealGap * (annealing - plan.lrEndFraction);
    loss += effects.loss * ramp(step) + plan.lossOffset;
    loss += (INITIAL_LOSS - loss) * Math.exp(-step / initTau);
    return loss + spikeAt(step) + blowUp(step);
  };

  const gradNorm = (step: number): number => {
    const base = 0.2 + 0.15 * (1.24e8 / plan.size.params) ** 0.1 + 1.5 * Math.exp(-step / gradDecay);
    return base * (1 + 4 * spikeAt(step) + 50 * blowUp(step));
  };

  const evalValue = (index: number, step: number): number => {
    const spec = evals[index];
    const loss = underlyingLoss(step);
    const offset = plan.evalOffsets[index];
    if (spec.key === 'eval/heldout/c4/loss') return loss + HELDOUT_C4_OFFSET + offset;
    if (spec.key === 'eval/heldout/code/loss') {
      return CODE_LOSS.floor + CODE_LOSS.slope * (loss - E) + effects.code * ramp(step) + offset;
    }
    const acc = spec.accuracy!;
    let value = acc.chance + (acc.top - acc.chance) / (1 + Math.exp(-(acc.mid - (loss + HELDOUT_C4_OFFSET)) / acc.width));
    if (spec.key === 'eval/public/hellaswag/acc') value += effects.publicBoost * ramp(step);
    if (spec.key === 'eval/public/arc-easy/acc') value += (effects.publicBoost + effects.arcArtefact * arcWeight) * ramp(step);
    return value + offset;
  };

  return { lrAt, underlyingLoss, gradNorm, evalValue, evals };
}
