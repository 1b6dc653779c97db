// An ablation slide's headline against its chart, over many generated ablations: every verdict the
// headline names is a row the chart draws, with the same symbol and figure; the verdicts themselves
// follow from the Welch intervals beside them; and moved rows are never the ones left out.
import { describe, expect, it } from 'vitest';
import type { AblationChange, VerdictCell } from '../../../../shared/api/review-methods';
import { welchTTest, welchVerdict } from '../../../../shared/stats';
import { createSeededRandom } from '../../../../shared/random/seeded-random';
import { ablationSlideModel } from '../../../../renderer/src/pages/review/ablation-slide-model';
import { VERDICT_TEXT } from '../../../../renderer/src/pages/review/review-format';

const rng = createSeededRandom(5);
const SIZES = [5.1e7, 1.24e8, 3.02e8, 7.08e8, 1.46e9, 3e9];

/** A cell from seeds drawn around a true delta: one or several seeds per arm, the verdict by Welch. */
function cell(params: number, variant: string, seeds: number): VerdictCell {
  const effect = 0.01 * rng.normal();
  const variantValues = Array.from({ length: seeds }, () => 2.5 + effect + 0.005 * rng.normal());
  const baselineValues = Array.from({ length: 1 + rng.index(3) }, () => 2.5 + 0.005 * rng.normal());
  const welch = welchTTest(variantValues, baselineValues);
  return {
    params,
    variant,
    x: 1e10,
    delta: welch.difference,
    interval: welch.noiseEstimate ? [welch.interval[0], welch.interval[1]] : null,
    variantSeeds: seeds,
    baselineSeeds: baselineValues.length,
    verdict: welchVerdict(welch, 'lower'),
  };
}

function randomChange(): AblationChange {
  const sizes = SIZES.slice(0, 2 + rng.index(SIZES.length - 1));
  const variants = ['muon', 'mup', 'top-15'].slice(0, 1 + rng.index(3));
  const now = sizes.flatMap((p) => variants.map((v) => cell(p, v, 1 + rng.index(3))));
  // At the review: fewer seeds (or none yet) of the same cells.
  const before = now.filter(() => rng.next() < 0.7).map((c) => cell(c.params!, c.variant, 1 + rng.index(2)));
  const key = (c: { params: number | null; variant: string }) => `${c.params}|${c.variant}`;
  const beforeBy = new Map(before.map((c) => [key(c), c]));
  const moves = now
    .filter((c) => beforeBy.get(key(c))?.verdict !== c.verdict)
    .map((c) => ({ params: c.params, variant: c.variant, before: beforeBy.get(key(c))?.verdict ?? null, now: c.verdict }));
  return { id: 'abl', title: null, question: null, proposal: null, metric: 'loss', better: 'lower', baseline: 'base', compareAt: 'tokens', change: 'changed', before, now, moves };
}

describe('an ablation slide', () => {
  it('headlines only verdicts its chart shows, with the same numbers, for 1,000 generated ablations', () => {
    let checked = 0;
    for (let k = 0; k < 1000; k++) {
      const change = randomChange();
      const maxRows = 2 + rng.index(9);
      const model = ablationSlideModel(change, maxRows, 3);
      expect(model.rows.length).toBeLessThanOrEqual(maxRows);
      const rowsByKey = new Map(model.rows.map((r) => [r.key, r]));
      const nowByKey = new Map(change.now.map((c) => [`${c.params}|${c.variant}`, c]));
      for (const move of model.moves) {
        checked++;
        const row = rowsByKey.get(move.key);
        expect(row, `the headline names ${move.key}, which the chart must draw`).toBeDefined();
        expect(row!.emphasis).toBe(true);
        const c = nowByKey.get(move.key)!;
        // The headline's figure now is the row's figure now: symbol, delta and interval.
        expect(row!.valueText!.startsWith(move.now.replace(` ${VERDICT_TEXT[c.verdict].word}`, ''))).toBe(true);
        expect(move.now.startsWith(`${VERDICT_TEXT[c.verdict].symbol} ${VERDICT_TEXT[c.verdict].word}`)).toBe(true);
        // The verdict follows from the interval written beside it.
        if (c.interval === null) expect(c.verdict).toBe('no-noise-estimate');
        else if (c.interval[1] < 0) expect(c.verdict).toBe('better');
        else if (c.interval[0] > 0) expect(c.verdict).toBe('worse');
        else expect(c.verdict).toBe('within-noise');
        expect(row!.now?.interval ?? null).toEqual(c.interval);
      }
      // A move is left out of the headline only when the list is full; of the chart only when the moves alone overfill it.
      expect(model.moves.length).toBe(Math.min(3, change.moves.length, maxRows));
      expect(model.rows.filter((r) => r.emphasis).length).toBe(Math.min(change.moves.length, maxRows));
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
