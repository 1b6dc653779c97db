// Streams a run's metrics.jsonl exactly as a training job appends it, restarts and divergence included.
import { BufferedFileWriter } from './buffered-file';
import { createCurveModel } from './curve-model';
import { createSeededRandom, type SeededRandom } from '../../../shared/random/seeded-random';
import { forEachLogLine } from './run-layout';
import type { RunPlan } from './run-plan';

const TRAIN_NOISE = 0.01;
const TRAIN_DRIFT = 0.006;
const DRIFT_MEMORY = 0.97;

/** A long run's extra metrics on one line: layer grad norms around the total, norms and throughput. */
function auxFields(aux: AuxMetrics, step: number, diverged: boolean, rng: SeededRandom): string {
  let out = '';
  const norm = aux.curve.gradNorm(step);
  for (let i = 0; i < aux.keys.length; i++) {
    const value = diverged ? '"NaN"' : round(aux.scales[i]! * norm * (0.97 + 0.06 * rng.next()), 4);
    out += `,"${aux.keys[i]}":${value}`;
  }
  return out;
}

interface AuxMetrics {
  keys: readonly string[];
  scales: number[];
  curve: ReturnType<typeof createCurveModel>;
}

const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/** Writes the file and returns its size in bytes. */
export function writeRunMetrics(plan: RunPlan, filePath: string, seed: number): number {
  const curve = createCurveModel(plan);
  const rng = createSeededRandom(seed, `curve:${plan.key}`);
  const writer = new BufferedFileWriter(filePath);
  const gaps = new Set(plan.gradNormGaps);
  const missing = new Set(plan.missingEvals.map((m) => `${m.step}|${m.key}`));
  const nanFrom = plan.divergence?.nanFromStep ?? Infinity;
  const attemptShiftSec = plan.restart
    ? (plan.restart.crashStep - plan.restart.resumeStep) * plan.secondsPerStep + plan.restart.downtimeSec
    : 0;
  const pointNoise = curve.evals.map((e) => e.pointNoise);
  const aux: AuxMetrics = {
    keys: plan.auxMetricKeys,
    // Per metric: a layer's share of the total norm; norms and throughput on their own scales.
    scales: plan.auxMetricKeys.map((key, i) => (key.includes('layer_') ? 0.15 + 0.05 * (i % 5) : key.endsWith('tokens_per_sec') ? 2.1e5 : key.endsWith('mfu') ? 0.45 : 40 + i)),
    curve,
  };
  let drift = 0;
  try {
    forEachLogLine(plan, (step, attempt, isEval) => {
      drift = DRIFT_MEMORY * drift + Math.sqrt(1 - DRIFT_MEMORY ** 2) * TRAIN_DRIFT * rng.normal();
      const time = round(plan.startSec + step * plan.secondsPerStep + attempt * attemptShiftSec + 0.05 * rng.next(), 1);
      const lr = Number(curve.lrAt(step).toPrecision(4));
      const diverged = step >= nanFrom;
      const gapped = attempt === 0 && gaps.has(step);
      let loss: number | string;
      let gradNorm: number | string;
      if (diverged) {
        loss = '"NaN"';
        gradNorm = step === nanFrom ? '"Infinity"' : '"NaN"';
      } else {
        loss = round(curve.underlyingLoss(step) + drift + TRAIN_NOISE * rng.normal(), 4);
        gradNorm = gapped ? 'null' : round(curve.gradNorm(step) * (1 + 0.04 * rng.normal()), 3);
      }
      let line = `{"step":${step},"tokens":${step * plan.batchTokens},"time":${time},"train/loss":${loss},"train/lr":${lr},"train/grad_norm":${gradNorm}`;
      if (aux.keys.length > 0) line += auxFields(aux, step, diverged, rng);
      if (isEval) {
        for (let i = 0; i < plan.evalKeys.length; i++) {
          const key = plan.evalKeys[i];
          let value: number | string;
          if (diverged) value = '"NaN"';
          else if (attempt === 0 && missing.has(`${step}|${key}`)) value = 'null';
          else value = round(curve.evalValue(i, step) + pointNoise[i] * rng.normal(), 4);
          line += `,"${key}":${value}`;
        }
      }
      writer.write(line + '}\n');
    });
  } finally {
    writer.close();
  }
  return writer.bytesWritten;
}
