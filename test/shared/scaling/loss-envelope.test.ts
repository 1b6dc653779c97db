import { describe, expect, it } from 'vitest';
import {
  computeLossEnvelope,
  computeOptimalExponents,
  logSpaced,
  predictLoss,
  syntheticTrainingCurves,
  type TrainingCurve,
} from '../../../shared/scaling';
import { CHINCHILLA } from './chinchilla-fixture';

const sizes = logSpaced(5e7, 3e9, 12);
const curves = syntheticTrainingCurves({ params: CHINCHILLA, N: sizes, finalTokens: 2e11, pointsPerCurve: 100, firstFraction: 1e-3 });

describe('loss envelope over training curves (approach 1)', () => {
  it('is the lowest loss any run reached at each FLOP count, with the size that reached it', () => {
    const envelope = computeLossEnvelope(curves, { gridSize: 120 });
    expect(envelope.points).toHaveLength(120);
    for (const point of envelope.points.filter((_, i) => i % 10 === 0)) {
      // Every curve that covers this FLOP count is at or above the envelope there (up to interpolation).
      for (const N of sizes) {
        const tokens = point.flops / (6 * N);
        if (tokens < 2e8 || tokens > 2e11) continue;
        expect(predictLoss(CHINCHILLA, N, tokens)).toBeGreaterThanOrEqual(point.loss - 1e-3);
      }
      expect(point.tokens).toBeCloseTo(point.flops / (6 * point.N), 0);
    }
    // Larger compute is reached best by larger models.
    const ns = envelope.points.map((p) => p.N);
    expect(ns.every((N, i) => i === 0 || N >= ns[i - 1]!)).toBe(true);
    expect(new Set(ns).size).toBe(12);
  });

  it('fits N_opt ∝ C^a close to the true exponent, leaving out stretches held by the smallest or largest model', () => {
    const envelope = computeLossEnvelope(curves);
    const a = computeOptimalExponents(CHINCHILLA).a;
    expect(envelope.edgeSizesExcluded).toBe(true);
    // N on the envelope is a staircase over 12 sizes, so the exponent is recovered to about ±0.01.
    expect(Math.abs(envelope.nOpt!.exponent - a)).toBeLessThan(0.015);
    expect(Math.abs(envelope.dOpt!.exponent - (1 - a))).toBeLessThan(0.015);
    // Including the edges biases the exponent: the smallest model "wins" where nothing smaller was trained.
    const withEdges = computeLossEnvelope(curves, { excludeEdgeSizes: false });
    expect(Math.abs(withEdges.nOpt!.exponent - a)).toBeGreaterThan(0.02);
  });

  it('uses intermediate points: an early checkpoint of a large run can be on the envelope', () => {
    // Two runs: a small model trained long, a large model whose early checkpoints are good.
    const two: TrainingCurve[] = [
      { id: 'small', N: 1e8, points: [{ tokens: 1e9, loss: 3.0 }, { tokens: 1e11, loss: 2.6 }] },
      { id: 'large', N: 1e9, points: [{ tokens: 1e9, loss: 2.7 }, { tokens: 1e10, loss: 2.3 }] },
    ];
    const envelope = computeLossEnvelope(two, { gridSize: 50 });
    const at = (flops: number) => envelope.points.reduce((best, p) => (Math.abs(Math.log(p.flops / flops)) < Math.abs(Math.log(best.flops / flops)) ? p : best));
    // At 1e19 FLOPs the large run is between its first checkpoint (6e18) and its end (6e19).
    expect(at(1e19).runId).toBe('large');
    expect(at(1e19).N).toBe(1e9);
    const p = at(1e19);
    expect(p.loss).toBeCloseTo(2.7 - 0.4 * Math.log10(p.flops / 6e18), 10);
    expect(at(6e17).runId).toBe('small');
  });

  it('reports bad points and curves with where and what, and keeps the rest', () => {
    const envelope = computeLossEnvelope([
      { id: 'ok', N: 1e8, points: [{ tokens: 1e9, loss: 3 }, { tokens: 1e10, loss: -2 }, { tokens: 1e11, loss: 2.5 }] },
      { id: 'no-size', N: 0, points: [{ tokens: 1e9, loss: 3 }] },
      { id: 'no-x', N: 1e9, points: [{ loss: 3 }, { flops: 6e19, loss: 2.4 }] },
    ]);
    expect(envelope.rejected).toEqual([
      { curveId: 'ok', index: 1, field: 'loss', value: -2, expected: 'a finite number > 0' },
      { curveId: 'no-size', index: -1, field: 'N', value: 0, expected: 'a finite number > 0' },
      { curveId: 'no-x', index: 0, field: 'tokens', value: undefined, expected: 'a finite number > 0' },
    ]);
    expect(envelope.curvesUsed).toBe(2);
    expect(envelope.points.length).toBeGreaterThan(0);
  });
});
